/**
 * `npm run bench:site`: what each page costs a reader, and what the build costs as the
 * course grows. In a throwaway copy of the project (so builds by others in the same tree
 * never race this one) it builds the site, serves it with the room from one origin, and
 * for the home page, every lesson and the glossary measures:
 *
 * - the gzipped bytes of JS, CSS and HTML loaded before any interaction (load, then the
 *   network idle), and again after scrolling to the end step by step, since mermaid and the
 *   islands load when they come near the viewport;
 * - Lighthouse's mobile preset (performance, accessibility, best practices, SEO) with LCP,
 *   CLS and total blocking time from the same run, in Debian's Chromium.
 *
 * The baseline, from the same run, is the glossary: a plain Starlight page with no demo
 * and no diagram. Goals: 100 in every category on every page, and no page carrying more
 * JS before interaction than the baseline plus 15 KB gzipped per island on it. Misses are
 * listed under «Fallos» with how far off they are.
 *
 * A plain Markdown lesson (`tests/build/md-fixtures/90-markdown-simple.md`) is added to the
 * copy: astro-mermaid loads mermaid as it opens, and that eager cost is reported on its own
 * line, not held to the MDX pages' budgets (the authors' guide explains the trade-off).
 * The whole-course page (`/curso-completo/`) is measured like a lesson.
 *
 * Then it clones the lessons up to 100 in the copy and builds again, and prints the build
 * time per lesson against the five-lesson build (goal: ≤ 1, linear growth or better).
 *
 * BENCH_SITE_LESSONS (default 100) sets the size of the large build; 0 skips it.
 * BENCH_SITE_LIGHTHOUSE=0 skips Lighthouse.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import { type Browser, chromium, type Page } from 'playwright-core';
import { freePort, startGroup, startPartykit, waitForHttp } from '../scripts/lib/processes.mjs';
import { copyProject, type ProjectCopy } from '../tests/build/authoring-copy';
import { ratio, sleep, table } from './lib/stats.mjs';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const BIG = Number(process.env['BENCH_SITE_LESSONS'] ?? 100);
const WITH_LIGHTHOUSE = process.env['BENCH_SITE_LIGHTHOUSE'] !== '0';
/** Each island may add this much gzipped JS before interaction. */
const ISLAND_BUDGET = 15 * 1024;
const BASELINE = '/glosario/';
/** The plain Markdown lesson put into the copy, and the whole-course page. */
const MD_LESSON = '/lecciones/90-markdown-simple/';
const COURSE = '/curso-completo/';
/** Layout shift while scrolling to the end, on every page. */
const SCROLL_SHIFT_GOAL = 0.02;
/** Lighthouse's mobile viewport, so the bytes and the scores see the same first screen. */
const VIEWPORT = { width: 412, height: 823 };
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const CATEGORY_NAMES: Record<(typeof CATEGORIES)[number], string> = {
  performance: 'rendimiento',
  accessibility: 'accesibilidad',
  'best-practices': 'buenas prácticas',
  seo: 'SEO',
};

type Kind = 'js' | 'css' | 'html' | 'other';
type Bytes = Record<Kind, number>;

interface PageBytes {
  load: Bytes;
  end: Bytes;
  islands: number;
  /** Layout shift while scrolling to the end: diagrams and islands swapping in. */
  scrollShift: number;
  console: string[];
}

