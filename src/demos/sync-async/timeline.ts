/**
 * The sync-vs-async demo without the UI: sending N requests one after another or all at
 * once while recording when each starts and ends, and turning those times into bars on
 * a shared time scale. Times are milliseconds since the run started.
 */
import { formatNumber } from '../../lib/format';

export type Mode = 'sync' | 'async';

export interface Span {
  index: number;
  start: number;
  /** `null` while the request is in flight. */
  end: number | null;
  /** `null` while in flight; `false` when it failed. */
  ok: boolean | null;
}

export interface RunResult {
  spans: Span[];
  /** Time from the first request leaving to the last answer arriving. */
  total: number;
  /** The first failure, if any; a synchronous run stops there. */
  error?: unknown;
}

export interface RunOptions {
  mode: Mode;
  count: number;
  /** Makes request `index` and settles when its whole answer has arrived. */
  send: (index: number) => Promise<void>;
  now: () => number;
  /** Called with a fresh copy of the spans whenever one starts or ends. */
  onChange?: (spans: Span[]) => void;
}

/** Sends the requests: `sync` awaits each answer before the next request, `async` sends all at once. */
export async function runRequests({ mode, count, send, now, onChange }: RunOptions): Promise<RunResult> {
  const t0 = now();
  const spans: Span[] = [];
  let error: unknown;
  const changed = () => onChange?.(spans.map((s) => ({ ...s })));
  const one = async (index: number): Promise<void> => {
    const span: Span = { index, start: now() - t0, end: null, ok: null };
    spans.push(span);
    changed();
    try {
      await send(index);
      span.ok = true;
    } catch (caught) {
      span.ok = false;
      error ??= caught;
    }
    span.end = now() - t0;
    changed();
  };

  if (mode === 'sync') {
    for (let i = 0; i < count; i++) {
      await one(i);
      if (error !== undefined) break;
    }
  } else {
    await Promise.all(Array.from({ length: count }, (_, i) => one(i)));
  }
  const result: RunResult = { spans: spans.map((s) => ({ ...s })), total: now() - t0 };
  if (error !== undefined) result.error = error;
  return result;
}

/**
 * The smallest 1, 2, 4, 6 or 8 × 10ⁿ milliseconds that fits `ms` (at least 100 ms): each
 * splits into four round quarters for the axis.
 */
export function niceScale(ms: number): number {
  const target = Math.max(ms, 100);
  const power = 10 ** Math.floor(Math.log10(target));
  for (const step of [1, 2, 4, 6, 8]) if (step * power >= target) return step * power;
  return 10 * power;
}

/** Five tick marks from 0 to `scale`, in quarters. */
export function ticks(scale: number): number[] {
  return [0, 1, 2, 3, 4].map((i) => Math.round((scale * i) / 4));
}

export interface Bar {
  index: number;
  leftPct: number;
  widthPct: number;
  state: 'flight' | 'done' | 'error';
  start: number;
  /** The end, or the time so far while in flight. */
  end: number;
}

/** Places each span on a scale of `scale` ms; in-flight spans grow up to `elapsed`. */
export function bars(spans: Span[], elapsed: number, scale: number): Bar[] {
  const pct = (ms: number) => Math.min(100, Math.max(0, (ms / scale) * 100));
  return [...spans]
    .sort((a, b) => a.index - b.index)
    .map((span) => {
      const end = span.end ?? Math.max(elapsed, span.start);
      const state = span.ok === null ? 'flight' : span.ok ? 'done' : 'error';
      return {
        index: span.index,
        start: span.start,
        end,
        state,
        leftPct: pct(span.start),
        widthPct: Math.max(pct(end) - pct(span.start), 0),
      };
    });
}

/** One time scale for every lane, so the sync and async runs can be compared by eye. */
export function sharedScale(elapsedPerLane: number[], delay: number): number {
  return niceScale(Math.max(delay * 1.1, ...elapsedPerLane));
}

const plural = (n: number, one: string, many: string) => `${String(n)} ${n === 1 ? one : many}`;

/** The one-line Spanish reading of a finished run, for the live region. */
export function summary(mode: Mode, result: RunResult, delay: number): string {
  const n = result.spans.length;
  const total = Math.round(result.total);
  if (result.error !== undefined) {
    const failed = result.spans.filter((s) => s.ok === false).length;
    return `${mode === 'sync' ? 'Síncrono' : 'Asíncrono'}: ${plural(failed, 'petición falló', 'peticiones fallaron')}.`;
  }
  if (mode === 'sync') {
    return `Síncrono: ${plural(n, 'petición', 'peticiones')} en ${String(total)} ms, cada una esperando a la anterior (al menos ${String(n)} × ${String(delay)} ms = ${String(n * delay)} ms).`;
  }
  return `Asíncrono: ${plural(n, 'petición', 'peticiones')} en ${String(total)} ms, todas a la vez (algo más de ${String(delay)} ms, la espera de una sola).`;
}

/** How the two modes compare, in Spanish, once both have run with the same settings. */
export function comparison(syncTotal: number, asyncTotal: number, count: number): string {
  if (count === 1) {
    return 'Con una sola petición los dos modos tardan casi lo mismo: la diferencia aparece cuando hay varias.';
  }
  if (asyncTotal <= 0) return '';
  const ratio = formatNumber(syncTotal / asyncTotal, 1, 1);
  return `Con ${String(count)} peticiones, el modo asíncrono terminó ${ratio} veces antes.`;
}

/** Spanish for a failed request: unreachable room or an unexpected status. */
export function failureText(error: unknown): string {
  if (error instanceof HttpStatusError) {
    return `La sala respondió ${String(error.status)} en lugar de 200. Puede que su versión sea antigua; la lección se lee igual.`;
  }
  return 'No se pudo contactar con la sala: esta demostración necesita su servidor HTTP. La lección se lee igual; prueba de nuevo más tarde.';
}

/** A response that arrived with a status other than 2xx. */
export class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${String(status)}`);
  }
}
