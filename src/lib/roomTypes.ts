/** The shapes room-client works with: its status, options, the socket it drives and what it returns. */
import type { ClientMessage } from '../../party/wire/clientMessages';
import type { ErrorMessage } from '../../party/wire/errors';
import type { ServerMessage } from '../../party/wire/serverMessages';
import type { Enqueued } from './outbox';

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
