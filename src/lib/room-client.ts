/**
 * The one way islands talk to a room. It resolves the host, opens a partysocket, sends
 * typed messages and hands back parsed ones, and reports the connection status in a form
 * the UI can put into words. On top of partysocket it adds what a classroom needs:
 * jittered reconnects, a bounded offline outbox, heartbeats, and catch-up by `seq` so a
 * reconnecting page receives exactly the notifications it missed, once.
 */
import PartySocket from 'partysocket';
import {
  CLOSE_VERSION_MISMATCH,
  type ClientMessage,
  ERROR_CODES,
  type ErrorMessage,
  encodeClient,
  PROTOCOL_VERSION,
  parseServerMessage,
  READER_PARAM,
  type ServerMessage,
  VERSION_PARAM,
} from '../../party/protocol';
import { reconnectDelay } from './backoff';
import { type Enqueued, Outbox } from './outbox';
import { readStored, writeStored } from './storage';

/**
 * `outdated`: the room speaks another protocol version than this page. Final: retrying
 * cannot help, only a reload of the page (a new site build) can.
 */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'offline' | 'outdated';

export interface StatusInfo {
  status: ConnectionStatus;
  /** Failed attempts since the last open connection. */
  attempt: number;
  /** When the next attempt starts (ms since the epoch), while waiting to retry. */
  retryAt?: number;
}

/** The part of partysocket this module uses; tests pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): unknown;
  reconnect(): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'message' | 'error', listener: (event: Event) => void): void;
}

/**
 * One raw socket event, for islands that show the connection itself: the inspector and
 * the frame logs. `send` and `receive` carry the frame's text exactly as it crossed.
 */
export type SocketEvent =
  | { type: 'open' }
  | {
      type: 'close';
      /** The close code; undefined when partysocket closed the socket itself (no code seen). */
      code: number | undefined;
      reason: string;
      wasClean: boolean;
    }
  | { type: 'error' }
  | { type: 'receive'; data: string }
  | { type: 'send'; data: string };

export interface SocketSettings {
  host: string;
  room: string;
  protocol: 'ws' | 'wss';
  query: () => Record<string, string>;
}

export interface RoomClientOptions {
  room: string;
  /** Overrides the configured host; mainly for tests. */
  host?: string;
  onMessage?: (message: ServerMessage) => void;
  onStatus?: (info: StatusInfo) => void;
  /** A frame from the server that did not match the protocol. */
  onInvalid?: (error: ErrorMessage) => void;
  /** A queued reaction had to be dropped because the outbox was full. */
  onDropped?: (message: ClientMessage) => void;
  /** Sent first on every open, before anything queued: e.g. the teacher's `auth`. */
  greeting?: () => ClientMessage | undefined;
  /** Round-trip time measured by ping/pong, in ms. */
  onLatency?: (ms: number) => void;
  /** Every raw open, close (with its code), error, and frame sent or received. */
  onSocketEvent?: (event: SocketEvent) => void;
  /** The page this socket belongs to; defaults to this page load's id. */
  reader?: string;
  /**
   * Extra query parameters on every connect, e.g. `{ handshake: '1' }`; a function is read
   * again on each connect (the page registry's extras grow as islands join).
   */
  query?: Record<string, string> | (() => Record<string, string>);
  createSocket?: (settings: SocketSettings) => SocketLike;
  random?: () => number;
  now?: () => number;
  /** Environment hooks for `online` and visibility; default: window and document. */
  environment?: ClientEnvironment;
}

export interface ClientEnvironment {
  onOnline(listener: () => void): () => void;
  onVisible(listener: () => void): () => void;
  /** The browser says the network is gone: a socket may look open but is not. */
  onOffline?(listener: () => void): () => void;
}

export type SendResult = { result: 'sent' } | Enqueued;

