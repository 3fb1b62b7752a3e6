/**
 * What a page costs a reader in bytes: the gzipped JS, CSS and HTML loaded before any
 * interaction (load, then the network idle), and again after scrolling to the end step by
 * step, since mermaid and the islands load when they come near the viewport; with the
 * layout shift while scrolling and whatever the console complained about.
 */
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { gotoRetrying, scrollToEnd } from '../../scripts/tools/chromium.mjs';
import { sleep } from '../lib/stats.mjs';

/** Lighthouse's mobile viewport, so the bytes and the scores see the same first screen. */
export const VIEWPORT = { width: 412, height: 823 };

type Kind = 'js' | 'css' | 'html' | 'other';
export type Bytes = Record<Kind, number>;

export interface PageBytes {
  load: Bytes;
  end: Bytes;
  islands: number;
  /** Layout shift while scrolling to the end: diagrams and islands swapping in. */
  scrollShift: number;
  console: string[];
}

const kindOf = (type: string): Kind =>
  type === 'script' ? 'js' : type === 'stylesheet' ? 'css' : type === 'document' ? 'html' : 'other';

/**
 * Counts the page's requests in flight from the start; `quiet(ms)` resolves once none has
 * been in flight for `ms`. WebSockets are not requests, so an open room does not count.
 */
function trackNetwork(page: Page) {
  let inFlight = 0;
  let last = performance.now();
  const up = () => {
    inFlight++;
    last = performance.now();
  };
  const down = () => {
    inFlight = Math.max(0, inFlight - 1);
    last = performance.now();
  };
  page.on('request', up);
  page.on('requestfinished', down);
  page.on('requestfailed', down);
  return {
    async quiet(ms = 600, timeoutMs = 30_000) {
      const deadline = performance.now() + timeoutMs;
      while (performance.now() < deadline && (inFlight > 0 || performance.now() - last < ms)) await sleep(50);
    },
  };
}

/** Gzipped bytes by kind, each URL counted once. */
function sum(responses: Map<string, { kind: Kind; gzip: number }>): Bytes {
  const bytes: Bytes = { js: 0, css: 0, html: 0, other: 0 };
  for (const { kind, gzip } of responses.values()) bytes[kind] += gzip;
  return bytes;
}

export async function measureBytes(browser: Browser, url: string): Promise<PageBytes> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const network = trackNetwork(page);
  // Scrolling by script is not input, so every shift counts, as it would for a reader.
  await page.addInitScript(() => {
    const w = window as unknown as { shift: number };
    w.shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.shift += (entry as unknown as { value: number }).value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const responses = new Map<string, { kind: Kind; gzip: number }>();
  const pending: Promise<void>[] = [];
  const consoleLines: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      consoleLines.push(`${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    const request = response.request();
    if (responses.has(response.url())) return;
    pending.push(
      response.body().then(
        (body) => {
          responses.set(response.url(), {
            kind: kindOf(request.resourceType()),
            gzip: gzipSync(body).length,
          });
        },
        () => {
          // A redirect or a response without a body weighs nothing.
        },
      ),
    );
  });

  await gotoRetrying(page, url, { waitUntil: 'load' });
  await network.quiet();
  // client:idle islands wait for requestIdleCallback; give them a moment, then the network.
  await sleep(500);
  await network.quiet();
  await Promise.all(pending);
  const load = sum(responses);

  // Lets lazy work start on the way down, as a reader scrolling would.
  await scrollToEnd(page, 250);
  await network.quiet(1000);
  await Promise.all(pending);
  const end = sum(responses);
  const islands = await page.locator('astro-island').count();
  const scrollShift = await page.evaluate(() => (window as unknown as { shift: number }).shift);
  await context.close();
  return { load, end, islands, scrollShift, console: consoleLines };
}
