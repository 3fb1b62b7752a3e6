/**
 * Diagrams on a phone: «Ampliar» opens one full screen, where it zooms and pans by
 * keyboard, wheel and pointer, keeps its accessible title and description, and closes
 * with Escape, giving focus back. A diagram's box is reserved before it is drawn, and
 * diagrams inside Starlight's <Tabs> and a <details> draw when revealed.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasBrowser } from '../harness/browser';
import { themedSite } from '../harness/themedSite';

const PHONE = { width: 375, height: 740 };
const HANDSHAKE = '/lecciones/04-websocket/';

/** The diagram's transform in the full-screen view, as panzoom sets it: scale and offset. */
function transformOf(page: Page): Promise<{ scale: number; x: number; y: number }> {
  return page.locator('.diagram-viewer-stage > svg').evaluate((svg) => {
    const matrix = new DOMMatrix(getComputedStyle(svg).transform);
    return { scale: matrix.a, x: matrix.e, y: matrix.f };
  });
}

describe.skipIf(!hasBrowser)('browser: diagrams that fit a phone', () => {
  const { open } = themedSite({ viewport: PHONE });

  it('at 375 px a diagram opens full screen, zooms, pans and closes with Escape, focus returned', async () => {
    const { page, watch } = await open(HANDSHAKE);
    const diagram = page.locator('pre.mermaid-diagram').first();
    await diagram.scrollIntoViewIfNeeded();
    await diagram.locator('> svg').waitFor({ timeout: 20_000 });
    // Scaled into the phone's column, the diagram is far smaller than it was drawn.
    const column = await diagram.boundingBox();
    expect(column?.width ?? 0).toBeLessThanOrEqual(PHONE.width);

    const ampliar = diagram.getByRole('button', { name: /^Ampliar el diagrama: Apretón de manos/ });
    await ampliar.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Apretón de manos de WebSocket y notificación push' });
    await dialog.waitFor();
    const box = await dialog.boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
    // The SVG went with its title and description; the page keeps the diagram's box.
    const svg = dialog.locator('svg');
    expect(await svg.locator(':scope > title').textContent()).toBe(
      'Apretón de manos de WebSocket y notificación push',
    );
    expect(await svg.locator(':scope > desc').textContent()).toContain('101 Switching Protocols');
    expect((await diagram.boundingBox())?.height).toBe(column?.height);

    // Keyboard: + zooms in, an arrow pans, 0 resets.
    const start = await transformOf(page);
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await expect.poll(async () => (await transformOf(page)).scale).toBeGreaterThan(start.scale * 1.4);
    const zoomed = await transformOf(page);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await transformOf(page)).x).not.toBe(zoomed.x);

    // Mouse: the wheel zooms out, a drag pans.
    await page.keyboard.press('0');
    await expect.poll(async () => (await transformOf(page)).scale).toBeCloseTo(1, 1);
    const stage = await page.locator('.diagram-viewer-stage').boundingBox();
    const [cx, cy] = [(stage?.x ?? 0) + (stage?.width ?? 0) / 2, (stage?.y ?? 0) + (stage?.height ?? 0) / 2];
    await page.mouse.move(cx, cy);
    await page.mouse.wheel(0, -300);
    await expect.poll(async () => (await transformOf(page)).scale).toBeGreaterThan(1.1);
    const beforeDrag = await transformOf(page);
    await page.mouse.down();
    await page.mouse.move(cx + 80, cy + 40, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await transformOf(page)).x).toBeGreaterThan(beforeDrag.x + 20);

    // The buttons do the same for a pointer or touch without a wheel.
    await dialog.getByRole('button', { name: 'Acercar' }).click();
    await expect.poll(async () => (await transformOf(page)).scale).toBeGreaterThan(beforeDrag.scale);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.classList.contains('diagram-zoom'))).toBe(true);
    // Back in the page, in its box, untransformed.
    expect(await diagram.locator('> svg').getAttribute('style')).not.toContain('transform');
    expect((await diagram.boundingBox())?.height).toBe(column?.height);
    expect(watch.problems).toEqual([]);
    await page.close();
  });

  it('a diagram keeps the box reserved for it when it is drawn', async () => {
    const { page } = await open('/lecciones/05-websockets-y-socket-io/');
    const diagrams = page.locator('pre.mermaid-diagram');
    const count = await diagrams.count();
    expect(count).toBeGreaterThan(0);
    const before = await diagrams.evaluateAll((nodes) =>
      nodes.map((node) => node.getBoundingClientRect().height),
    );
    for (let i = 0; i < count; i++) await diagrams.nth(i).scrollIntoViewIfNeeded();
    await expect
      .poll(() => page.locator('pre.mermaid-diagram > svg').count(), { timeout: 20_000 })
      .toBe(count);
    const after = await diagrams.evaluateAll((nodes) =>
      nodes.map((node) => node.getBoundingClientRect().height),
    );
    expect(after).toEqual(before);
    // Reserved, not collapsed: each box is tall enough to hold a readable drawing.
    for (const height of before) expect(height).toBeGreaterThan(40);
    await page.close();
  });

  it('a diagram in a tab draws when the tab opens, and one in <details> when it opens', async () => {
    const { page, watch } = await open('/autores/diagramas/');
    const tab = page.getByRole('tab', { name: 'Diagrama' });
    await tab.scrollIntoViewIfNeeded();
    const inTab = page.locator('starlight-tabs pre.mermaid-diagram');
    await page.evaluate(() => window.scrollBy(0, 1));
    await tab.click();
    await inTab.locator('> svg').waitFor({ timeout: 20_000 });
    const tabBox = await inTab.boundingBox();
    expect(tabBox?.height ?? 0).toBeGreaterThan(40);
    expect(await inTab.locator('svg > title').textContent()).toBe('La misma petición, en una pestaña');

    const details = page.locator('details:has(pre.mermaid-diagram)');
    await details.locator('summary').click();
    const inDetails = details.locator('pre.mermaid-diagram');
    await inDetails.locator('> svg').waitFor({ timeout: 20_000 });
    expect((await inDetails.boundingBox())?.height ?? 0).toBeGreaterThan(40);
    expect(watch.problems).toEqual([]);
    await page.close();
  });
});
