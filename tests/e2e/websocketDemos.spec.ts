import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { axeProblems } from '../harness/axe';
import { hasBrowser, type PageWatch } from '../harness/browser';
import { islandSizes } from '../harness/islandSizes';
import { heightOf, hydrate, serverRendered, THEMES, themedSite } from '../harness/themedSite';

const LESSON_04 = '/lecciones/04-websocket/';
const LESSON_05 = '/lecciones/05-websockets-y-socket-io/';
const XSS = '<img src=x onerror=alert(1)>';

/** The four islands of this spec, with the CSS class of their root element. */
const DEMOS = [
  { island: 'HandshakeDemo', selector: '.handshake', path: LESSON_04 },
  { island: 'PollingVsPushDemo', selector: '.pvp', path: LESSON_04 },
  { island: 'ConnectionInspector', selector: '.inspector', path: LESSON_05 },
  { island: 'EventProtocolDemo', selector: '.ep', path: LESSON_05 },
] as const;

/** RFC 6455's accept value, computed here without the project's code. */
const accept = (key: string) =>
  createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');

/** The number a demo exposes in `data-value`, or NaN while it has none. */
async function value(page: Page, testId: string): Promise<number> {
  const raw = await page.getByTestId(testId).getAttribute('data-value');
  return raw === null || raw === '' ? Number.NaN : Number(raw);
}

describe('build: the WebSocket demos stay small', () => {
  // Each island's own gzipped JS; chunks that several islands load (preact, room-client with
  // partysocket and zod, small shared helpers) are counted once, apart.
  it('ships under 15 KB of gzipped JS per demo, shared chunks counted once', () => {
    const { sizes, shared } = islandSizes(
      inject('dist'),
      DEMOS.map((d) => d.island),
    );
    console.info(
      `JS gzip por demo (propio): ${JSON.stringify(sizes)}; compartido, una vez: ${String(shared)} B`,
    );
    for (const [island, bytes] of Object.entries(sizes)) {
      expect(bytes, `no se encontró la isla ${island}`).toBeDefined();
      expect(bytes, island).toBeLessThan(15 * 1024);
    }
  });
});

