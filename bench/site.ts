/**
 * `npm run bench:site`: what each page costs a reader, and what the build costs as the
 * course grows. In a throwaway copy of the project (so builds by others in the same tree
 * never race this one) it builds the site, serves it with the room from one origin, and
 * for the home page, every lesson, every page of the authors' guide and the glossary
 * measures:
 *
 * - the gzipped bytes of JS, CSS and HTML loaded before any interaction (load, then the
 *   network idle), and again after scrolling to the end step by step, since mermaid and the
 *   islands load when they come near the viewport;
 * - Lighthouse's mobile preset (performance, accessibility, best practices, SEO) with LCP,
 *   CLS and total blocking time from the same run, in Debian's Chromium: the median of
 *   BENCH_SITE_LH_RUNS runs (default 3), taken in rounds over every page so that a busy
 *   minute on the machine falls on all pages alike, with the host's CPU index per run.
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
 * The parts: `site/bytes.ts`, `site/lighthouse.ts`, `site/growth.ts` (the cloned course
 * and cold builds) and `site/report.ts`.
 *
 * BENCH_SITE_LESSONS (default 100) sets the size of the large build; 0 skips it.
 * BENCH_SITE_LIGHTHOUSE=0 skips Lighthouse.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, startDebuggableChromium } from '../scripts/tools/chromium.mjs';
import { startPartykit } from '../scripts/tools/partykit.mjs';
import { copyProject } from '../scripts/tools/project.mjs';
import { measureBytes, type PageBytes } from './site/bytes';
import { coldBuild, growLessons, guidePages, lessonPages } from './site/growth';
import { audit, medianRun, type Scores } from './site/lighthouse';
import { type Measured, report } from './site/report';

const BIG = Number(process.env['BENCH_SITE_LESSONS'] ?? 100);
const WITH_LIGHTHOUSE = process.env['BENCH_SITE_LIGHTHOUSE'] !== '0';
const LIGHTHOUSE_RUNS = Math.max(1, Number(process.env['BENCH_SITE_LH_RUNS'] ?? 3));
const BASELINE = '/glosario/';
/** The plain Markdown lesson put into the copy, and the whole-course page. */
const MD_LESSON = '/lecciones/90-markdown-simple/';
const COURSE = '/curso-completo/';

/**
 * The pages to measure: the home page, the lessons in order, the authors' guide (MDX pages
 * too, held to the same budgets; its demos page carries every demo), the whole course, the
 * glossary.
 */
const pagesOf = (dist: string): string[] => [
  '/',
  ...lessonPages(dist),
  ...guidePages(dist),
  COURSE,
  BASELINE,
];

/** Bytes on every page, then Lighthouse on every page, with the site served with the room. */
async function measurePages(dist: string, pages: string[]) {
  const site = await startPartykit({ serve: dist });
  const bytes = new Map<string, PageBytes>();
  const scores = new Map<string, ReturnType<typeof medianRun>>();
  try {
    const browser = await launchChromium();
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
        const runs = new Map<string, Scores[]>(pages.map((path) => [path, []]));
        for (let round = 1; round <= LIGHTHOUSE_RUNS; round++) {
          for (const path of pages) {
            console.log(`Lighthouse ${String(round)}/${String(LIGHTHOUSE_RUNS)}: ${path}`);
            runs.get(path)?.push(await audit(chrome.port, `${site.origin}${path}`));
          }
        }
        for (const [path, done] of runs) scores.set(path, medianRun(done));
      } finally {
        await chrome.stop();
      }
    }
  } finally {
    await site.stop();
  }
  return { bytes, scores };
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
  const builds: Measured['builds'] = {
    small: { lessons: lessonCount, seconds: await coldBuild(copy, dist) },
  };
  const pages = pagesOf(dist);
  const { bytes, scores } = await measurePages(dist, pages);

  if (BIG > 0) {
    const lessons = growLessons(copy, BIG);
    console.log(`Construyendo el sitio con ${String(lessons)} lecciones…`);
    builds.big = { lessons, seconds: await coldBuild(copy, join(work, 'dist-big')) };
    const built = lessonPages(join(work, 'dist-big')).filter((path) => path !== MD_LESSON).length;
    if (built !== lessons)
      throw new Error(`el build grande tiene ${String(built)} lecciones, no ${String(lessons)}`);
  }

  report({ pages, baseline: BASELINE, mdLesson: MD_LESSON, bytes, scores, builds });
} finally {
  rmSync(work, { recursive: true, force: true });
  copy.remove();
}
