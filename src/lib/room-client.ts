/**
 * The one way islands talk to a room: resolves the host, opens a partysocket, sends typed
 * messages and hands back parsed ones, and reports the connection status in a form the
 * UI can put into words.
 */
import PartySocket from 'partysocket';
import {
  type ClientMessage,
  type ErrorMessage,
  encodeClient,
  parseServerMessage,
  type ServerMessage,
} from '../../party/protocol';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'offline';

export interface StatusInfo {
  status: ConnectionStatus;
  /** Failed attempts since the last open connection. */
  attempt: number;
}

export interface RoomClientOptions {
  room: string;
  /** Overrides the configured host; mainly for tests. */
  host?: string;
  onMessage?: (message: ServerMessage) => void;
  onStatus?: (info: StatusInfo) => void;
  /** A frame from the server that did not match the protocol. */
  onInvalid?: (error: ErrorMessage) => void;
}

export interface RoomClient {
  send(message: ClientMessage): void;
  close(): void;
  readonly status: StatusInfo;
}

/** After this many failed attempts the room is reported as unavailable. */
const OFFLINE_AFTER = 3;

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

export function connectRoom(options: RoomClientOptions): RoomClient {
  const host = options.host ?? configuredHost();
  const socket = new PartySocket({
    host,
    room: options.room,
    protocol: resolveProtocol(host, location.protocol),
  });
  let status: StatusInfo = { status: 'connecting', attempt: 0 };
  let everOpened = false;

  const setStatus = (next: StatusInfo) => {
    status = next;
    options.onStatus?.(next);
  };

  socket.addEventListener('open', () => {
    everOpened = true;
    setStatus({ status: 'open', attempt: 0 });
  });
  socket.addEventListener('close', () => {
    const attempt = status.attempt + 1;
    setStatus({ status: statusAfterClose(attempt, everOpened), attempt });
  });
  socket.addEventListener('message', (event: MessageEvent) => {
    if (typeof event.data !== 'string') return;
    const parsed = parseServerMessage(event.data);
    if (parsed.ok) options.onMessage?.(parsed.value);
    else options.onInvalid?.(parsed.error);
  });

  return {
    send: (message) => socket.send(encodeClient(message)),
    close: () => socket.close(),
    get status() {
      return status;
    },
  };
}
