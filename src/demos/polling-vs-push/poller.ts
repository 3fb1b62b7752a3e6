/**
 * The polling panel's loop, framework-free: one `GET ?since=` every N seconds, paused while
 * the page is hidden, stopped for good on a page of another protocol version. Each answer is
 * validated against the room's protocol and turned into what the panel records: the clock
 * offset, the notifications that are new, and which of them are timed.
 *
 * The browser's pieces (fetch, timers, `document.hidden`) come in as options, so a test can
 * drive the loop without a room.
 */
import { validate } from '../../../party/wire/errors';
import { type Notification, type PollResponse, pollResponse } from '../../../party/wire/serverMessages';
import { responseHeadBytes, utf8Bytes } from '../../lib/frames';
import { betterOffset, clockOffset } from './stats';

/** One answer from the room, as the panel needs it. */
export interface PollAnswer {
  body: PollResponse;
  sentAt: number;
  receivedAt: number;
  requestBytes: number;
  /** Status line, headers the page can read, and the body: approximate, as the demo says. */
  responseBytes: number;
  /**
   * True for the first answer and after a pause: that answer is caught up, not timed, since
   * the delay would measure the pause rather than polling.
   */
  resync: boolean;
}

export interface PollerOptions {
  /** The room's HTTP address for the notifications after `since`. */
  url: (since: number) => string;
  /** Read before each wait, so a change of interval applies from the next poll. */
  intervalSeconds: () => number;
  /** A page of another protocol version stops asking, as its WebSocket did. */
  halted: () => boolean;
  hidden: () => boolean;
  onAnswer: (answer: PollAnswer) => void;
  onPaused: () => void;
  onError: () => void;
  /** When the next poll goes out (page clock), or null while paused. */
  onNextAt: (at: number | null) => void;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Starts polling at once; returns the function that stops it. */
export function startPoller(options: PollerOptions): () => void {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let since = 0;
  let resync = true;

  const schedule = (from: number) => {
    const at = from + options.intervalSeconds() * 1000;
    options.onNextAt(at);
    timer = setTimeout(tick, Math.max(0, at - now()));
  };

  const tick = async () => {
    if (stopped || options.halted()) return;
    if (options.hidden()) {
      resync = true;
      options.onPaused();
      options.onNextAt(null);
      timer = setTimeout(tick, 1000);
      return;
    }
    const sentAt = now();
    try {
      const response = await doFetch(options.url(since), { cache: 'no-store' });
      const text = await response.text();
      const receivedAt = now();
      if (stopped) return;
      const parsed = response.ok ? validate(pollResponse, JSON.parse(text)) : null;
      if (!parsed?.ok) throw new Error('respuesta no válida');
      const body = parsed.value;
      const responseBytes =
        responseHeadBytes(response.status, response.statusText || 'OK', response.headers) + utf8Bytes(text);
      options.onAnswer({ body, sentAt, receivedAt, requestBytes: body.requestBytes, responseBytes, resync });
      resync = false;
      since = body.lastSeq;
    } catch {
      if (stopped) return;
      options.onError();
    }
    schedule(sentAt);
  };

  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** The room's clock against the page's, kept from the fastest round trip. */
export type RoomClock = { offset: number; rtt: number } | null;

/** What one answer means for the panel: the better clock, the room time it was noticed, what is new. */
export interface ReadPoll {
  clock: NonNullable<RoomClock>;
  /** The room's lastSeq when watching began: only later notifications are timed. */
  baseline: number;
  /** When the answer arrived, on the room's clock. */
  at: number;
  /** Notifications after the baseline. */
  fresh: Notification[];
  /** Those that count as noticed by this poll (none when resyncing). */
  timed: Notification[];
}

export function readPoll(answer: PollAnswer, clock: RoomClock, baseline: number | null): ReadPoll {
  const better = betterOffset(clock, {
    offset: clockOffset(answer.sentAt, answer.receivedAt, answer.body.now),
    rtt: answer.receivedAt - answer.sentAt,
  });
  const base = baseline ?? answer.body.lastSeq;
  const fresh = answer.body.notifications.filter((n) => n.seq > base);
  return {
    clock: better,
    baseline: base,
    at: answer.receivedAt + better.offset,
    fresh,
    timed: answer.resync ? [] : fresh,
  };
}
