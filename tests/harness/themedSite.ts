/**
 * What the browser specs share: the built site served with the room, one Chromium, and a
 * light and a dark context whose theme is set the way a reader sets it (Starlight reads it
 * from localStorage before the first paint). Call `themedSite()` inside a `describe`: it
 * registers the beforeAll/afterAll that start and stop everything.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { beforeAll, expect } from 'vitest';
import { gotoRetrying } from '../../scripts/tools/chromium.mjs';
import { type PageWatch, watchPage } from './browser';
import { type Served, setupSite } from './site';

export { scrollToEnd } from '../../scripts/tools/chromium.mjs';

export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export interface Opened {
  page: Page;
  watch: PageWatch;
}

export interface ThemedSite {
  /** The served site; a spec may stop it to see how pages cope without the room. */
  readonly site: Served;
  /** Opens `path` in a fresh page of the theme's context, watching console and network, and checks the status and the theme. */
  open(
    path: string,
    options?: {
      theme?: Theme;
      status?: number;
      beforeGoto?: (page: Page) => void;
      /** The page's size from before it loads (a resize later is a reader's move). */
      viewport?: { width: number; height: number };
    },
  ): Promise<Opened>;
}

export function themedSite(options: { viewport?: { width: number; height: number } } = {}): ThemedSite {
  let served: Served | undefined;
  let browser: Browser | undefined;
  const contexts = new Map<Theme, BrowserContext>();

  setupSite((ready) => ({ site: served, browser } = ready));
  beforeAll(async () => {
    for (const theme of THEMES) {
      const context = await browser?.newContext({ colorScheme: theme, ...options });
      if (!context) throw new Error('Chromium no arrancó');
      await context.addInitScript((value) => localStorage.setItem('starlight-theme', value), theme);
      contexts.set(theme, context);
    }
  });

  return {
    get site() {
      if (!served) throw new Error('el sitio aún no se sirve: usa themedSite() dentro de describe');
      return served;
    },
    async open(path, { theme = 'light', status = 200, beforeGoto, viewport } = {}) {
      const context = contexts.get(theme);
      if (!context || !served) throw new Error(`sin contexto para ${theme}`);
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      const watch = await watchPage(page);
      beforeGoto?.(page);
      const response = await gotoRetrying(page, `${served.origin}${path}`);
      expect(response?.status(), path).toBe(status);
      expect(await page.locator('html').getAttribute('data-theme'), path).toBe(theme);
      return { page, watch };
    },
  };
}

/** Whether the island around `selector` still shows the server's HTML: not hydrated yet. */
export function serverRendered(page: Page, selector: string): Promise<boolean> {
  return page.evaluate(
    (s) => document.querySelector(s)?.closest('astro-island')?.hasAttribute('ssr') ?? false,
    selector,
  );
}

/** The rendered height of the first match, in px: the size tests compare it before and after live data. */
export async function heightOf(page: Page, selector: string): Promise<number> {
  return (await page.locator(selector).first().boundingBox())?.height ?? 0;
}

/** Scrolls a demo into view and waits until Astro has hydrated its island. */
export async function hydrate(page: Page, selector: string): Promise<Locator> {
  const demo = page.locator(selector).first();
  // A live example folded away (the authors' guide) is opened as a reader would, by its summary.
  const folded = page.locator(`details:not([open]):has(${selector})`).first();
  if ((await folded.count()) > 0) await folded.locator(':scope > summary').click();
  await demo.scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (s) => {
      const island = document.querySelector(s)?.closest('astro-island');
      return island !== null && island !== undefined && !island.hasAttribute('ssr');
    },
    selector,
    { timeout: 15_000 },
  );
  return demo;
}