interface Scores {
  categories: Record<(typeof CATEGORIES)[number], number>;
  lcp: number;
  cls: number;
  tbt: number;
  /** The audits that cost points, per category below 100. */
  misses: string[];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const kindOf = (type: string): Kind =>
  type === 'script' ? 'js' : type === 'stylesheet' ? 'css' : type === 'document' ? 'html' : 'other';

/** The pages to measure: the home page, the lessons in order, the glossary. */
function pagesOf(dist: string): string[] {
  const lessons = readdirSync(join(dist, 'lecciones'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `/lecciones/${entry.name}/`)
    .sort();
  return ['/', ...lessons, COURSE, BASELINE];
}

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

async function measureBytes(browser: Browser, url: string): Promise<PageBytes> {
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

  // `partykit dev` restarts when someone edits party/ in the tree it runs from; wait it out.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(url, { waitUntil: 'load' });
      break;
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('ERR_CONNECTION_REFUSED')) throw error;
      await sleep(1000);
    }
  }
  await network.quiet();
  // client:idle islands wait for requestIdleCallback; give them a moment, then the network.
  await sleep(500);
  await network.quiet();
  await Promise.all(pending);
  const load = sum(responses);

  // Scroll down by most of a screen at a time, letting lazy work start, to the very end
  // (the page grows as diagrams render, so the end is looked up at every step).
  for (let step = 0; step < 200; step++) {
    const atEnd = await page.evaluate(() => {
      window.scrollBy(0, Math.round(window.innerHeight * 0.8));
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    });
    await sleep(250);
    if (atEnd) break;
  }
  await network.quiet(1000);
  await Promise.all(pending);
  const end = sum(responses);
  const islands = await page.locator('astro-island').count();
  const scrollShift = await page.evaluate(() => (window as unknown as { shift: number }).shift);
  await context.close();
  return { load, end, islands, scrollShift, console: consoleLines };
}

