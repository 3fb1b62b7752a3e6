/**
 * The page-load demo's vocabulary, without the UI: the fields of the browser's timing entries
 * it reads, the steps and rows it turns them into, and where a response came from (network,
 * cache, a 304). `navigation.ts` builds the page's own steps, `resources.ts` the resources,
 * `visits.ts` compares two loads. Where the browser hides a number, or a 0 only means "not
 * needed this time", each step says so instead of pretending.
 *
 * The inputs are plain objects with the fields this module reads, so tests can build them.
 */

import { PAGE_LOAD_STEPS, type PageLoadStep } from './steps';

/** The fields of a `PerformanceResourceTiming` entry this module reads. */
export interface ResourceLike {
  name: string;
  initiatorType: string;
  startTime: number;
  fetchStart: number;
  domainLookupStart: number;
  domainLookupEnd: number;
  connectStart: number;
  connectEnd: number;
  secureConnectionStart: number;
  requestStart: number;
  responseStart: number;
  responseEnd: number;
  transferSize: number;
  encodedBodySize: number;
  decodedBodySize: number;
  /** Not in every browser. */
  responseStatus?: number;
}

/** The fields of a `PerformanceNavigationTiming` entry this module reads. */
export interface NavigationLike extends ResourceLike {
  type: string;
  redirectStart: number;
  redirectEnd: number;
  domContentLoadedEventEnd: number;
  loadEventEnd: number;
}

/** The optional redirect, then the course's page-load story (`steps.ts`), key by key. */
export type StepKey = 'redireccion' | PageLoadStep['key'];

/**
 * `shown`: a real interval, drawn as a bar. `zero`: really 0 ms, with the reason.
 * `hidden`: the browser does not tell. `absent`: the step did not apply (e.g. no TLS on http).
 */
export type Visibility = 'shown' | 'zero' | 'hidden' | 'absent';

export interface Step {
  key: StepKey;
  label: string;
  start: number;
  end: number;
  visibility: Visibility;
  /** One Spanish sentence on what happened in this step, or why there is no bar. */
  note: string;
}

export type CacheState = 'cache' | 'revalidada' | 'red' | 'desconocido';

export interface ResourceRow {
  url: string;
  name: string;
  kind: string;
  start: number;
  end: number;
  cache: CacheState;
  /** Cross-origin without Timing-Allow-Origin: only start and end are known. */
  hidden: boolean;
  /** Requested after the page's load event (e.g. when the reader scrolled). */
  afterLoad: boolean;
  note: string;
}

/** Each bar is named as the lessons name the step, from the one shared story. */
export const STEP_LABELS = {
  redireccion: 'Redirección',
  ...Object.fromEntries(PAGE_LOAD_STEPS.map((step) => [step.key, step.label])),
} as Record<StepKey, string>;

/** True when the browser zeroed the detailed timings (cross-origin without Timing-Allow-Origin). */
export function detailHidden(entry: ResourceLike): boolean {
  return entry.requestStart === 0 && entry.responseStart === 0 && entry.responseEnd > 0;
}

/**
 * Where a response came from: `transferSize` 0 with a body means the HTTP cache; a transfer
 * smaller than the body means only headers travelled (a 304 revalidation).
 */
export function cacheState(entry: ResourceLike): CacheState {
  if (detailHidden(entry)) return 'desconocido';
  if (entry.responseStatus === 304) return 'revalidada';
  if (entry.transferSize === 0) return 'cache';
  if (entry.encodedBodySize > 0 && entry.transferSize < entry.encodedBodySize) return 'revalidada';
  return 'red';
}

export const CACHE_LABELS: Record<CacheState, string> = {
  cache: 'caché',
  revalidada: 'revalidada (304)',
  red: 'red',
  desconocido: '¿caché? oculto',
};

/** One step with its bar: `shown` when it took time, `zero` (with the reason) when it did not. */
export function step(key: StepKey, start: number, end: number, shownNote: string, zeroNote: string): Step {
  const duration = end - start;
  return {
    key,
    label: STEP_LABELS[key],
    start,
    end,
    visibility: duration > 0 ? 'shown' : 'zero',
    note: duration > 0 ? shownNote : zeroNote,
  };
}

/** Where a step's bar links: the lesson section, and the step number when the author gave one. */
export function stepLink(
  key: StepKey,
  section: string | undefined,
  steps: Partial<Record<StepKey, number>> | undefined,
): { href: string; label: string } | null {
  if (!section) return null;
  const n = steps?.[key];
  const href = `#${section.replace(/^#/, '')}`;
  return { href, label: n ? `paso ${String(n)}` : 'en la lección' };
}
