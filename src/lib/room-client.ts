/**
 * The one way islands talk to a room. It resolves the host, opens a partysocket, sends
 * typed messages and hands back parsed ones, and reports the connection status in a form
 * the UI can put into words. On top of partysocket it adds what a classroom needs:
 * jittered reconnects, a bounded offline outbox, heartbeats, and catch-up by `seq` so a
 * reconnecting page receives exactly the notifications it missed, once.
 */
import { type ClientMessage, encodeClient } from '../../party/wire/clientMessages';
import { connectQuery } from '../../party/wire/connectQuery';
import { ERROR_CODES } from '../../party/wire/errors';
import { parseServerMessage } from '../../party/wire/serverMessages';
import { CLOSE_VERSION_MISMATCH, PROTOCOL_VERSION } from '../../party/wire/version';
import { reconnectDelay } from './backoff';
import { Outbox } from './outbox';
import { PAGE_READER } from './reader';
import { configuredHost, resolveProtocol } from './roomHost';
import { browserEnvironment, closeDetails, createPartySocket } from './roomSocket';
import type { ConnectionStatus, RoomClient, RoomClientOptions, StatusInfo } from './roomTypes';

// Importers keep one door: everything a caller of room-client needs is reachable from here.
export { PAGE_READER } from './reader';
export { resolveHost, resolveProtocol, roomHttpUrl } from './roomHost';
export { createPartySocket } from './roomSocket';
export type {
  ClientEnvironment,
  ConnectionStatus,
  RoomClient,
  RoomClientOptions,
  SendResult,
  SocketEvent,
  SocketLike,
  SocketSettings,
  StatusInfo,
} from './roomTypes';

/**
 * Errors with which the room turns a connection away for a while (too many sockets from
 * one address, reconnecting too fast, just cut for abuse): their `retryAfter` is a floor
 * for the next attempt, so coming back sooner is never tried.
 */
const TURNED_AWAY = new Set<string>([ERROR_CODES.tooManyConnections, 'cooling_down']);

/** After this many failed attempts the room is reported as unavailable. */
const OFFLINE_AFTER = 2;
/** Ping often enough to notice a dead link, rarely enough for the room to hibernate. */
export const HEARTBEAT_MS = 25_000;
/** A ping unanswered this long means the connection is dead. */
export const PONG_TIMEOUT_MS = 10_000;

const OPEN = 1;
const CLOSED = 3;

/** Next status after the socket closes, given whether it was ever open. */
export function statusAfterClose(attempt: number, everOpened: boolean): ConnectionStatus {
  if (!everOpened || attempt >= OFFLINE_AFTER) return 'offline';
  return 'reconnecting';
}

