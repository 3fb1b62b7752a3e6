/**
 * The bench's report: the bytes table against the baseline page, the Lighthouse table, the
 * build growth, and every goal missed under «Fallos» with how far off it is.
 */
import { ratio, table } from '../lib/stats.mjs';
import type { PageBytes } from './bytes';
import { CATEGORIES, type medianRun } from './lighthouse';

/** Each island may add this much gzipped JS before interaction. */
const ISLAND_BUDGET = 15 * 1024;
/** Layout shift while scrolling to the end, on every page. */
const SCROLL_SHIFT_GOAL = 0.02;

export interface Measured {
  pages: string[];
  /** The plain Starlight page every other page is compared with. */
  baseline: string;
  /** The plain Markdown lesson, reported apart from the MDX pages' budgets. */
  mdLesson: string;
  bytes: Map<string, PageBytes>;
  /** The median run per page, with every run's performance; empty when Lighthouse was skipped. */
  scores: Map<string, ReturnType<typeof medianRun>>;
  /** Cold builds: the course as it is, and grown (absent when skipped). */
  builds: { small: { lessons: number; seconds: number }; big?: { lessons: number; seconds: number } };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function of<T>(map: Map<string, T>, path: string, what: string): T {
  const value = map.get(path);
  if (!value) throw new Error(`faltan ${what} de ${path}`);
  return value;
}

function bytesTable({ pages, baseline, mdLesson, bytes }: Measured, fallos: string[]): void {
  const base = of(bytes, baseline, 'los bytes');
  const rows = pages.map((path) => {
    const b = of(bytes, path, 'los bytes');
    const budget = base.load.js + ISLAND_BUDGET * b.islands;
    if (b.load.js > budget && path !== mdLesson) {
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
  console.log(`\nBase: ${baseline} (Starlight sin demos ni diagramas). Presupuesto = base + 15 KB por isla.`);
  const md = bytes.get(mdLesson);
  if (md) {
    console.log(
      `Lección .md (${mdLesson}): astro-mermaid carga mermaid al abrir: ${kb(md.load.js)} de JS antes de ` +
        `interactuar, ${kb(md.load.js - base.load.js)} más que la base; fuera del presupuesto de las páginas MDX.`,
    );
  }
}

function lighthouseTable({ pages, baseline, mdLesson, scores }: Measured, fallos: string[]): void {
  const base = of(scores, baseline, 'las puntuaciones');
  const runs = base.performances.length;
  console.log(
    `\nLighthouse, preajuste móvil: la ejecución mediana de ${String(runs)} por página (en rondas sobre todas las páginas)\n`,
  );
  table(
    [
      'página',
      'rendimiento',
      'cada ejecución',
      'accesibilidad',
      'buenas prácticas',
      'SEO',
      'LCP',
      'CLS',
      'TBT',
      'TBT / base',
    ],
    pages.map((path) => {
      const s = of(scores, path, 'las puntuaciones');
      if (path !== mdLesson) for (const miss of s.misses) fallos.push(`${path}: ${miss}`);
      return [
        path,
        String(s.categories.performance),
        s.performances.join(' · '),
        ...CATEGORIES.filter((id) => id !== 'performance').map((id) => String(s.categories[id])),
        `${s.lcp.toFixed(0)} ms`,
        s.cls.toFixed(3),
        `${s.tbt.toFixed(0)} ms`,
        ratio(s.tbt / base.tbt),
      ];
    }),
  );
  const indexes = [...scores.values()].map((s) => s.benchmarkIndex).sort((a, b) => a - b);
  const middle = indexes[Math.floor((indexes.length - 1) / 2)] ?? Number.NaN;
  console.log(
    `\nCPU de la máquina según Lighthouse (benchmarkIndex de las ejecuciones medianas): mediana ${middle.toFixed(0)}, ` +
      `de ${(indexes[0] ?? Number.NaN).toFixed(0)} a ${(indexes.at(-1) ?? Number.NaN).toFixed(0)}. ` +
      'Lighthouse simula el móvil multiplicando por 4 el trabajo observado, calibrado para un ' +
      'escritorio de 1500–2000 (docs/throttling.md): por debajo, el móvil simulado es más lento que su ' +
      'referencia y el TBT crece en todas las páginas; «TBT / base» compara cada página con la base en ' +
      'las mismas rondas.',
  );
}

function growthTable(
  small: { lessons: number; seconds: number },
  big: { lessons: number; seconds: number },
  fallos: string[],
): void {
  const perSmall = small.seconds / small.lessons;
  const perBig = big.seconds / big.lessons;
  console.log('\nTiempo de build (en frío, una vez cada uno)\n');
  table(
    ['lecciones', 'build', 'por lección'],
    [small, big].map((b) => [
      String(b.lessons),
      `${b.seconds.toFixed(1)} s`,
      `${(b.seconds / b.lessons).toFixed(2)} s`,
    ]),
  );
  const marginal = (big.seconds - small.seconds) / (big.lessons - small.lessons);
  console.log(
    `\nRazón por lección (${String(big.lessons)} frente a ${String(small.lessons)}): ${ratio(perBig / perSmall)} (meta ≤ 1). ` +
      `Cada lección más cuesta ${(marginal * 1000).toFixed(0)} ms (con el ruido de una máquina compartida).`,
  );
  if (perBig / perSmall > 1) {
    fallos.push(
      `build: ${ratio(perBig / perSmall)} por lección con ${String(big.lessons)} lecciones (meta ≤ 1)`,
    );
  }
}

/** Prints every table and the goals missed. */
export function report(measured: Measured): void {
  const fallos: string[] = [];
  bytesTable(measured, fallos);
  if (measured.scores.size > 0) lighthouseTable(measured, fallos);
  if (measured.builds.big) growthTable(measured.builds.small, measured.builds.big, fallos);
  console.log(`\nFallos (${String(fallos.length)})`);
  for (const line of fallos) console.log(`- ${line}`);
  if (fallos.length === 0) console.log('- ninguno');
}