/** Debian's Chromium with a DevTools port for Lighthouse, in its own process group. */
async function startDebuggableChromium() {
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), 'cs-lighthouse-'));
  const chrome = startGroup(CHROMIUM, [
    ...CHROMIUM_FLAGS,
    '--headless=new',
    `--remote-debugging-port=${String(port)}`,
    `--user-data-dir=${profile}`,
    'about:blank',
  ]);
  await waitForHttp(`http://127.0.0.1:${String(port)}/json/version`, {
    exited: chrome.exited,
    output: chrome.output,
  });
  return {
    port,
    async stop() {
      await chrome.stop();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function audit(port: number, url: string): Promise<Scores> {
  const result = await lighthouse(url, {
    port,
    logLevel: 'error',
    output: 'json',
    onlyCategories: [...CATEGORIES],
  });
  if (!result) throw new Error(`Lighthouse no devolvió resultados para ${url}`);
  const { lhr } = result;
  const categories = Object.fromEntries(
    CATEGORIES.map((id) => [id, Math.round((lhr.categories[id]?.score ?? 0) * 100)]),
  ) as Scores['categories'];
  const misses: string[] = [];
  if (lhr.runtimeError) misses.push(`Lighthouse no pudo medir: ${lhr.runtimeError.message}`);
  for (const id of CATEGORIES) {
    const category = lhr.categories[id];
    if (!category || categories[id] === 100) continue;
    const costly = category.auditRefs
      .filter((ref) => ref.weight > 0)
      .map((ref) => ({ ref, audit: lhr.audits[ref.id] }))
      .filter(({ audit }) => audit && audit.score !== null && audit.score < 1)
      .map(
        ({ audit }) =>
          `${audit?.id ?? ''} ${audit?.displayValue ? `(${audit.displayValue}) ` : ''}${((audit?.score ?? 0) * 100).toFixed(0)}`,
      );
    misses.push(
      `${CATEGORY_NAMES[id]} ${String(categories[id])}: ${costly.join(', ') || 'sin auditoría con peso'}`,
    );
  }
  const value = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  return {
    categories,
    lcp: value('largest-contentful-paint'),
    cls: value('cumulative-layout-shift'),
    tbt: value('total-blocking-time'),
    misses,
  };
}

/** Clones the lessons (new slug, order and title) until the copy has `total` of them. */
function growLessons(copy: ProjectCopy, total: number): number {
  const dir = join(copy.dir, 'src/content/docs/lecciones');
  const originals = readdirSync(dir)
    .filter((name) => /^\d+-.+\.mdx$/.test(name))
    .sort();
  for (let n = originals.length + 1; n <= total; n++) {
    const name = originals[(n - 1) % originals.length] ?? '';
    const source = readFileSync(join(dir, name), 'utf8');
    const slug = name.replace(/^\d+-/, '').replace(/\.mdx$/, '');
    const cloned = source
      .replace(/^title:\s*(.+)$/m, (_line, title: string) => {
        const plain = title.replace(/^(['"])(.*)\1$/, '$2');
        return `title: ${JSON.stringify(`${plain} (copia ${String(n)})`)}`;
      })
      .replace(/^(\s+order:\s*)\d+$/m, `$1${String(n)}`);
    writeFileSync(join(dir, `${String(n).padStart(3, '0')}-${slug}-copia.mdx`), cloned);
  }
  return Math.max(total, originals.length);
}

/** A cold build in the copy: Astro's and Vite's caches are dropped first. */
async function coldBuild(copy: ProjectCopy, outDir: string): Promise<number> {
  for (const cache of ['.astro', '.cache']) rmSync(join(copy.dir, cache), { recursive: true, force: true });
  const result = await copy.build({ outDir });
  if (result.code !== 0) {
    throw new Error(`astro build falló (código ${String(result.code)}):\n${result.output.slice(-4000)}`);
  }
  return result.seconds;
}

const copy = copyProject();
const work = mkdtempSync(join(tmpdir(), 'cs-bench-site-'));
try {
  const lessonCount = readdirSync(join(copy.dir, 'src/content/docs/lecciones')).filter((name) =>
    name.endsWith('.mdx'),
  ).length;
  copyFileSync(
    join(copy.dir, 'tests/build/md-fixtures/90-markdown-simple.md'),
    join(copy.dir, 'src/content/docs/lecciones/90-markdown-simple.md'),
  );
  console.log(
    `Construyendo el sitio (${String(lessonCount)} lecciones MDX y una .md) en una copia del proyecto…`,
  );
  const dist = join(work, 'dist');
  const smallBuild = await coldBuild(copy, dist);
  const pages = pagesOf(dist);

  const site = await startPartykit({ serve: dist });
  const bytes = new Map<string, PageBytes>();
  const scores = new Map<string, Scores>();
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    try {
      for (const path of pages) {
        console.log(`Bytes: ${path}`);
        bytes.set(path, await measureBytes(browser, `${site.origin}${path}`));
      }
    } finally {
      await browser.close();
    }
    if (WITH_LIGHTHOUSE) {
      const chrome = await startDebuggableChromium();
      try {
        for (const path of pages) {
          console.log(`Lighthouse: ${path}`);
          scores.set(path, await audit(chrome.port, `${site.origin}${path}`));
        }
      } finally {
        await chrome.stop();
      }
    }
  } finally {
    await site.stop();
  }

  let bigBuild = Number.NaN;
  let bigCount = 0;
  if (BIG > 0) {
    bigCount = growLessons(copy, BIG);
    console.log(`Construyendo el sitio con ${String(bigCount)} lecciones…`);
    bigBuild = await coldBuild(copy, join(work, 'dist-big'));
    const built = pagesOf(join(work, 'dist-big')).filter(
      (path) => path.startsWith('/lecciones/') && path !== MD_LESSON,
    ).length;
    if (built !== bigCount)
      throw new Error(`el build grande tiene ${String(built)} lecciones, no ${String(bigCount)}`);
  }

  const base = bytes.get(BASELINE);
  if (!base) throw new Error('falta la página de referencia');
  const fallos: string[] = [];
  const rows = pages.map((path) => {
    const b = bytes.get(path);
    if (!b) throw new Error(`faltan los bytes de ${path}`);
    const budget = base.load.js + ISLAND_BUDGET * b.islands;
    if (b.load.js > budget && path !== MD_LESSON) {
      fallos.push(
        `${path}: JS antes de interactuar ${kb(b.load.js)}, presupuesto ${kb(budget)} (${String(b.islands)} islas): sobran ${kb(b.load.js - budget)}`,
      );
    }
    if (b.scrollShift > SCROLL_SHIFT_GOAL)
      fallos.push(
        `${path}: CLS al desplazarse ${b.scrollShift.toFixed(3)} (meta ≤ ${String(SCROLL_SHIFT_GOAL)})`,
      );
    for (const line of b.console) fallos.push(`${path}: consola: ${line}`);
    return [
      path,
      kb(b.load.js),
      kb(b.load.css),
      kb(b.load.html),
      kb(b.end.js),
      kb(b.end.css),
      String(b.islands),
      kb(budget),
      ratio(b.load.js / base.load.js),
      ratio(b.end.js / base.end.js),
      b.scrollShift.toFixed(3),
    ];
  });

  console.log('\nBytes gzip: al cargar (sin interactuar) y tras desplazarse hasta el final\n');
  table(
    [
      'página',
      'JS carga',
      'CSS carga',
      'HTML',
      'JS final',
      'CSS final',
      'islas',
      'presupuesto JS',
      'JS carga / base',
      'JS final / base',
      'CLS al desplazarse',
    ],
    rows,
  );
  console.log(`\nBase: ${BASELINE} (Starlight sin demos ni diagramas). Presupuesto = base + 15 KB por isla.`);
  const md = bytes.get(MD_LESSON);
  if (md) {
    console.log(
      `Lección .md (${MD_LESSON}): astro-mermaid carga mermaid al abrir: ${kb(md.load.js)} de JS antes de ` +
        `interactuar, ${kb(md.load.js - base.load.js)} más que la base; fuera del presupuesto de las páginas MDX.`,
    );
  }

  if (WITH_LIGHTHOUSE) {
    console.log('\nLighthouse, preajuste móvil\n');
    table(
      ['página', 'rendimiento', 'accesibilidad', 'buenas prácticas', 'SEO', 'LCP', 'CLS', 'TBT'],
      pages.map((path) => {
        const s = scores.get(path);
        if (!s) throw new Error(`faltan las puntuaciones de ${path}`);
        if (path !== MD_LESSON) for (const miss of s.misses) fallos.push(`${path}: ${miss}`);
        return [
          path,
          ...CATEGORIES.map((id) => String(s.categories[id])),
          `${s.lcp.toFixed(0)} ms`,
          s.cls.toFixed(3),
          `${s.tbt.toFixed(0)} ms`,
        ];
      }),
    );
  }

  if (BIG > 0) {
    const perSmall = smallBuild / lessonCount;
    const perBig = bigBuild / bigCount;
    console.log('\nTiempo de build (en frío, una vez cada uno)\n');
    table(
      ['lecciones', 'build', 'por lección'],
      [
        [String(lessonCount), `${smallBuild.toFixed(1)} s`, `${perSmall.toFixed(2)} s`],
        [String(bigCount), `${bigBuild.toFixed(1)} s`, `${perBig.toFixed(2)} s`],
      ],
    );
    const marginal = (bigBuild - smallBuild) / (bigCount - lessonCount);
    console.log(
      `\nRazón por lección (${String(bigCount)} frente a ${String(lessonCount)}): ${ratio(perBig / perSmall)} (meta ≤ 1). ` +
        `Cada lección más cuesta ${(marginal * 1000).toFixed(0)} ms (con el ruido de una máquina compartida).`,
    );
    if (perBig / perSmall > 1) {
      fallos.push(
        `build: ${ratio(perBig / perSmall)} por lección con ${String(bigCount)} lecciones (meta ≤ 1)`,
      );
    }
  }

  console.log(`\nFallos (${String(fallos.length)})`);
  for (const line of fallos) console.log(`- ${line}`);
  if (fallos.length === 0) console.log('- ninguno');
} finally {
  rmSync(work, { recursive: true, force: true });
  copy.remove();
}
