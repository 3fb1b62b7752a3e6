/**
 * Starlight's table of contents on a long lesson: asleep at load (its script walks the
 * whole page, and nothing it shows can change before the reader moves), with the overview
 * marked current as Starlight marks it at the top; after the first move it follows the
 * reader as Starlight's does, on a desktop and on a phone; a page opened at an anchor gets
 * it awake at once.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasBrowser } from '../harness/browser';
import { themedSite } from '../harness/themedSite';

const LESSON = '/lecciones/05-websockets-y-socket-io/';
const PHONE = { width: 375, height: 740 };

/** The text of the desktop list's current entry, or null when none is marked. */
const current = (page: Page, list: string) =>
  page.evaluate(
    (selector) => document.querySelector(`${selector} a[aria-current="true"]`)?.textContent?.trim() ?? null,
    list,
  );

const awake = (page: Page) =>
  page.evaluate(() => ({
    desktop: document.querySelectorAll('starlight-toc').length,
    mobile: document.querySelectorAll('mobile-starlight-toc').length,
    asleep: document.querySelectorAll('cs-toc').length,
  }));

describe.skipIf(!hasBrowser)('browser: the table of contents wakes on the first move', () => {
  const { open } = themedSite();

  it('desktop: asleep at load with «Sinopsis» current, then follows the scroll like Starlight’s', async () => {
    const { page, watch } = await open(LESSON);
    await page.waitForLoadState('networkidle');
    expect(await awake(page)).toEqual({ desktop: 0, mobile: 0, asleep: 2 });
    const list = 'nav[aria-labelledby="starlight__on-this-page"]';
    expect(await current(page, list)).toBe('Sinopsis');
    await expect(page.locator(list).getByRole('link', { name: 'Actividades' }).isVisible()).resolves.toBe(
      true,
    );

    await page.locator('#actividades').evaluate((heading) => heading.scrollIntoView());
    await expect.poll(() => awake(page)).toEqual({ desktop: 1, mobile: 1, asleep: 0 });
    await expect.poll(() => current(page, list)).toBe('Actividades');
    await page.locator('#referencias').evaluate((heading) => heading.scrollIntoView());
    await expect.poll(() => current(page, list)).toBe('Referencias');
    expect(watch.problems).toEqual([]);
    await page.close();
  });

  it('phone: the summary names «Sinopsis» at load; a tap wakes it, a link closes it and is named', async () => {
    const { page, watch } = await open(LESSON, { viewport: PHONE, theme: 'dark' });
    await page.waitForLoadState('networkidle');
    expect(await awake(page)).toEqual({ desktop: 0, mobile: 0, asleep: 2 });
    const summary = page.locator('#starlight__on-this-page--mobile');
    expect(await summary.locator('.display-current').textContent()).toBe('Sinopsis');

    await summary.click();
    const details = page.locator('#starlight__mobile-toc');
    await expect.poll(() => details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect((await awake(page)).mobile).toBe(1);
    await details.getByRole('link', { name: 'Ejercicios' }).click();
    // Starlight's own script closes the list on a link and names the section reached.
    await expect.poll(() => details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await expect.poll(() => summary.locator('.display-current').textContent()).toBe('Ejercicios');
    expect(watch.problems).toEqual([]);
    await page.close();
  });

  it('a page opened at an anchor has its table of contents awake and on that section', async () => {
    const { page, watch } = await open(`${LESSON}#lo-que-aprendiste`);
    await expect.poll(() => awake(page)).toEqual({ desktop: 1, mobile: 1, asleep: 0 });
    await expect
      .poll(() => current(page, 'nav[aria-labelledby="starlight__on-this-page"]'))
      .toBe('Lo que aprendiste');
    expect(watch.problems).toEqual([]);
    await page.close();
  });
});
