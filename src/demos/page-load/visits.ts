/**
 * A visit in numbers (total time, cache hits, bytes over the network), kept so that "Recargar
 * la página" can compare the second load with the first, in Spanish sentences.
 */
import { formatBytes } from '../../lib/format';
import {
  type CacheState,
  cacheState,
  type NavigationLike,
  type ResourceLike,
  type ResourceRow,
} from './timing';

export interface LoadSummary {
  /** `Date.now()` when it was taken. */
  at: number;
  type: string;
  /** Milliseconds until the load event ended. */
  total: number;
  page: CacheState;
  resources: number;
  fromCache: number;
  revalidated: number;
  hidden: number;
  /** Bytes that crossed the network, counting only resources whose size is visible. */
  transferred: number;
}

export function summarize(
  nav: NavigationLike,
  rows: ResourceRow[],
  entries: ResourceLike[],
  at: number,
): LoadSummary {
  const during = rows.filter((r) => !r.afterLoad);
  const bytes = new Map(entries.map((e) => [e.name, e.transferSize]));
  return {
    at,
    type: nav.type,
    total: Math.round(nav.loadEventEnd),
    page: cacheState(nav),
    resources: during.length,
    fromCache: during.filter((r) => r.cache === 'cache').length,
    revalidated: during.filter((r) => r.cache === 'revalidada').length,
    hidden: during.filter((r) => r.hidden).length,
    transferred: nav.transferSize + during.reduce((sum, r) => sum + (bytes.get(r.url) ?? 0), 0),
  };
}

/** Spanish sentences comparing the previous visit to this one. */
export function compareLoads(before: LoadSummary, now: LoadSummary): string[] {
  const lines = [
    `Carga completa: antes ${String(before.total)} ms, ahora ${String(now.total)} ms.`,
    `Recursos desde la caché: antes ${String(before.fromCache)} de ${String(before.resources)}, ahora ${String(now.fromCache)} de ${String(now.resources)}.`,
    `Bytes por la red: antes ${formatBytes(before.transferred)}, ahora ${formatBytes(now.transferred)}.`,
  ];
  if (now.fromCache + now.revalidated === 0 && now.page === 'red') {
    lines.push(
      'Esta vez nada salió de la caché: el servidor no envió cabeceras que permitan reutilizar los archivos (Cache-Control para guardarlos, ETag o Last-Modified para confirmarlos con un 304), o la recarga fue forzada.',
    );
  } else if (now.fromCache > before.fromCache || now.transferred < before.transferred) {
    lines.push(
      'La segunda carga reutilizó lo que el navegador guardó en la primera: menos red, menos espera.',
    );
  }
  return lines;
}
