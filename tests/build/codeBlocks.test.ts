/**
 * Code blocks in the built site (integrations/lazyCodeBlocks.ts): a block far below the
 * screen is neither styled nor laid out while the page loads, yet takes exactly the height
 * it has once drawn, so nothing moves when the reader scrolls to it, and one wider than the
 * column can be scrolled from the keyboard before it is drawn; printing draws them all.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasBrowser } from '../harness/browser';
import { themedSite } from '../harness/themedSite';

const LESSON = '/lecciones/05-websockets-y-socket-io/';
const GUIDE = '/autores/demostraciones/';

/** Each shown block's height, scrollable width, and whether its lines are drawn (false: skipped for now). */
function blocks(page: Page): Promise<{ height: number; width: number; drawn: boolean }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.expressive-code pre')]
      .filter((pre) => pre.checkVisibility())
      .map((pre) => ({
        height: pre.getBoundingClientRect().height,
        width: pre.scrollWidth,
        drawn: pre.querySelector('.ec-line')?.checkVisibility({ contentVisibilityAuto: true }) ?? false,
      })),
  );
}

/** Height to the pixel, and the width a reader can scroll. */
const size = (block: { height: number; width: number }) => [Math.round(block.height), block.width];

describe.skipIf(!hasBrowser)('browser: code blocks far from the screen wait to be drawn', () => {
  const { open } = themedSite({ viewport: { width: 375, height: 800 } });

  it('lesson 05: its server code is skipped at load, focusable for scrolling, and keeps its size when scrolled to', async () => {
    const { page, watch } = await open(LESSON);
    const before = await blocks(page);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((block) => !block.drawn)).toBe(true);
    // Wider than a phone: keyboard users can scroll it (EC's script gives a scrollable
    // `<pre>` a tab stop), already while its lines wait to be drawn.
    await page.waitForFunction(
      () => document.querySelector('.expressive-code pre')?.getAttribute('tabindex') === '0',
    );
    expect(await blocks(page)).toEqual(before);

    await page.locator('.expressive-code pre').first().scrollIntoViewIfNeeded();
    await page.waitForFunction(() =>
      document.querySelector('.expressive-code .ec-line')?.checkVisibility({ contentVisibilityAuto: true }),
    );
    const after = await blocks(page);
    expect(after[0]?.drawn).toBe(true);
    expect(after.map(size)).toEqual(before.map(size));
    expect(watch.problems).toEqual([]);
    await page.close();
  });

  it('the authors’ guide: every block, skipped or drawn, has the size it has when drawn, and prints drawn', async () => {
    const { page } = await open(GUIDE);
    const before = await blocks(page);
    expect(before.some((block) => !block.drawn)).toBe(true);

    await page.emulateMedia({ media: 'print' });
    const printed = await blocks(page);
    expect(printed.every((block) => block.drawn)).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => {
      for (const code of document.querySelectorAll<HTMLElement>('.expressive-code pre > code'))
        code.style.contentVisibility = 'visible';
    });
    const drawn = await blocks(page);
    expect(drawn.every((block) => block.drawn)).toBe(true);
    expect(drawn.map(size)).toEqual(before.map(size));
    await page.close();
  });
});
