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