export function connectRoom(options: RoomClientOptions): RoomClient {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const host = options.host ?? configuredHost();
  const outbox = new Outbox();
  let lastSeq = 0;
  let welcomed = false;
  let everOpened = false;
  let closed = false;
  let status: StatusInfo = { status: 'connecting', attempt: 0 };
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** No reconnect before this time (ms since the epoch), when the room said so. */
  let notBefore = 0;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let pongDeadline: ReturnType<typeof setTimeout> | undefined;

  const socket = (options.createSocket ?? createPartySocket)({
    host,
    room: options.room,
    protocol: resolveProtocol(host, typeof location === 'undefined' ? 'http:' : location.protocol),
    // Evaluated on every (re)connect: after the first welcome, ask only for what is new.
    query: (): Record<string, string> => ({
      ...(typeof options.query === 'function' ? options.query() : options.query),
      ...connectQuery({
        version: PROTOCOL_VERSION,
        reader: options.reader ?? PAGE_READER,
        since: welcomed ? lastSeq : undefined,
      }),
    }),
  });

  const setStatus = (next: StatusInfo) => {
    status = next;
    options.onStatus?.(next);
  };

  const transmit = (message: ClientMessage) => {
    const data = encodeClient(message);
    options.onSocketEvent?.({ type: 'send', data });
    return socket.send(data);
  };

  const ping = () => {
    transmit({ type: 'ping', t: now() });
    clearTimeout(pongDeadline);
    // No pong in time: the link is dead even if the socket says open; start over.
    pongDeadline = setTimeout(() => socket.reconnect(), PONG_TIMEOUT_MS);
  };

  const stopHeartbeat = () => {
    clearInterval(heartbeat);
    clearTimeout(pongDeadline);
  };

  /** The room speaks another version: say so, and stop for good (see `outdated`). */
  const outdate = () => {
    if (status.status === 'outdated') return;
    closed = true;
    clearTimeout(retryTimer);
    stopHeartbeat();
    setStatus({ status: 'outdated', attempt: status.attempt });
    socket.close();
  };

  /** A live notification skipped a seq: fetch what is missing by reconnecting with `since`. */
  const catchUp = () => {
    stopHeartbeat();
    socket.reconnect();
  };

  const retryNow = () => {
    // Only a socket that is down and waiting; one already connecting is left alone.
    if (closed || socket.readyState !== CLOSED || now() < notBefore) return;
    clearTimeout(retryTimer);
    setStatus({ status: status.status, attempt: status.attempt });
    socket.reconnect();
  };

  socket.addEventListener('open', () => {
    options.onSocketEvent?.({ type: 'open' });
    everOpened = true;
    clearTimeout(retryTimer);
    const greeting = options.greeting?.();
    if (greeting) transmit(greeting);
    for (const message of outbox.drain()) transmit(message);
    setStatus({ status: 'open', attempt: 0 });
    ping();
    clearInterval(heartbeat);
    heartbeat = setInterval(ping, HEARTBEAT_MS);
  });

  socket.addEventListener('close', (event) => {
    const details = closeDetails(event);
    options.onSocketEvent?.(details);
    stopHeartbeat();
    if (details.type === 'close' && details.code === CLOSE_VERSION_MISMATCH) outdate();
    if (closed) return;
    const attempt = status.attempt + 1;
    const delay = Math.max(reconnectDelay(attempt, random), notBefore - now());
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => socket.reconnect(), delay);
    setStatus({ status: statusAfterClose(attempt, everOpened), attempt, retryAt: now() + delay });
  });

  socket.addEventListener('error', () => options.onSocketEvent?.({ type: 'error' }));

  socket.addEventListener('message', (event) => {
    const data = (event as MessageEvent).data;
    if (typeof data !== 'string') return;
    options.onSocketEvent?.({ type: 'receive', data });
    const parsed = parseServerMessage(data);
    if (!parsed.ok) {
      options.onInvalid?.(parsed.error);
      return;
    }
    const message = parsed.value;
    if (
      (message.type === 'welcome' && message.version !== PROTOCOL_VERSION) ||
      (message.type === 'error' && message.code === ERROR_CODES.versionMismatch)
    ) {
      outdate();
      return;
    }
    if (message.type === 'error' && TURNED_AWAY.has(message.code)) {
      notBefore = now() + (message.retryAfter ?? 0) * 1000;
      // Close it from here: the room's own close of a refused socket can take long to land.
      // The close handler then schedules the retry, no sooner than `notBefore`.
      socket.close(1000);
    }
    if (message.type === 'pong') {
      clearTimeout(pongDeadline);
      options.onLatency?.(Math.max(0, now() - message.t));
      return;
    }
    if (message.type === 'welcome') {
      // A room that lost its storage starts again from 1: follow it rather than ignore it.
      if (message.lastSeq < lastSeq) lastSeq = 0;
      const fresh = message.history.filter((n) => n.seq > lastSeq);
      lastSeq = Math.max(lastSeq, message.lastSeq, ...fresh.map((n) => n.seq));
      welcomed = true;
      options.onMessage?.({ ...message, history: fresh });
      return;
    }
    if (message.type === 'notification') {
      if (message.seq <= lastSeq) return; // Already seen: a duplicate after catch-up.
      if (welcomed && message.seq > lastSeq + 1) {
        // One went missing on the way (N, then N+2): the catch-up's welcome brings both, in order.
        catchUp();
        return;
      }
      lastSeq = message.seq;
    }
    options.onMessage?.(message);
  });

  const environment = options.environment ?? browserEnvironment;
  const detachOnline = environment.onOnline(retryNow);
  const detachVisible = environment.onVisible(retryNow);
  // Drop at once rather than wait for a heartbeat to miss: the reader sees "sin conexión"
  // now, sends go to the outbox, and `online` brings the socket straight back.
  const detachOffline =
    environment.onOffline?.(() => {
      if (!closed && socket.readyState === OPEN) socket.reconnect();
    }) ?? (() => {});

  return {
    send(message) {
      if (socket.readyState === OPEN) {
        transmit(message);
        return { result: 'sent' };
      }
      if (message.type === 'ping') return { result: 'rejected', reason: 'Sin conexión.' };
      const queued = outbox.add(message);
      if (queued.result === 'queued' && queued.dropped) options.onDropped?.(queued.dropped);
      return queued;
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      stopHeartbeat();
      detachOnline();
      detachVisible();
      detachOffline();
      socket.close();
    },
    reconnectNow: retryNow,
    refresh() {
      if (closed) return;
      clearTimeout(retryTimer);
      stopHeartbeat();
      socket.reconnect();
    },
    get status() {
      return status;
    },
    get lastSeq() {
      return lastSeq;
    },
    get pending() {
      return outbox.size;
    },
    get queued() {
      return [...outbox.pending];
    },
    get readyState() {
      return socket.readyState;
    },
  };
}