export interface RoomClient {
  send(message: ClientMessage): SendResult;
  close(): void;
  /** Retries now instead of waiting for the backoff. */
  reconnectNow(): void;
  /** Connects again at once, with the query as it stands now and `since` what was seen. */
  refresh(): void;
  readonly status: StatusInfo;
  readonly lastSeq: number;
  readonly pending: number;
  /** The messages held while the socket is down, oldest first. */
  readonly queued: readonly ClientMessage[];
  /** The socket's WebSocket readyState: 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number;
}

const READER_STORAGE = 'cliente-servidor:lector';
const READER_ID = /^[0-9a-f]{16}$/;

/**
 * This browser's reader id, sent with every socket its pages open, so the room counts a
 * reader once however many demos and tabs are open, and a reconnect cannot vote again.
 * Random, nothing personal; kept in localStorage, or for this page only where storage is off.
 */
export const PAGE_READER = storedReader();

function storedReader(): string {
  const stored = readStored('localStorage', READER_STORAGE);
  if (stored && READER_ID.test(stored)) return stored;
  const id = randomId();
  writeStored('localStorage', READER_STORAGE, id);
  return id;
}

function randomId(): string {
  const bytes = new Uint8Array(8);
  // getRandomValues works on plain-http pages too, where randomUUID does not exist.
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

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

/**
 * Where the room lives: the build-time `PUBLIC_PARTYKIT_HOST` when set (a deployed
 * room, or the local one under `npm start`); otherwise the page's own origin, which is
 * how `npm run preview` serves the site and the room together.
 */
export function resolveHost(configured: string | undefined, pageHost: string): string {
  const host = configured?.trim();
  return host ? host.replace(/^(https?|wss?):\/\//, '').replace(/\/+$/, '') : pageHost;
}

/** Plain ws:// only where the page itself is plain http, or the room is on loopback. */
export function resolveProtocol(host: string, pageProtocol: string): 'ws' | 'wss' {
  if (pageProtocol === 'https:') return /^(localhost|127\.0\.0\.1)(:|$)/.test(host) ? 'ws' : 'wss';
  return 'ws';
}

/** The room's HTTP base, e.g. `http://127.0.0.1:1999/parties/main/demo`, for fetch-based demos. */
export function roomHttpUrl(room: string, path = '', host = configuredHost()): string {
  const scheme = resolveProtocol(host, location.protocol) === 'wss' ? 'https' : 'http';
  return `${scheme}://${host}/parties/main/${encodeURIComponent(room)}${path}`;
}

function configuredHost(): string {
  return resolveHost(import.meta.env.PUBLIC_PARTYKIT_HOST, location.host);
}

/** Next status after the socket closes, given whether it was ever open. */
export function statusAfterClose(attempt: number, everOpened: boolean): ConnectionStatus {
  if (!everOpened || attempt >= OFFLINE_AFTER) return 'offline';
  return 'reconnecting';
}

/** The real socket. `WebSocket` is injectable so Node tests and benches can count attempts. */
export function createPartySocket(
  settings: SocketSettings,
  WebSocket?: typeof globalThis.WebSocket,
): SocketLike {
  return new PartySocket({
    ...settings,
    ...(WebSocket ? { WebSocket } : {}),
    // Reconnects are scheduled here, with jitter, instead of partysocket's fixed steps.
    shouldReconnectOnClose: () => false,
  });
}

const browserEnvironment: ClientEnvironment = {
  onOnline(listener) {
    window.addEventListener('online', listener);
    return () => window.removeEventListener('online', listener);
  },
  onVisible(listener) {
    const handler = () => {
      if (document.visibilityState === 'visible') listener();
    };
    document.addEventListener('visibilitychange', handler);
    return () => document.removeEventListener('visibilitychange', handler);
  },
  onOffline(listener) {
    window.addEventListener('offline', listener);
    return () => window.removeEventListener('offline', listener);
  },
};

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
      [READER_PARAM]: options.reader ?? PAGE_READER,
      [VERSION_PARAM]: String(PROTOCOL_VERSION),
      ...(typeof options.query === 'function' ? options.query() : options.query),
      ...(welcomed ? { since: String(lastSeq) } : {}),
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

/**
 * The close event's details. partysocket re-creates close events; the ones it makes for a
 * close it started itself carry no numeric code in browsers, so `code` is then undefined.
 */
function closeDetails(event: Event): SocketEvent {
  const { code, reason, wasClean } = event as Partial<CloseEvent>;
  return {
    type: 'close',
    code: typeof code === 'number' ? code : undefined,
    reason: typeof reason === 'string' ? reason : '',
    wasClean: wasClean === true,
  };
}
