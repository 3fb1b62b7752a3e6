import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasBrowser, watchPage } from '../harness/browser';
import { type Served, setupSite } from '../harness/site';

describe.skipIf(!hasBrowser)('browser: home page and live presence', () => {
  let site: Served;
  let browser: Browser;
  setupSite((ready) => ({ site, browser } = ready));

  it('is in Spanish, connects to the room and counts a second reader', async () => {
    const first = await browser.newPage();
    const watch = await watchPage(first);
    await first.goto(`${site.origin}/`);

    expect(await first.locator('html').getAttribute('lang')).toBe('es');
    const badge = first.locator('.presence-badge');
    await badge.locator('text=conectado').waitFor();
    const count = () => badge.getByTestId('presence-count').textContent().then(Number);
    expect(await count()).toBeGreaterThanOrEqual(1);
    const before = await count();

    const second = await browser.newPage();
    await second.goto(`${site.origin}/`);
    await second.locator('.presence-badge >> text=conectado').waitFor();
    await expect.poll(count, { timeout: 10_000 }).toBe(before + 1);

    await second.close();
    await expect.poll(count, { timeout: 10_000 }).toBe(before);

    expect(watch.problems).toEqual([]);
    expect(watch.external).toEqual([]);
    await first.close();
  });
});
