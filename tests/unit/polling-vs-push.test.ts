import { describe, expect, it } from 'vitest';
import type { Notification } from '../../party/wire/serverMessages';
import {
  betterOffset,
  clampInterval,
  clockOffset,
  conclusion,
  emptyStats,
  formatDelay,
  notice,
  type PanelStats,
  recordFrame,
  recordHandshake,
  recordPoll,
  skip,
  summarize,
} from '../../src/demos/polling-vs-push/stats';
import { formatBytes } from '../../src/lib/format';

const note = (seq: number, at: number): Notification => ({ seq, text: `n${String(seq)}`, level: 'info', at });

/** A panel after a given run: polls that came back empty or with news, and the delays seen. */
function polled(requests: number, empty: number, delays: number[]): PanelStats {
  let stats = emptyStats();
  for (let i = 0; i < requests; i++) {
    stats = recordPoll(stats, { requestBytes: 400, responseBytes: 300, fresh: i < requests - empty ? 1 : 0 });
  }
  return { ...stats, delays, seen: delays.map((_, i) => i + 1) };
}

function pushed(delays: number[]): PanelStats {
  let stats = recordHandshake(emptyStats(), 500, 130);
  stats = recordFrame(stats, 'received', 200);
  return { ...stats, delays, seen: delays.map((_, i) => i + 1) };
}

describe('polling vs push: what each panel counts', () => {
  it('counts requests, empty answers and bytes of each poll', () => {
    let stats = emptyStats();
    stats = recordPoll(stats, { requestBytes: 400, responseBytes: 250, fresh: 0 });
    stats = recordPoll(stats, { requestBytes: 400, responseBytes: 600, fresh: 2 });
    expect(stats).toMatchObject({ requests: 2, empty: 1, bytesSent: 800, bytesReceived: 850, frames: 0 });
  });

  it('counts one request per WebSocket handshake and every frame both ways, with no empty answers', () => {
    let stats = recordHandshake(emptyStats(), 480, 129);
    stats = recordFrame(stats, 'sent', 27);
    stats = recordFrame(stats, 'received', 300);
    stats = recordFrame(stats, 'received', 25);
    expect(stats).toMatchObject({ requests: 1, empty: 0, bytesSent: 507, bytesReceived: 454, frames: 3 });
  });

  it('times each notification against the room clock, once, and only those after the baseline', () => {
    let stats = emptyStats();
    stats = notice(stats, [note(4, 1000), note(5, 1000), note(6, 1200)], 1500, 4);
    expect(stats.delays).toEqual([500, 300]);
    stats = notice(stats, [note(6, 1200), note(7, 2000)], 2050, 4);
    expect(stats.delays).toEqual([500, 300, 50]);
    expect(stats.seen).toEqual([5, 6, 7]);
  });

  it('never reports a negative delay when the clocks disagree a little', () => {
    expect(notice(emptyStats(), [note(1, 2000)], 1990, 0).delays).toEqual([0]);
  });

  it('catches up after a pause without timing the pause', () => {
    const stats = skip(emptyStats(), [note(3, 0), note(4, 0)]);
    expect(stats.delays).toEqual([]);
    expect(notice(stats, [note(4, 0), note(5, 10)], 20, 0).delays).toEqual([10]);
  });

  it('summarizes the delays: count, mean, max and the last one', () => {
    expect(summarize([])).toBeNull();
    expect(summarize([100, 300, 200])).toEqual({ count: 3, mean: 200, max: 300, last: 200 });
  });
});

describe('polling vs push: clocks and words', () => {
  it('estimates the room clock from the middle of the round trip, keeping the fastest sample', () => {
    expect(clockOffset(1000, 1100, 5050)).toBe(4000);
    const slow = { offset: 4100, rtt: 400 };
    const fast = { offset: 4000, rtt: 40 };
    expect(betterOffset(null, slow)).toBe(slow);
    expect(betterOffset(slow, fast)).toBe(fast);
    expect(betterOffset(fast, slow)).toBe(fast);
  });

  it('keeps the interval between 1 and 10 whole seconds', () => {
    expect(clampInterval(0)).toBe(1);
    expect(clampInterval(4.6)).toBe(5);
    expect(clampInterval(99)).toBe(10);
    expect(clampInterval(Number.NaN)).toBe(5);
  });

  it('writes delays and sizes in Spanish', () => {
    expect(formatDelay(42.4)).toBe('42 ms');
    expect(formatDelay(2500)).toBe('2,5 s');
    expect(formatBytes(900)).toBe('900 B');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(1536)).toBe('1,5 KB');
  });
});

describe('polling vs push: a conclusion from the numbers', () => {
  it('says what polling spent while nothing has arrived yet', () => {
    const text = conclusion(polled(4, 4, []), pushed([]), 5);
    expect(text).toMatch(/Todavía no llegó ninguna notificación/);
    expect(text).toMatch(/4 peticiones; 4 volvieron sin nada nuevo \(100 %\)/);
  });

  it('compares the delays and says how much later polling noticed', () => {
    const text = conclusion(polled(10, 9, [2400]), pushed([30]), 5);
    expect(text).toMatch(/el WebSocket se enteró en 30 ms de media y el sondeo en 2,4 s, 2,4 s más tarde/);
    expect(text).toMatch(/unos 2,5 s: la mitad del intervalo/);
    expect(text).toMatch(/10 peticiones; 9 volvieron sin nada nuevo \(90 %\)/);
  });

  it('changes with the numbers: another run, another conclusion', () => {
    const a = conclusion(polled(10, 9, [2400]), pushed([30]), 5);
    const b = conclusion(polled(3, 2, [800]), pushed([12]), 1);
    expect(a).not.toBe(b);
    expect(b).toMatch(/cada 1 s/);
  });

  it('says so when polling has not yet seen what the WebSocket saw', () => {
    expect(conclusion(polled(2, 2, []), pushed([25]), 5)).toMatch(/el sondeo aún no/);
    const behind = conclusion(polled(5, 4, [1000]), pushed([20, 30]), 5);
    expect(behind).toMatch(/Al sondeo aún le falta 1 notificación/);
  });

  it('admits it when polling happened to ask right after the push', () => {
    expect(conclusion(polled(3, 2, [10]), pushed([20]), 5)).toMatch(/pura suerte/);
  });
});
