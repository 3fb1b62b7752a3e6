/**
 * The numbers of the polling-versus-push demo, framework-free: what each panel spent, how
 * long each notification took to be noticed, and a conclusion written from those numbers.
 *
 * Delays are measured against the room's timestamp (`at`), with the page's clock shifted
 * by an offset estimated from the polling responses, so a wrong clock on the reader's
 * computer does not favour either panel: both use the same offset.
 */
import type { Notification } from '../../../party/wire/serverMessages';
import { formatBytes, formatNumber } from '../../lib/format';

export const MIN_INTERVAL_S = 1;
export const MAX_INTERVAL_S = 10;

export interface PanelStats {
  /** HTTP requests made: each poll, or each WebSocket handshake. */
  requests: number;
  /** Requests that came back with nothing new. */
  empty: number;
  bytesSent: number;
  bytesReceived: number;
  /** WebSocket frames, both directions (polling: 0). */
  frames: number;
  /** Notice delay of each notification, in ms, in the order they were noticed. */
  delays: number[];
  /** The seqs already noticed, so a notification counts once. */
  seen: number[];
}

export function emptyStats(): PanelStats {
  return { requests: 0, empty: 0, bytesSent: 0, bytesReceived: 0, frames: 0, delays: [], seen: [] };
}

/** Clamps the reader's choice of interval to 1–10 whole seconds. */
export function clampInterval(seconds: number): number {
  if (!Number.isFinite(seconds)) return 5;
  return Math.min(MAX_INTERVAL_S, Math.max(MIN_INTERVAL_S, Math.round(seconds)));
}

/**
 * How far the room's clock is ahead of the page's, from one request: the server's `now`
 * against the middle of the round trip (as NTP does). Error at most half the round trip.
 */
export function clockOffset(sentAt: number, receivedAt: number, serverNow: number): number {
  return serverNow - (sentAt + receivedAt) / 2;
}

/** Keeps the offset from the fastest round trip seen: its error bound is the smallest. */
export function betterOffset(
  current: { offset: number; rtt: number } | null,
  sample: { offset: number; rtt: number },
): { offset: number; rtt: number } {
  return current === null || sample.rtt < current.rtt ? sample : current;
}

/**
 * Records the notifications a panel noticed at `noticedAt` (room clock). Only seqs after
 * `baseline` count: those are the ones sent while the demo was watching.
 */
export function notice(
  stats: PanelStats,
  notifications: readonly Notification[],
  noticedAt: number,
  baseline: number,
): PanelStats {
  const fresh = notifications.filter((n) => n.seq > baseline && !stats.seen.includes(n.seq));
  if (fresh.length === 0) return stats;
  return {
    ...stats,
    delays: [...stats.delays, ...fresh.map((n) => Math.max(0, noticedAt - n.at))],
    seen: [...stats.seen, ...fresh.map((n) => n.seq)].slice(-200),
  };
}

/**
 * Marks notifications as seen without timing them: what a panel catches up on after a
 * pause, whose delay would measure the pause rather than the technique.
 */
export function skip(stats: PanelStats, notifications: readonly Notification[]): PanelStats {
  const fresh = notifications.filter((n) => !stats.seen.includes(n.seq));
  if (fresh.length === 0) return stats;
  return { ...stats, seen: [...stats.seen, ...fresh.map((n) => n.seq)].slice(-200) };
}

/** One poll: a request out, a response in, empty or not. */
export function recordPoll(
  stats: PanelStats,
  poll: { requestBytes: number; responseBytes: number; fresh: number },
): PanelStats {
  return {
    ...stats,
    requests: stats.requests + 1,
    empty: stats.empty + (poll.fresh === 0 ? 1 : 0),
    bytesSent: stats.bytesSent + poll.requestBytes,
    bytesReceived: stats.bytesReceived + poll.responseBytes,
  };
}

/** One WebSocket handshake: an HTTP request out and a 101 back. */
export function recordHandshake(stats: PanelStats, requestBytes: number, responseBytes: number): PanelStats {
  return {
    ...stats,
    requests: stats.requests + 1,
    bytesSent: stats.bytesSent + requestBytes,
    bytesReceived: stats.bytesReceived + responseBytes,
  };
}

