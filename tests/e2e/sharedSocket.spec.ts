import type { Page, WebSocket } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasBrowser } from '../harness/browser';
import { hydrate, themedSite } from '../harness/themedSite';

let themed: ReturnType<typeof themedSite>;

/** Opens `path`, recording from before its first byte every socket it opens to room `demo`. */
async function openCounting(path: string) {
  const sockets: WebSocket[] = [];
  const opened = await themed.open(path, {
    beforeGoto: (page: Page) =>
      page.on('websocket', (ws) => {
        if (new URL(ws.url()).pathname === '/parties/main/demo') sockets.push(ws);
      }),
  });
  return { ...opened, sockets };
}

const openNow = (sockets: WebSocket[]) => sockets.filter((ws) => !ws.isClosed()).length;

describe.skipIf(!hasBrowser)('browser: one socket per page per room', () => {
  themed = themedSite();

  it('home: the presence badge and the push demo share one socket', async () => {
    const { page, watch, sockets } = await openCounting('/');
    await page.locator('.presence-badge >> text=conectado').waitFor();
    await hydrate(page, '.push-demo');
    await page.getByTestId('push-status').filter({ hasText: 'conectado' }).waitFor();
    // Both islands count the same readers, from the same messages: read in one go.
    const counts = await page.evaluate(() =>
      ['presence-count', 'push-count'].map(
        (id) => document.querySelector(`[data-testid="${id}"]`)?.textContent,
      ),
    );
    expect(counts[0]).toBe(counts[1]);
    expect(sockets).toHaveLength(1);
    expect(openNow(sockets)).toBe(1);
    expect(watch.problems).toEqual([]);
    await page.close();
  });

  it('the authors’ guide: a folded live demo loads nothing and opens no socket until unfolded', async () => {
    const { page, watch, sockets } = await openCounting('/autores/demostraciones/');
    // Past the first idle moments and every request they would have started.
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => new Promise((done) => requestIdleCallback(() => requestIdleCallback(done))));
    const waiting = await page.evaluate(() => {
      const islands = [...document.querySelectorAll('astro-island')];
      return { islands: islands.length, unhydrated: islands.filter((i) => i.hasAttribute('ssr')).length };
    });
    expect(waiting.islands).toBeGreaterThanOrEqual(9);
    expect(waiting.unhydrated).toBe(waiting.islands);
    expect(sockets).toHaveLength(0);
    // Unfolded by its summary, the presence badge connects as it does anywhere else.
    await hydrate(page, '.presence-badge');
    await page.locator('.presence-badge >> text=conectado').waitFor();
    expect(sockets).toHaveLength(1);
    expect(watch.problems).toEqual([]);
    await page.close();
  });

  it('lesson 04: polling-vs-push and the push demo share one socket; the handshake demo keeps its own', async () => {
    const { page, watch, sockets } = await openCounting('/lecciones/04-websocket/');
    await hydrate(page, '.pvp');
    await hydrate(page, '.push-demo');
    await page.getByTestId('push-status').filter({ hasText: 'conectado' }).waitFor();
    await hydrate(page, '.handshake');
    // The handshake demo's own connection opens, shows its first frames and closes.
    await page.getByTestId('hsk-status').filter({ hasText: 'abierta y cerrada' }).waitFor();
    await page.locator('.pvp').getByText('conectado', { exact: true }).waitFor();
    // The handshake's own, plus the page's one shared socket, opened once with the extra
    // polling-vs-push needs (declared in the HTML), so no reconnect was needed for it.
    expect(sockets).toHaveLength(2);
    expect(openNow(sockets)).toBe(1);
    const shared = sockets.find((ws) => !ws.isClosed());
    expect(new URL(shared?.url() ?? '').searchParams.get('handshake')).toBe('1');
    expect(watch.problems).toEqual([]);
    await page.close();
  });

  it('lesson 05: the event playground uses the shared socket with events on; the inspector keeps its own', async () => {
    const { page, watch, sockets } = await openCounting('/lecciones/05-websockets-y-socket-io/');
    await hydrate(page, '.inspector');
    await hydrate(page, '.ep');
    await page.getByTestId('ep-status').filter({ hasText: 'conectado' }).waitFor();
    await page.getByTestId('inspector-status').filter({ hasText: 'conectado' }).waitFor();
    expect(sockets).toHaveLength(2);
    const events = sockets.filter((ws) => new URL(ws.url()).searchParams.get('events') === '1');
    expect(events).toHaveLength(1);
    expect(watch.problems).toEqual([]);
    await page.close();
  });
});
