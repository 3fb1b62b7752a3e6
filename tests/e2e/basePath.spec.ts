/**
 * A deployer's build under a base path (`BASE_PATH=/curso/`, as on GitHub Pages), served
 * under that prefix with the room on the same origin at the host root (`/parties/…`,
 * which PartyKit keeps whatever the base). In the browser: the hero button, sidebar and
 * in-text links stay under `/curso/`, search results point under it, every asset loads,
 * and a demo connects to the room. The sitemap uses `SITE_URL` plus the base.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild } from '../../scripts/tools/build.mjs';
import { startPartykit } from '../../scripts/tools/partykit.mjs';
import { hasBrowser, launchBrowser, type PageWatch, watchPage } from '../harness/browser';

const BASE = '/curso/';
const SITE = 'https://cursos.ejemplo.test';

describe.skipIf(!hasBrowser)('browser: a build under BASE_PATH=/curso/', () => {
  let served: string;
  let site: Awaited<ReturnType<typeof startPartykit>>;
  let browser: Browser;

  beforeAll(async () => {
    served = mkdtempSync(join(tmpdir(), 'cs-base-'));
    const started = performance.now();
    // The files go under <served>/curso/, so the server maps /curso/… to them and /parties/… to the room.
    const build = await astroBuild(['--outDir', join(served, 'curso')], {
      env: { BASE_PATH: BASE, SITE_URL: SITE },
    });
    console.info(`astro build (BASE_PATH=${BASE}): ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (build.code !== 0) throw new Error(`astro build falló:\n${build.output.slice(-4000)}`);
    site = await startPartykit({ serve: served });
    browser = await launchBrowser();
    // A whole `astro build` (16 s on a quiet machine): it has taken over 2 min on a loaded
    // one, past this layer's hook limit, which is sized for starting a site and a browser.
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
    if (served) rmSync(served, { recursive: true, force: true });
  });

  /** A page that records console problems, external requests and any failed response. */
  async function open(path: string): Promise<{ page: Page; watch: PageWatch; failed: string[] }> {
    const page = await browser.newPage();
    const watch = await watchPage(page);
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${String(response.status())} ${response.url()}`);
    });
    await page.goto(`${site.origin}${path}`);
    return { page, watch, failed };
  }

  const pathOf = (page: Page) => new URL(page.url()).pathname;

  it('navigates from the hero button, the sidebar and an in-text link, staying under /curso/', async () => {
    const { page, watch, failed } = await open(BASE);
    expect(await page.locator('h1').first().textContent()).toContain('Cliente-Servidor');

    await page.getByRole('link', { name: 'Empezar el curso' }).click();
    await page.waitForURL(`**${BASE}lecciones/01-modelo-cliente-servidor/`);
    expect(await page.locator('h1').first().textContent()).toMatch(/cliente-servidor/i);

    await page
      .locator('nav.sidebar')
      .getByRole('link', { name: /WebSocket/ })
      .first()
      .click();
    await page.waitForURL(`**${BASE}lecciones/04-websocket/`);

    await page.locator('main .sl-markdown-content a[href*="/glosario/#websocket"]').first().click();
    await page.waitForURL(`**${BASE}glosario/#websocket`);
    expect(pathOf(page)).toBe(`${BASE}glosario/`);

    const hrefs = await page
      .locator('a[href^="/"]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.filter((href) => !href.startsWith(BASE))).toEqual([]);
    expect(failed).toEqual([]);
    expect(watch.problems).toEqual([]);
    expect(watch.external).toEqual([]);
    await page.close();
  });

  it('finds a lesson with search and opens the result under /curso/', async () => {
    const { page, watch, failed } = await open(BASE);
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.locator('#starlight__search .pagefind-ui__search-input').fill('apretón de manos');
    const first = page.locator('.pagefind-ui__result-link').first();
    await first.waitFor({ timeout: 15_000 });
    const paths = await page
      .locator('.pagefind-ui__result-link')
      .evaluateAll((links) => links.map((a) => new URL(a.getAttribute('href') ?? '', 'http://x').pathname));
    expect(paths).toContain(`${BASE}lecciones/04-websocket/`);
    expect(paths.filter((path) => !path.startsWith(BASE))).toEqual([]);
    await page.locator(`.pagefind-ui__result-link[href^="${BASE}lecciones/04-websocket/"]`).first().click();
    await page.waitForURL(`**${BASE}lecciones/04-websocket/**`);
    expect(failed).toEqual([]);
    expect(watch.problems).toEqual([]);
    await page.close();
  });

  it('connects a demo to the room at the host root', async () => {
    const { page, watch, failed } = await open(`${BASE}lecciones/04-websocket/`);
    await page.locator('.push-demo').first().scrollIntoViewIfNeeded();
    await page.getByTestId('push-status').first().getByText('conectado', { exact: true }).waitFor();
    expect(failed).toEqual([]);
    expect(watch.problems).toEqual([]);
    await page.close();
  });

  it('prefixes LinkCard links and lists every page in the sitemap under SITE_URL + base', async () => {
    const { page, failed } = await open(`${BASE}autores/componentes/`);
    expect(await page.locator(`.sl-link-card a[href="${BASE}lecciones/04-websocket/"]`).count()).toBe(1);
    expect(failed).toEqual([]);
    await page.close();
    const index = await (await fetch(`${site.origin}${BASE}sitemap-index.xml`)).text();
    expect(index).toContain(`<loc>${SITE}${BASE}sitemap-0.xml</loc>`);
    const sitemap = await (await fetch(`${site.origin}${BASE}sitemap-0.xml`)).text();
    expect(sitemap).toContain(`<loc>${SITE}${BASE}lecciones/04-websocket/</loc>`);
    expect(sitemap).toContain(`<loc>${SITE}${BASE}autores/</loc>`);
  });
});
