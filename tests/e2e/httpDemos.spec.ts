import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeProblems } from '../harness/axe';
import { hasBrowser } from '../harness/browser';
import { heightOf, hydrate, scrollToEnd, serverRendered, THEMES, themedSite } from '../harness/themedSite';

/** The page is at most 375 px wide and nothing in it scrolls sideways. */
function overflowsAt375(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > 375);
}

/**
 * Chromium logs every 4xx/5xx response as a console error, even one a page asked for on
 * purpose. The status demo asks for 404 and 500; only those lines are expected.
 */
const EXPECTED_STATUS_ERRORS =
  /^error: Failed to load resource: the server responded with a status of (404|500)/;

/**
 * Starts summing the layout shifts of the page-load demo and of everything after it in the
 * page (what its growing would push), buffered from the first paint.
 */
function watchDemoShift(page: Page, selector: string): Promise<void> {
  return page.evaluate((s) => {
    const w = window as unknown as { demoShift: number };
    w.demoShift = 0;
    new PerformanceObserver((list) => {
      const demo = document.querySelector(s);
      for (const entry of list.getEntries() as unknown as Array<{
        value: number;
        sources?: Array<{ node?: Node | null }>;
      }>) {
        const moved = (entry.sources ?? []).some(
          ({ node }) =>
            demo &&
            node &&
            (demo.contains(node) || demo.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING),
        );
        if (moved) w.demoShift += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  }, selector);
}

describe.skipIf(!hasBrowser)('browser: live HTTP demos', () => {
  const { open } = themedSite({ viewport: { width: 375, height: 800 } });

  it('sync vs async: sync requests run one after another, async ones overlap, and the page keeps running', async () => {
    const { page, watch } = await open('/lecciones/03-peticion-y-respuesta/');
    const demo = await hydrate(page, '.sa-demo');
    await demo.getByLabel('Peticiones', { exact: true }).selectOption('3');
    await demo.getByLabel('Espera del servidor', { exact: true }).selectOption('400');
    const counter = () => demo.locator('.sa-counter').textContent().then(Number);
    /** Each request's start and end, in ms, as its row shows them («0–412 ms»). */
    const spans = async (mode: string): Promise<[number, number][]> =>
      (await demo.locator(`[data-mode="${mode}"] .sa-row-time`).allTextContents()).map((text) => {
        const [, start, end] = /(\d+)–(\d+)/.exec(text) ?? [];
        return [Number(start), Number(end)];
      });

    const before = await counter();
    await demo.getByRole('button', { name: 'Síncrono', exact: true }).click();
    const syncTotal = demo.getByTestId('total-sync');
    await syncTotal.waitFor({ timeout: 15_000 });
    const sync = Number(await syncTotal.getAttribute('data-ms'));
    expect(sync).toBeGreaterThanOrEqual(3 * 400);
    expect(await demo.locator('[data-mode="sync"] .sa-row[data-state="done"]').count()).toBe(3);
    // Each request started only once the one before it had its answer.
    const serial = await spans('sync');
    for (let i = 1; i < serial.length; i++)
      expect(serial[i]?.[0]).toBeGreaterThanOrEqual(serial[i - 1]?.[1] ?? 0);
    // ~12 ticks of 100 ms fit in 1.2 s; the counter was not blocked while requests were out.
    expect((await counter()) - before).toBeGreaterThanOrEqual(6);

    await demo.getByRole('button', { name: 'Asíncrono (AJAX)', exact: true }).click();
    const asyncTotal = demo.getByTestId('total-async');
    await asyncTotal.waitFor({ timeout: 15_000 });
    const parallel = Number(await asyncTotal.getAttribute('data-ms'));
    expect(parallel).toBeGreaterThanOrEqual(400);
    // All three were out at once: the last one left before the first answer came back. (The
    // timeline, not a total under a deadline, which a busy machine can miss.)
    const overlapping = await spans('async');
    expect(overlapping).toHaveLength(3);
    expect(Math.max(...overlapping.map(([start]) => start))).toBeLessThan(
      Math.min(...overlapping.map(([, end]) => end)),
    );
    expect(await demo.locator('[data-mode="async"] .sa-row[data-state="done"]').count()).toBe(3);
    await expect(demo.getByRole('status').textContent()).resolves.toMatch(/asíncrono terminó .* veces antes/);

    expect(await overflowsAt375(page)).toBe(false);
    expect(watch.problems).toEqual([]);
    expect(watch.external).toEqual([]);
    await page.close();
  });

  it('page load: a waterfall of real DNS, connection, request and response steps, then a reload', async () => {
    const { page, watch } = await open('/lecciones/02-como-llega-una-pagina/');
    const demo = await hydrate(page, '.pl-demo');
    await page.locator('.pl-demo[data-ready="true"]').waitFor();

    for (const step of ['dns', 'conexion', 'peticion', 'respuesta']) {
      const row = demo.locator(`.pl-row[data-step="${step}"]`);
      await expect(row.getByTestId(`ms-${step}`).textContent()).resolves.toMatch(/^\d+(,\d)? ms$/);
      await expect(row.locator('a').getAttribute('href')).resolves.toBe('#qué-ocurre-entonces');
    }
    // The site is on 127.0.0.1, so DNS is 0 and the demo says why instead of drawing a bar
    // (in the note's text, not the invisible copy that reserves its room).
    await expect(demo.locator('.pl-row[data-step="dns"] .pl-fill.pl-note').textContent()).resolves.toMatch(
      /ya es una dirección IP/,
    );
    await expect(demo.locator('.pl-row[data-step="tls"]').getAttribute('data-visibility')).resolves.toBe(
      'absent',
    );
    expect(await demo.locator('.pl-resource').count()).toBeGreaterThan(0);
    await expect(demo.getByRole('status').textContent()).resolves.toMatch(/Recarga la página/);
    expect(await overflowsAt375(page)).toBe(false);

    await Promise.all([
      page.waitForEvent('load'),
      demo.getByRole('button', { name: 'Recargar la página' }).click(),
    ]);
    const again = await hydrate(page, '.pl-demo');
    await expect(again.locator('.pl-intro').textContent()).resolves.toMatch(/recargaste la página/);
    await expect(again.getByRole('status').textContent()).resolves.toMatch(
      /Comparado con tu visita anterior.*Carga completa: antes \d+ ms, ahora \d+ ms/,
    );

    expect(watch.problems).toEqual([]);
    expect(watch.external).toEqual([]);
    await page.close();
  });

  it.each(
    THEMES.flatMap((theme) =>
      ['/lecciones/01-modelo-cliente-servidor/', '/lecciones/02-como-llega-una-pagina/'].map((path) => ({
        theme,
        path,
      })),
    ),
  )(
    'page load ($theme, $path): the demo has its final height from the first paint, so the lesson does not shift as it measures',
    async ({ theme, path }) => {
      const { page, watch } = await open(path, { theme });
      // A phone first, then a desktop after a reload (which also fills in the comparison).
      for (const width of [375, 1280]) {
        if (width !== 375) {
          await page.setViewportSize({ width, height: 800 });
          // From the top, so the reload does not restore a scroll that shows the demo at once.
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.reload();
        }
        expect(await serverRendered(page, '.pl-demo'), `${String(width)} px`).toBe(true);
        const before = await heightOf(page, '.pl-demo');
        await watchDemoShift(page, '.pl-demo');
        await scrollToEnd(page);
        await page.locator('.pl-demo[data-ready="true"]').waitFor();
        await hydrate(page, '.pl-demo');
        expect(
          Math.abs((await heightOf(page, '.pl-demo')) - before),
          `${String(width)} px`,
        ).toBeLessThanOrEqual(1);
        const shift = await page.evaluate(() => (window as unknown as { demoShift: number }).demoShift);
        expect(shift, `${String(width)} px`).toBeLessThanOrEqual(0.02);
      }
      await expect(page.locator('.pl-demo').getByRole('status').textContent()).resolves.toMatch(
        /Comparado con tu visita anterior/,
      );
      expect(watch.problems).toEqual([]);
      await page.close();
    },
  );

  it('status: shows a 404 with its explanation, a followed 301, and a cookie that comes back', async () => {
    const { page, watch } = await open('/lecciones/01-modelo-cliente-servidor/');
    const demo = await hydrate(page, '.hs-demo');

    await demo.getByRole('button', { name: 'Pedir 404' }).click();
    await expect.poll(() => demo.getByTestId('status-line').textContent()).toBe('HTTP/1.1 404 Not Found');
    await expect(demo.getByTestId('status-family').textContent()).resolves.toBe('Error del cliente (4xx)');
    await expect(demo.locator('.hs-step[data-family="4xx"] .hs-explanation').textContent()).resolves.toMatch(
      /Error del cliente: la petición pide algo que no existe/,
    );
    await expect(demo.locator('.hs-body').textContent()).resolves.toContain('"codigo": 404');
    await expect(demo.locator('.hs-headers').textContent()).resolves.toContain('content-type');

    await demo.getByRole('button', { name: 'Pedir 301' }).click();
    await expect.poll(() => demo.getByTestId('status-line').textContent()).toBe('HTTP/1.1 200 OK');
    await expect(demo.locator('.hs-step').first().textContent()).resolves.toMatch(/301 Moved Permanently/);
    await expect(demo.locator('.hs-body').textContent()).resolves.toContain('"redirigido": true');

    await demo.getByRole('button', { name: '1. Recibir una cookie' }).click();
    await demo.locator('.hs-cookie pre').first().waitFor();
    const setLine = (await demo.locator('.hs-cookie pre').first().textContent()) ?? '';
    const value = /demo_visita=([0-9a-f]+)/.exec(setLine)?.[1];
    expect(value).toBeTruthy();
    await demo.getByRole('button', { name: '2. Enviar otra petición' }).click();
    await expect
      .poll(() => demo.getByTestId('cookie-echo').textContent())
      .toBe(`Cookie: demo_visita=${value ?? ''}`);
    await expect(demo.locator('.hs-verdict').getAttribute('data-ok')).resolves.toBe('true');

    expect(await overflowsAt375(page)).toBe(false);
    expect(watch.problems.filter((p) => !EXPECTED_STATUS_ERRORS.test(p))).toEqual([]);
    expect(watch.problems.filter((p) => EXPECTED_STATUS_ERRORS.test(p))).toHaveLength(1);
    expect(watch.external).toEqual([]);
    await page.close();
  });

  it('says so in Spanish when the room is unreachable, and the lesson still reads', async () => {
    const { page, watch } = await open('/lecciones/03-peticion-y-respuesta/', { theme: 'dark' });
    await page.route('**/parties/**', (route) => route.abort('connectionrefused'));
    const demo = await hydrate(page, '.sa-demo');
    await demo.getByRole('button', { name: 'Síncrono', exact: true }).click();
    await expect
      .poll(() => demo.getByRole('status').textContent(), { timeout: 10_000 })
      .toMatch(/No se pudo contactar con la sala/);
    expect(await page.getByRole('heading', { name: 'Petición y Respuesta', exact: true }).isVisible()).toBe(
      true,
    );
    // The aborted request is reported by Chromium itself; nothing else may complain.
    expect(watch.problems.filter((p) => !/net::ERR_CONNECTION_REFUSED/.test(p))).toEqual([]);
    await page.close();
  });

  it.each(
    THEMES.flatMap((theme) => [
      { theme, path: '/lecciones/03-peticion-y-respuesta/', demo: '.sa-demo', button: 'Asíncrono (AJAX)' },
      { theme, path: '/lecciones/02-como-llega-una-pagina/', demo: '.pl-demo', button: '' },
      { theme, path: '/lecciones/01-modelo-cliente-servidor/', demo: '.hs-demo', button: 'Pedir 200' },
    ]),
  )(
    '$demo ($theme) has no serious or critical axe violation once in use',
    async ({ theme, path, demo, button }) => {
      const { page } = await open(path, { theme });
      expect(await page.locator('html').getAttribute('data-theme')).toBe(theme);
      const locator = await hydrate(page, demo);
      if (button) {
        await locator.getByRole('button', { name: button, exact: true }).click();
        await locator.locator('[data-testid^="total-"], [data-testid="status-line"]').first().waitFor();
      } else {
        await page.locator(`${demo}[data-ready="true"]`).waitFor();
      }
      expect(await axeProblems(page, demo)).toEqual([]);
      await page.close();
    },
  );
});
