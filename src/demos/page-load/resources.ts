/**
 * The resources step, from the reader's Resource Timing entries: one row per image, style,
 * script or request, in the order they were asked for, marking what came from the cache and
 * what another origin keeps hidden.
 */
import { formatBytes } from '../../lib/format';
import {
  cacheState,
  detailHidden,
  type NavigationLike,
  type ResourceLike,
  type ResourceRow,
  type Step,
  step,
} from './timing';

/** Short on purpose: every resource row reserves room for the longest note (reserve.ts). */
const HIDDEN_NOTE = 'Otro origen sin Timing-Allow-Origin: el navegador da solo el total, sin desglose.';

const KINDS: Array<[RegExp, string]> = [
  [/\.(png|jpe?g|gif|webp|avif|svg|ico)$/i, 'imagen'],
  [/\.css$/i, 'estilo'],
  [/\.m?js$/i, 'script'],
  [/\.(woff2?|ttf|otf)$/i, 'fuente'],
  [/\.json$/i, 'datos'],
];

const INITIATORS: Record<string, string> = {
  img: 'imagen',
  image: 'imagen',
  css: 'estilo',
  script: 'script',
  fetch: 'fetch',
  xmlhttprequest: 'fetch',
  beacon: 'fetch',
};

/** A resource's kind in Spanish, from its file extension or who asked for it. */
export function resourceKind(url: URL, initiatorType: string): string {
  for (const [pattern, kind] of KINDS) if (pattern.test(url.pathname)) return kind;
  return INITIATORS[initiatorType] ?? 'otro';
}

/** The last path segment, shortened in the middle when long. */
export function shortName(url: URL, max = 32): string {
  const segments = url.pathname.split('/').filter(Boolean);
  let name = segments.at(-1) ?? url.host;
  try {
    name = decodeURIComponent(name);
  } catch {
    // Keep the raw segment.
  }
  if (name.length <= max) return name;
  const half = Math.floor((max - 1) / 2);
  return `${name.slice(0, half)}…${name.slice(-half)}`;
}

/** One row per resource, in the order they were requested. */
export function resourceRows(entries: ResourceLike[], pageOrigin: string, loadEnd: number): ResourceRow[] {
  return entries
    .filter((e) => /^https?:/.test(e.name))
    .map((entry) => {
      const url = new URL(entry.name);
      const hidden = detailHidden(entry);
      const cache = cacheState(entry);
      const crossOrigin = url.origin !== pageOrigin;
      return {
        url: entry.name,
        name: shortName(url),
        kind: resourceKind(url, entry.initiatorType),
        start: entry.startTime,
        end: entry.responseEnd,
        cache,
        hidden,
        afterLoad: loadEnd > 0 && entry.startTime > loadEnd,
        note: hidden
          ? HIDDEN_NOTE
          : cache === 'cache'
            ? `Salió de la caché: 0 bytes por la red${crossOrigin ? ' (otro origen, con permiso para medir)' : ''}.`
            : cache === 'revalidada'
              ? 'Había una copia; solo viajaron las cabeceras para confirmarla.'
              : `Viajó por la red: ${formatBytes(entry.transferSize)}.`,
      };
    })
    .sort((a, b) => a.start - b.start);
}

/** The resources step: from the first resource requested during the load to the load event. */
export function resourcesStep(rows: ResourceRow[], nav: NavigationLike): Step {
  const during = rows.filter((r) => !r.afterLoad);
  const fromCache = during.filter((r) => r.cache === 'cache').length;
  const start = during.length > 0 ? Math.min(...during.map((r) => r.start)) : nav.responseEnd;
  const end = Math.max(nav.loadEventEnd, ...during.map((r) => r.end));
  const base = step(
    'recursos',
    start,
    end,
    `${countWord(during.length, 'recurso', 'recursos')} durante la carga; ${String(fromCache)} desde la caché.`,
    'No se pidieron recursos durante la carga.',
  );
  return during.length === 0 ? { ...base, visibility: 'absent' } : base;
}

const countWord = (n: number, one: string, many: string) => `${String(n)} ${n === 1 ? one : many}`;
