import { describe, expect, it } from 'vitest';
import {
  bars,
  comparison,
  failureText,
  HttpStatusError,
  niceScale,
  runRequests,
  type Span,
  sharedScale,
  summary,
  ticks,
} from '../../src/demos/sync-async/timeline';

/** A fake clock and a fake server: each request takes `delay` ms of fake time. */
function fakeServer(delay: number, failAt?: number) {
  let clock = 0;
  const pending: Array<{ due: number; settle: () => void }> = [];
  const log: Span[][] = [];
  return {
    now: () => clock,
    log,
    send: (index: number) =>
      new Promise<void>((resolve, reject) => {
        pending.push({
          due: clock + delay,
          settle: () => (index === failAt ? reject(new TypeError('Failed to fetch')) : resolve()),
        });
      }),
    /** Advances fake time to the next due answer until nothing is pending. */
    async drain() {
      for (;;) {
        await Promise.resolve();
        await Promise.resolve();
        if (pending.length === 0) {
          // Let awaited continuations enqueue their next request, if any.
          await new Promise((r) => setTimeout(r, 0));
          if (pending.length === 0) return;
        }
        pending.sort((a, b) => a.due - b.due);
        const next = pending.shift();
        if (!next) return;
        clock = next.due;
        next.settle();
      }
    },
  };
}

describe('sync-async: running the requests', () => {
  it('sync sends each request only after the previous answer, so total = N × delay', async () => {
    const server = fakeServer(400);
    const running = runRequests({ mode: 'sync', count: 3, send: server.send, now: server.now });
    await server.drain();
    const result = await running;
    expect(result.spans).toEqual([
      { index: 0, start: 0, end: 400, ok: true },
      { index: 1, start: 400, end: 800, ok: true },
      { index: 2, start: 800, end: 1200, ok: true },
    ]);
    expect(result.total).toBe(1200);
    expect(result.error).toBeUndefined();
  });

  it('async sends all requests at once, so total = one delay', async () => {
    const server = fakeServer(400);
    const running = runRequests({ mode: 'async', count: 3, send: server.send, now: server.now });
    await server.drain();
    const result = await running;
    expect(result.spans.map((s) => s.start)).toEqual([0, 0, 0]);
    expect(result.spans.every((s) => s.end === 400 && s.ok)).toBe(true);
    expect(result.total).toBe(400);
  });

  it('reports every start and end as it happens, in-flight spans with end null', async () => {
    const server = fakeServer(100);
    const seen: Span[][] = [];
    const running = runRequests({
      mode: 'sync',
      count: 2,
      send: server.send,
      now: server.now,
      onChange: (s) => seen.push(s),
    });
    await server.drain();
    await running;
    expect(seen).toHaveLength(4);
    expect(seen[0]).toEqual([{ index: 0, start: 0, end: null, ok: null }]);
    expect(seen[3]?.[1]).toEqual({ index: 1, start: 100, end: 200, ok: true });
  });

  it('stops a sync run at the first failure and keeps the error', async () => {
    const server = fakeServer(100, 1);
    const running = runRequests({ mode: 'sync', count: 3, send: server.send, now: server.now });
    await server.drain();
    const result = await running;
    expect(result.spans.map((s) => s.ok)).toEqual([true, false]);
    expect(result.error).toBeInstanceOf(TypeError);
    expect(summary('sync', result, 100)).toBe('Síncrono: 1 petición falló.');
    expect(failureText(result.error)).toMatch(/No se pudo contactar con la sala/);
  });
});

describe('sync-async: timeline geometry', () => {
  it('rounds the scale up to 1, 2, 4, 6 or 8 × 10ⁿ ms', () => {
    expect(niceScale(0)).toBe(100);
    expect(niceScale(130)).toBe(200);
    expect(niceScale(440)).toBe(600);
    expect(niceScale(1200)).toBe(2000);
    expect(niceScale(2000)).toBe(2000);
    expect(niceScale(4100)).toBe(6000);
    expect(niceScale(8001)).toBe(10000);
  });

  it('puts ticks at the quarters of the scale', () => {
    expect(ticks(2000)).toEqual([0, 500, 1000, 1500, 2000]);
    expect(ticks(600)).toEqual([0, 150, 300, 450, 600]);
  });

  it('shares one scale between lanes, at least a little over one delay', () => {
    expect(sharedScale([], 400)).toBe(600);
    expect(sharedScale([1210, 405], 400)).toBe(2000);
  });

  it('places finished bars by start and end, and grows in-flight ones to the elapsed time', () => {
    const spans: Span[] = [
      { index: 1, start: 500, end: null, ok: null },
      { index: 0, start: 0, end: 500, ok: true },
    ];
    expect(bars(spans, 750, 1000)).toEqual([
      { index: 0, start: 0, end: 500, state: 'done', leftPct: 0, widthPct: 50 },
      { index: 1, start: 500, end: 750, state: 'flight', leftPct: 50, widthPct: 25 },
    ]);
  });

  it('marks failures and clamps bars that overrun the scale', () => {
    const [bar] = bars([{ index: 0, start: 800, end: 1500, ok: false }], 1500, 1000);
    expect(bar).toMatchObject({ state: 'error', leftPct: 80, widthPct: 20 });
  });
});

describe('sync-async: words', () => {
  const run = (starts: number[], end: number) => ({
    spans: starts.map((start, index) => ({ index, start, end, ok: true })),
    total: end,
  });

  it('sums up each mode against the delay', () => {
    expect(summary('sync', run([0, 400, 800], 1203), 400)).toBe(
      'Síncrono: 3 peticiones en 1203 ms, cada una esperando a la anterior (al menos 3 × 400 ms = 1200 ms).',
    );
    expect(summary('async', run([0, 0, 0], 410), 400)).toMatch(
      /^Asíncrono: 3 peticiones en 410 ms, todas a la vez/,
    );
  });

  it('compares the modes, and says why one request shows no difference', () => {
    expect(comparison(1200, 400, 3)).toBe('Con 3 peticiones, el modo asíncrono terminó 3,0 veces antes.');
    expect(comparison(400, 400, 1)).toMatch(/una sola petición/);
  });

  it('names an unexpected status apart from an unreachable room', () => {
    expect(failureText(new HttpStatusError(404))).toMatch(/respondió 404/);
  });
});
