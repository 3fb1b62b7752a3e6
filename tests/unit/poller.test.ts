/**
 * The polling panel's loop, driven with a fake fetch and fake timers: it asks with the last
 * seq it saw, waits the interval the reader picked, catches up (without timing) after a
 * pause, reports an answer that breaks the protocol as an error, and stops for good on a
 * page of another protocol version.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Notification, PollResponse } from '../../party/wire/serverMessages';
import {
  type PollAnswer,
  type PollerOptions,
  readPoll,
  startPoller,
} from '../../src/demos/polling-vs-push/poller';

const note = (seq: number, at: number): Notification => ({ seq, text: `n${String(seq)}`, level: 'info', at });

function body(lastSeq: number, notifications: Notification[] = [], now = 0): PollResponse {
  return { room: 'demo', lastSeq, notifications, gap: false, now, requestBytes: 400 };
}

/** A poller on a queue of answers, recording what it asked and what it reported. */
function harness(answers: Array<PollResponse | string>, overrides: Partial<PollerOptions> = {}) {
  const urls: string[] = [];
  const seen: PollAnswer[] = [];
  const events: string[] = [];
  const fetch = vi.fn(async (url: string | URL | Request) => {
    urls.push(String(url));
    const next = answers.shift() ?? body(0);
    return new Response(typeof next === 'string' ? next : JSON.stringify(next), { status: 200 });
  });
  const stop = startPoller({
    url: (since) => `/parties/main/demo?since=${String(since)}`,
    intervalSeconds: () => 5,
    halted: () => false,
    hidden: () => false,
    onAnswer: (answer) => seen.push(answer),
    onPaused: () => events.push('paused'),
    onError: () => events.push('error'),
    onNextAt: () => {},
    fetch: fetch as unknown as typeof globalThis.fetch,
    ...overrides,
  });
  return { urls, seen, events, stop, fetch };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the polling loop', () => {
  it('asks at once, then every interval, with the last seq it was told', async () => {
    const { urls, seen, stop } = harness([body(3), body(4, [note(4, 10)])]);
    await vi.advanceTimersByTimeAsync(0);
    expect(urls).toEqual(['/parties/main/demo?since=0']);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(urls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(urls).toEqual(['/parties/main/demo?since=0', '/parties/main/demo?since=3']);
    expect(seen.map((a) => a.resync)).toEqual([true, false]);
    expect(seen[1]?.body.notifications).toEqual([note(4, 10)]);
    expect(seen[1]?.responseBytes).toBeGreaterThan(0);
    stop();
  });

  it('takes a new interval from the next wait', async () => {
    let seconds = 5;
    const { urls, stop } = harness([], { intervalSeconds: () => seconds });
    await vi.advanceTimersByTimeAsync(0);
    seconds = 1;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(urls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(urls).toHaveLength(3);
    stop();
  });

  it('pauses while the page is hidden and catches up, untimed, when it shows again', async () => {
    let hidden = false;
    const { seen, events, stop } = harness([body(1), body(2), body(3)], { hidden: () => hidden });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(seen.map((a) => a.resync)).toEqual([true, false]);
    hidden = true;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(events).toContain('paused');
    expect(seen).toHaveLength(2);
    hidden = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(seen.map((a) => a.resync)).toEqual([true, false, true]);
    stop();
  });

  it('reports an answer that is not the protocol’s as an error, and keeps polling', async () => {
    const { events, seen, urls, stop } = harness(['{"lastSeq":"tres"}', body(1)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(events).toEqual(['error']);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(urls).toHaveLength(2);
    expect(seen).toHaveLength(1);
    stop();
  });

  it('asks nothing more once the page is of another protocol version, or stopped', async () => {
    let halted = false;
    const first = harness([], { halted: () => halted });
    await vi.advanceTimersByTimeAsync(0);
    halted = true;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(first.urls).toHaveLength(1);
    const second = harness([]);
    await vi.advanceTimersByTimeAsync(0);
    second.stop();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(second.urls).toHaveLength(1);
  });
});

describe('reading one answer', () => {
  const answer = (over: Partial<PollAnswer>): PollAnswer => ({
    body: body(5, [note(4, 1_000), note(5, 1_900)], 2_050),
    sentAt: 1_000,
    receivedAt: 1_100,
    requestBytes: 400,
    responseBytes: 300,
    resync: false,
    ...over,
  });

  it('moves the page clock onto the room’s and keeps only what came after the baseline', () => {
    const read = readPoll(answer({}), null, 4);
    expect(read.clock).toEqual({ offset: 1_000, rtt: 100 });
    expect(read.at).toBe(2_100);
    expect(read.fresh.map((n) => n.seq)).toEqual([5]);
    expect(read.timed.map((n) => n.seq)).toEqual([5]);
  });

  it('takes the first answer’s lastSeq as the baseline and times nothing while resyncing', () => {
    const read = readPoll(answer({ resync: true }), null, null);
    expect(read.baseline).toBe(5);
    expect(read.fresh).toEqual([]);
    expect(readPoll(answer({ resync: true }), null, 3).timed).toEqual([]);
  });

  it('keeps the clock from the fastest round trip', () => {
    const fast = { offset: 0, rtt: 10 };
    expect(readPoll(answer({}), fast, 4).clock).toBe(fast);
  });
});
