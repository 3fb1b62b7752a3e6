/**
 * Lighthouse's mobile preset (performance, accessibility, best practices, SEO) with LCP,
 * CLS and total blocking time from the same run, in Debian's Chromium; every category
 * under 100 lists the audits that cost it points.
 *
 * One run is not a measure on a shared machine: the score hangs on total blocking time,
 * which Lighthouse simulates as the observed main-thread work times a fixed 4× CPU
 * slowdown, so it moves with whatever else the host is doing. `medianRun` picks the median
 * of several runs (Lighthouse's own advice, docs/variability.md), and every run records the
 * host's `benchmarkIndex`, the CPU measure that 4× is calibrated against
 * (docs/throttling.md: 4× turns a high-end desktop, index 1500–2000, into a mid-tier phone).
 */
import lighthouse from 'lighthouse';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type Category = (typeof CATEGORIES)[number];

const CATEGORY_NAMES: Record<Category, string> = {
  performance: 'rendimiento',
  accessibility: 'accesibilidad',
  'best-practices': 'buenas prácticas',
  seo: 'SEO',
};

export interface Scores {
  categories: Record<Category, number>;
  lcp: number;
  cls: number;
  tbt: number;
  /** The audits that cost points, per category below 100. */
  misses: string[];
  /** Lighthouse's measure of the host's CPU for this run (`environment.benchmarkIndex`). */
  benchmarkIndex: number;
}

/** The median of several runs on one page (by performance, then blocking time), and every run's performance. */
export function medianRun(runs: Scores[]): Scores & { performances: number[] } {
  if (runs.length === 0) throw new Error('ninguna ejecución de Lighthouse');
  const sorted = [...runs].sort(
    (a, b) => a.categories.performance - b.categories.performance || b.tbt - a.tbt,
  );
  const median = sorted[Math.floor((sorted.length - 1) / 2)] as Scores;
  return { ...median, performances: runs.map((run) => run.categories.performance) };
}

/** Audits `url` in the Chromium listening for DevTools on `port`. */
export async function audit(port: number, url: string): Promise<Scores> {
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
    benchmarkIndex: lhr.environment.benchmarkIndex,
  };
}