describe.skipIf(!hasBrowser)('browser: the live WebSocket demos', () => {
  const themed = themedSite({ viewport: { width: 375, height: 800 } });
  const { open } = themed;

  function clean(watch: PageWatch): void {
    expect(watch.problems).toEqual([]);
    expect(watch.external).toEqual([]);
  }

  it('handshake: shows the 101 and an accept value that matches the key, and the first frames', async () => {
    const { page, watch } = await open(LESSON_04);
    await hydrate(page, '.handshake');
    await page.getByTestId('hsk-accept').waitFor();
    const key = (await page.getByTestId('hsk-key').textContent()) ?? '';
    const shown = (await page.getByTestId('hsk-accept').textContent()) ?? '';
    expect(key).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(shown).toBe(accept(key));
    const response = (await page.getByTestId('hsk-response').textContent()) ?? '';
    expect(response).toContain('HTTP/1.1 101 Switching Protocols');
    expect(response).toContain(`sec-websocket-accept: ${accept(key)}`);
    expect(await page.getByTestId('hsk-request').textContent()).toContain(`sec-websocket-key: ${key}`);
    expect(await page.getByTestId('hsk-match').textContent()).toMatch(/^✓/);
    expect(await page.getByTestId('hsk-rfc').textContent()).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    await page
      .getByTestId('hsk-status')
      .getByText(/abierta y cerrada/)
      .waitFor();
    expect(await page.locator('[data-testid="hsk-frames"] li').count()).toBeGreaterThanOrEqual(3);

    // Another connection, another key, the same rule.
    await page.getByRole('button', { name: 'Abrir otra conexión' }).click();
    await page
      .getByTestId('hsk-status')
      .getByText(/n\.º 2 abierta y cerrada/)
      .waitFor();
    const again = (await page.getByTestId('hsk-key').textContent()) ?? '';
    expect(again).not.toBe(key);
    expect(await page.getByTestId('hsk-accept').textContent()).toBe(accept(again));
    clean(watch);
    await page.close();
  });

  it('polling vs push: the WebSocket notices sooner than polling every 5 s, and the counts rise', async () => {
    const { page, watch } = await open(LESSON_04);
    await hydrate(page, '.pvp');
    expect(await page.getByTestId('pvp-interval').textContent()).toBe('5');
    // Push right after a poll came back, so polling has the whole interval to wait.
    await page.waitForFunction(() => {
      const button = [...document.querySelectorAll('.pvp button')].find(
        (b) => b.textContent === 'Enviar un aviso de prueba',
      );
      const requests = document
        .querySelector('[data-testid="pvp-poll-requests"]')
        ?.getAttribute('data-value');
      return button instanceof HTMLButtonElement && !button.disabled && Number(requests) >= 1;
    });
    const before = await value(page, 'pvp-poll-requests');
    await page.getByRole('button', { name: 'Enviar un aviso de prueba' }).click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="pvp-push-delay"]')?.getAttribute('data-value'),
    );
    await page.waitForFunction(
      () => document.querySelector('[data-testid="pvp-poll-delay"]')?.getAttribute('data-value'),
      undefined,
      { timeout: 12_000 },
    );
    const push = await value(page, 'pvp-push-delay');
    const poll = await value(page, 'pvp-poll-delay');
    expect(push).toBeLessThan(poll);
    expect(push).toBeLessThan(1000);
    expect(await value(page, 'pvp-poll-requests')).toBeGreaterThan(before);
    expect(await value(page, 'pvp-push-requests')).toBe(1);
    expect(
      Number(
        await page
          .getByTestId('pvp-push-frames')
          .textContent()
          .then((t) => t?.split(' ')[0]),
      ),
    ).toBeGreaterThan(3);
    const conclusion = (await page.getByTestId('pvp-conclusion').textContent()) ?? '';
    expect(conclusion).toMatch(/Con 1 notificación, el WebSocket se enteró en/);
    expect(conclusion).toMatch(/Sondeando cada 5 s, la página hizo \d+ peticiones/);
    clean(watch);
    await page.close();
  });

  it('connection inspector: a cut is followed by a reconnection with the close code shown; a drop buffers', async () => {
    const { page, watch } = await open(LESSON_05);
    await hydrate(page, '.inspector');
    const ready = page.locator('[data-testid="inspector-ready"][data-value="1"]');
    await ready.waitFor();
    await page.getByLabel('Código de cierre').selectOption('1011');
    await page.getByRole('button', { name: 'Cortar conexión' }).click();
    await page
      .getByTestId('inspector-close')
      .getByText(/código 1011 \(Internal Error\)/)
      .waitFor();
    expect(await page.getByTestId('inspector-close').textContent()).toMatch(/Error interno/);
    await page.getByTestId('inspector-countdown').waitFor();
    await ready.waitFor({ timeout: 15_000 });
    await page.getByTestId('inspector-status').getByText('conectado', { exact: true }).waitFor();
    expect(await page.locator('[data-testid="inspector-log"] li[data-kind="open"]').count()).toBe(2);

    await page.getByRole('button', { name: 'Simular red caída' }).click();
    await page
      .getByTestId('inspector-close')
      .getByText(/código 1006 \(Abnormal Closure\), no limpio/)
      .waitFor();
    await page.getByRole('button', { name: 'Enviar mientras está cerrada' }).click();
    expect(await page.getByTestId('inspector-buffer-count').textContent()).toBe('1');
    await ready.waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="inspector-log"] li', { hasText: '← echo' }).waitFor();
    expect(await page.getByTestId('inspector-buffer-count').textContent()).toBe('0');
    clean(watch);
    await page.close();
  });

  it('event playground: an event from page A appears in page B as text; an invalid payload shows its error', async () => {
    const a = await open(LESSON_05);
    const b = await open(LESSON_05);
    for (const { page } of [a, b]) {
      await hydrate(page, '.ep');
      await page.getByTestId('ep-status').getByText('conectado', { exact: true }).waitFor();
    }
    await a.page.getByLabel('Evento', { exact: true }).fill('chat:mensaje');
    await a.page.getByLabel('Payload (JSON)').fill(JSON.stringify({ texto: XSS }));
    await a.page.getByRole('button', { name: 'Emitir' }).click();
    const heard = b.page
      .locator('[data-testid="ep-log"] li', { hasText: 'chat:mensaje' })
      .filter({ hasText: XSS });
    await heard.waitFor();
    expect(await heard.locator('code').textContent()).toBe(JSON.stringify({ texto: XSS }));
    expect(await b.page.locator('.ep img').count()).toBe(0);

    await a.page.getByLabel('Evento', { exact: true }).fill('encuesta:voto');
    await a.page.getByLabel('Payload (JSON)').fill('{"id": "e1", "opcion": "HTTP"}');
    await a.page.getByRole('button', { name: 'Emitir' }).click();
    await a.page
      .getByTestId('ep-notice')
      .getByText(/«opcion».*debe ser un número.*Regla/)
      .waitFor();
    await a.page
      .locator('[data-testid="ep-log"] li[data-error]', { hasText: '← on error' })
      .first()
      .waitFor();
    // The schema of the event is on screen next to it.
    expect(await a.page.getByTestId('ep-schema').textContent()).toMatch(/opcion.*número entero/);
    clean(a.watch);
    clean(b.watch);
    await a.page.close();
    await b.page.close();
  });

  it('the handshake demo has its full size from the first paint: the live handshake takes the place of the RFC example', async () => {
    const { page, watch } = await open(LESSON_04);
    const height = () => heightOf(page, '.handshake');
    expect(await serverRendered(page, '.handshake')).toBe(true);
    const before = await height();
    await hydrate(page, '.handshake');
    await page
      .getByTestId('hsk-status')
      .getByText(/abierta y cerrada/)
      .waitFor();
    // A real browser's request is a few lines longer than the RFC's; the rest is the same size.
    expect(Math.abs((await height()) - before) / before).toBeLessThan(0.05);
    expect(await page.locator('.handshake [data-example]').count()).toBe(0);
    clean(watch);
    await page.close();
  });

  it('the inspector and the playground keep their height as they connect and log, so the text below stays put', async () => {
    const { page, watch } = await open(LESSON_05);
    const height = async (selector: string) => Math.round(await heightOf(page, selector));

    // As the server rendered them: «conectando…», nothing logged yet.
    for (const selector of ['.inspector', '.ep'])
      expect(await serverRendered(page, selector), selector).toBe(true);
    const before = { inspector: await height('.inspector'), ep: await height('.ep') };

    await hydrate(page, '.inspector');
    await page.getByTestId('inspector-status').getByText('conectado', { exact: true }).waitFor();
    await expect
      .poll(() => page.locator('[data-testid="inspector-log"] li').count())
      .toBeGreaterThanOrEqual(2);
    expect(await height('.inspector')).toBe(before.inspector);

    await hydrate(page, '.ep');
    await page.getByTestId('ep-status').getByText('conectado', { exact: true }).waitFor();
    // Connected, the status also says how many connections hear each event: at 375 px, two lines.
    await page
      .getByTestId('ep-status')
      .locator('xpath=..')
      .getByText(/conexi(ón|ones) recibe/)
      .waitFor();
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Emitir' }).click();
    await expect.poll(() => page.locator('[data-testid="ep-log"] li').count()).toBeGreaterThanOrEqual(3);
    expect(await height('.ep')).toBe(before.ep);
    clean(watch);
    await page.close();
  });

  it.each(THEMES)('fit 375 px with no serious axe violation in %s', async (theme) => {
    for (const path of [LESSON_04, LESSON_05]) {
      const { page, watch } = await open(path, { theme });
      expect(await page.locator('html').getAttribute('data-theme')).toBe(theme);
      for (const demo of DEMOS.filter((d) => d.path === path)) {
        await hydrate(page, demo.selector);
        const box = await page.locator(demo.selector).boundingBox();
        expect(box?.width, demo.island).toBeLessThanOrEqual(375);
      }
      await page.waitForTimeout(1500);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      for (const demo of DEMOS.filter((d) => d.path === path)) {
        expect(await axeProblems(page, demo.selector), `${demo.island} (${theme})`).toEqual([]);
      }
      clean(watch);
      await page.close();
    }
  });

  it('say clearly in Spanish when the room is unreachable, and the lessons still read', async () => {
    const four = await open(LESSON_04);
    const five = await open(LESSON_05);
    for (const demo of DEMOS) await hydrate(demo.path === LESSON_04 ? four.page : five.page, demo.selector);
    await five.page.locator('[data-testid="inspector-ready"][data-value="1"]').waitFor();
    await themed.site.stop();
    await five.page.getByTestId('inspector-offline').waitFor({ timeout: 20_000 });
    await five.page.getByTestId('ep-offline').waitFor({ timeout: 20_000 });
    await four.page.getByTestId('pvp-offline').waitFor({ timeout: 20_000 });
    await four.page.getByRole('button', { name: 'Abrir otra conexión' }).click();
    await four.page.getByTestId('hsk-offline').waitFor({ timeout: 20_000 });
    expect(await four.page.getByTestId('hsk-offline').textContent()).toMatch(/Sala no disponible/);
    // The handshake is still there to read: the RFC's example, with its key and accept value.
    const example = (await four.page.locator('.handshake [data-example]').allTextContents()).join(' ');
    expect(example).toContain('sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==');
    expect(example).toContain('sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    expect(await four.page.getByTestId('hsk-accept').count()).toBe(0);
    expect(await five.page.getByTestId('inspector-status').textContent()).toMatch(/sin conexión/);
    expect(await four.page.locator('h1').textContent()).toMatch(/WebSocket/);
    expect(await five.page.locator('h1').textContent()).toMatch(/Socket\.IO/);
    // Only the refused connections are logged, and a poll the stop cut in flight
    // (polling-vs-push asks every 5 s): before its answer (reset, empty response) or halfway
    // through it, depending on when the server died; nothing else went wrong.
    const cut =
      /ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|ERR_EMPTY_RESPONSE|ERR_INCOMPLETE_CHUNKED_ENCODING|WebSocket connection to/;
    for (const { watch } of [four, five]) {
      expect(watch.problems.filter((p) => !cut.test(p))).toEqual([]);
      expect(watch.external).toEqual([]);
    }
    await four.page.close();
    await five.page.close();
  });
});
