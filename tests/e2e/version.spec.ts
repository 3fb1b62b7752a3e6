/**
 * The site and the room deploy separately. A page whose protocol version the room does not
 * speak says "Hay una versión nueva del curso: recarga la página" in every live demo, and
 * stops retrying instead of hammering the room with connections that cannot work.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { encodeServer } from '../../party/wire/serverMessages';
import { PROTOCOL_VERSION, VERSION_MISMATCH_MESSAGE } from '../../party/wire/version';
import { hasBrowser, watchPage } from '../harness/browser';
import { type Served, setupSite } from '../harness/site';
import { hydrate } from '../harness/themedSite';

/** The guide page that shows every demo; these are the ones that hold a WebSocket. */
const GUIDE = '/autores/demostraciones/';
const LIVE_DEMOS = ['.presence-badge', '.push-demo', '.handshake', '.inspector', '.pvp', '.ep'];
/**
 * The sockets those demos hold: the page's one shared connection to room `demo`, plus the
 * handshake demo's and the inspector's own, which show a connection's own life.
 */
const CONNECTIONS = 3;

/**
 * Makes the page what a build of another protocol version would be on the wire: its sockets
 * say `v=<version>`. Also counts the sockets the page opens.
 */
function pageOfVersion(version: number) {
  return `(() => {
    const Native = window.WebSocket;
    window.__sockets = 0;
    window.WebSocket = class extends Native {
      constructor(url, protocols) {
        window.__sockets++;
        super(String(url).replace(/([?&]v=)\\d+/, '$1${String(version)}'), protocols);
      }
    };
  })();`;
}

const sockets = (page: Page) => page.evaluate(() => (window as unknown as { __sockets: number }).__sockets);

/** Every live demo on the guide shows the reload message; then no new socket is opened. */
async function expectReloadEverywhere(page: Page, opened: () => Promise<number>): Promise<void> {
  for (const selector of LIVE_DEMOS) {
    const demo = await hydrate(page, selector);
    await demo.getByText(VERSION_MISMATCH_MESSAGE).first().waitFor({ timeout: 15_000 });
  }
  const before = await opened();
  expect(before).toBeGreaterThanOrEqual(CONNECTIONS);
  // Longer than any first retry (0.5–3 s): a client still retrying would have opened another.
  await page.waitForTimeout(4000);
  expect(await opened()).toBe(before);
  for (const selector of LIVE_DEMOS) {
    expect(await page.locator(selector).first().textContent(), selector).toContain(VERSION_MISMATCH_MESSAGE);
  }
}

describe.skipIf(!hasBrowser)('browser: a page and a room of different protocol versions', () => {
  let site: Served;
  let browser: Browser;
  setupSite((ready) => ({ site, browser } = ready));

  it('a page built with an old version: the room refuses it, every demo says to reload, none retries', async () => {
    const page = await browser.newPage();
    const watch = await watchPage(page);
    await page.addInitScript(pageOfVersion(1));
    await page.goto(`${site.origin}${GUIDE}`);
    await expectReloadEverywhere(page, () => sockets(page));
    expect(watch.external).toEqual([]);
    await page.close();
  });

  it('a room already on a newer version: its welcome is enough to stop and say so', async () => {
    const page = await browser.newPage();
    // A room that greets every page with a welcome of the next version.
    let opened = 0;
    await page.routeWebSocket(/\/parties\/main\//, (ws) => {
      opened++;
      ws.onMessage(() =>
        ws.send(
          encodeServer({
            type: 'welcome',
            version: PROTOCOL_VERSION + 1,
            room: 'demo',
            count: 1,
            role: 'reader',
            openPush: true,
            lastSeq: 0,
            history: [],
            gap: false,
          }),
        ),
      );
    });
    await page.goto(`${site.origin}${GUIDE}`);
    await expectReloadEverywhere(page, async () => opened);
    await page.close();
  });
});
