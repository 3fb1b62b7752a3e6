/**
 * Reading without a network. After one visit, the production build's service worker keeps
 * the pages read and what they loaded; with the server gone (Chromium's offline emulation
 * does not reach a service worker's own fetches, so the test stops the server itself) a
 * reload and a move to another visited lesson still work, the live demo says «sin
 * conexión», and it reconnects when the server is back. A new deploy is what the next
 * visit gets, and the room is never answered from a cache.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startPartykit } from '../../scripts/tools/partykit.mjs';
import { hasBrowser, launchBrowser } from '../harness/browser';
import type { Served } from '../harness/site';

const FIRST = '/lecciones/04-websocket/';
const SECOND = '/lecciones/05-websockets-y-socket-io/';
const pushStatus = (page: Page) => page.getByTestId('push-status').first();

/** Waits until the worker controls the page and this visit's page is in its cache. */
async function controlledAndCached(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 20_000,
  });
  await page.waitForFunction(
    async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('paginas-') && (await (await caches.open(name)).match(location.href)))
          return true;
      }
      return false;
    },
    undefined,
    { timeout: 20_000, polling: 250 },
  );
}

describe.skipIf(!hasBrowser)('browser: offline reading through the service worker', () => {
  let site: string;
  let served: Served | undefined;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    // A copy of the build, so the deploy test can change a page without touching the shared one.
    site = mkdtempSync(join(tmpdir(), 'cs-offline-'));
    cpSync(inject('dist'), site, { recursive: true });
    served = await startPartykit({ serve: site });
    browser = await launchBrowser();
    context = await browser.newContext();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    rmSync(site, { recursive: true, force: true });
  });

  it('after a visit, reloads and moves between visited lessons with the server stopped, then reconnects', async () => {
    if (!served) throw new Error('sin sitio');
    const { origin, port } = served;
    const page = await context.newPage();
    const rooms: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/parties/')) rooms.push(request.url());
    });
    await page.goto(`${origin}${SECOND}`);
    await controlledAndCached(page);
    await page.goto(`${origin}${FIRST}`);
    await controlledAndCached(page);
    await pushStatus(page).scrollIntoViewIfNeeded();
    await expect.poll(() => pushStatus(page).textContent(), { timeout: 20_000 }).toBe('conectado');
    // The room is never in any cache: not its WebSocket, not the demos' HTTP endpoints.
    const cachedRoom = await page.evaluate(async () => {
      const hits: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) {
          if (new URL(request.url).pathname.startsWith('/parties/')) hits.push(request.url);
        }
      }
      return hits;
    });
    expect(rooms.length).toBeGreaterThan(0);
    expect(cachedRoom).toEqual([]);

    await served.stop();
    served = undefined;
    await page.reload();
    expect(await page.locator('h1').first().textContent()).toBe('WebSocket: un canal siempre abierto');
    // Styles came along: the page is laid out by Starlight, not as bare HTML.
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).not.toMatch(/^"?Times/);
    // mermaid came from the cache too: the diagram the visit drew is drawn again.
    const diagram = page.locator('pre.mermaid-diagram').first();
    await diagram.scrollIntoViewIfNeeded();
    await diagram.locator('> svg').waitFor({ timeout: 20_000 });
    await pushStatus(page).scrollIntoViewIfNeeded();
    await expect.poll(() => pushStatus(page).textContent(), { timeout: 20_000 }).toMatch(/^sin conexión/);

    await page.locator(`nav a[href="${SECOND}"]`).first().click();
    await page.waitForURL(`**${SECOND}`);
    expect(await page.locator('h1').first().textContent()).toBe('WebSocket y Socket.IO');

    await page.goto(`${origin}${FIRST}`);
    await pushStatus(page).scrollIntoViewIfNeeded();
    await expect.poll(() => pushStatus(page).textContent(), { timeout: 20_000 }).toMatch(/^sin conexión/);
    served = await startPartykit({ serve: site, port });
    await expect.poll(() => pushStatus(page).textContent(), { timeout: 45_000 }).toBe('conectado');
    await page.close();
  });

  it('a new deploy with a changed page is what the next visit gets', async () => {
    if (!served) throw new Error('sin sitio');
    const page = await context.newPage();
    await page.goto(`${served.origin}${FIRST}`);
    await controlledAndCached(page);
    const file = join(site, 'lecciones/04-websocket/index.html');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('<h1', '<p id="nuevo-despliegue">Versión nueva</p><h1'),
    );
    await page.close();

    const next = await context.newPage();
    await next.goto(`${served.origin}${FIRST}`);
    expect(await next.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(await next.locator('#nuevo-despliegue').textContent()).toBe('Versión nueva');
    await next.close();
  });

  it('a visit the worker serves fetches nothing twice: its page and scripts were cached on the way', async () => {
    if (!served) throw new Error('sin sitio');
    const { origin } = served;
    const page = await context.newPage();
    await page.goto(`${origin}${SECOND}`);
    await controlledAndCached(page);
    // What the page's own script fetches to keep for offline reading (Cache API requests are
    // `fetch`es), besides the room, which is never cached.
    const copies: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (
        request.resourceType() === 'fetch' &&
        url.origin === origin &&
        !url.pathname.startsWith('/parties/')
      )
        copies.push(url.pathname);
    });
    await page.goto(`${origin}${FIRST}`);
    await controlledAndCached(page);
    await page.waitForLoadState('networkidle');
    expect(copies).toEqual([]);
    await page.close();
  });
});