/** One WebSocket frame, already sized with its header (see `frameBytes`). */
export function recordFrame(stats: PanelStats, direction: 'sent' | 'received', bytes: number): PanelStats {
  return {
    ...stats,
    frames: stats.frames + 1,
    ...(direction === 'sent'
      ? { bytesSent: stats.bytesSent + bytes }
      : { bytesReceived: stats.bytesReceived + bytes }),
  };
}

export interface DelaySummary {
  count: number;
  mean: number;
  max: number;
  last: number;
}

export function summarize(delays: readonly number[]): DelaySummary | null {
  if (delays.length === 0) return null;
  const total = delays.reduce((a, b) => a + b, 0);
  return {
    count: delays.length,
    mean: total / delays.length,
    max: Math.max(...delays),
    last: delays[delays.length - 1] ?? 0,
  };
}

/** A delay in words: milliseconds under a second, seconds with one decimal above. */
export function formatDelay(ms: number): string {
  return ms < 1000 ? `${String(Math.round(ms))} ms` : `${formatNumber(ms / 1000)} s`;
}

const plural = (n: number, one: string, many: string) => `${String(n)} ${n === 1 ? one : many}`;

/**
 * A short conclusion written from the numbers as they stand: which panel noticed sooner
 * and by how much, and what polling spent asking. It changes with every poll and every
 * notification; nothing in it is fixed text about which is better.
 */
export function conclusion(poll: PanelStats, push: PanelStats, intervalSeconds: number): string {
  const asked = `Sondeando cada ${String(intervalSeconds)} s, la página hizo ${plural(poll.requests, 'petición', 'peticiones')}`;
  const emptyShare = poll.requests === 0 ? 0 : Math.round((poll.empty / poll.requests) * 100);
  const spent = `${asked}; ${plural(poll.empty, 'volvió', 'volvieron')} sin nada nuevo (${String(emptyShare)} %) y movieron ${formatBytes(poll.bytesSent + poll.bytesReceived)}. El WebSocket, con ${plural(push.requests, 'petición', 'peticiones')} (su handshake), movió ${formatBytes(push.bytesSent + push.bytesReceived)}.`;
  const polled = summarize(poll.delays);
  const pushed = summarize(push.delays);
  if (!polled && !pushed) {
    return `Todavía no llegó ninguna notificación desde que la página mira: cuando llegue, compara los dos paneles. ${spent}`;
  }
  if (!polled && pushed) {
    return `El WebSocket ya vio ${plural(pushed.count, 'notificación', 'notificaciones')} (de media en ${formatDelay(pushed.mean)}); el sondeo aún no: se enterará en su próxima petición. ${spent}`;
  }
  if (polled && !pushed) {
    return `El sondeo vio ${plural(polled.count, 'notificación', 'notificaciones')} que el WebSocket no (¿estaba desconectado?). ${spent}`;
  }
  if (!polled || !pushed) return spent;
  const pending = push.seen.filter((seq) => !poll.seen.includes(seq)).length;
  const lag =
    polled.mean <= pushed.mean
      ? `el sondeo se enteró tan pronto como el WebSocket (${formatDelay(polled.mean)} frente a ${formatDelay(pushed.mean)}): preguntó justo después de cada envío, pura suerte`
      : `el WebSocket se enteró en ${formatDelay(pushed.mean)} de media y el sondeo en ${formatDelay(polled.mean)}, ${formatDelay(polled.mean - pushed.mean)} más tarde (cabe esperar unos ${formatNumber(intervalSeconds / 2)} s: la mitad del intervalo)`;
  const behind =
    pending > 0
      ? ` Al sondeo aún le ${pending === 1 ? 'falta' : 'faltan'} ${plural(pending, 'notificación', 'notificaciones')}.`
      : '';
  return `Con ${plural(pushed.count, 'notificación', 'notificaciones')}, ${lag}.${behind} ${spent}`;
}
