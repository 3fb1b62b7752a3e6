/**
 * Real WebSocket clients for the room tests: typed sends, parsed receives, and waits
 * for a message of a given type.
 */
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import {
  type ClientMessage,
  encodeClient,
  PROTOCOL_VERSION,
  parseServerMessage,
  READER_PARAM,
  type ServerMessage,
  VERSION_PARAM,
} from '../../party/protocol';

export { startPartykit } from '../../scripts/tools/partykit.mjs';

type Of<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

export interface TestClient {
  socket: WebSocket;
  received: ServerMessage[];
  send(message: ClientMessage): void;
  sendRaw(data: string | Buffer): void;
  next<T extends ServerMessage['type']>(type: T, timeoutMs?: number): Promise<Of<T>>;
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

export function roomUrl(host: string, room: string, query = ''): string {
  return `ws://${host}/parties/main/${room}${query}`;
}

/**
 * The query a page sends: a random reader id and this protocol version, unless `query`
 * (`?…`) already sets them; the room counts only sockets that present a reader id.
 */
export function pageQuery(query = ''): string {
  const params = new URLSearchParams(query.replace(/^\?/, ''));
  if (!params.has(READER_PARAM)) params.set(READER_PARAM, randomBytes(8).toString('hex'));
  if (!params.has(VERSION_PARAM)) params.set(VERSION_PARAM, String(PROTOCOL_VERSION));
  return `?${params.toString()}`;
}

export interface ConnectOptions {
  /** Extra handshake headers, e.g. `CF-Connecting-IP` to simulate an address, or `Origin`. */
  headers?: Record<string, string>;
}

export function connectClient(
  host: string,
  room: string,
  query = '',
  options: ConnectOptions = {},
): Promise<TestClient> {
  const socket = new WebSocket(
    roomUrl(host, room, pageQuery(query)),
    options.headers ? { headers: options.headers } : {},
  );
  const received: ServerMessage[] = [];
  let cursor = 0;
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    const parsed = parseServerMessage(data.toString());
    if (!parsed.ok) throw new Error(`Mensaje del servidor fuera de protocolo: ${data.toString()}`);
    received.push(parsed.value);
    for (const wake of waiters) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const client: TestClient = {
    socket,
    received,
    send: (message) => socket.send(encodeClient(message)),
    sendRaw: (data) => socket.send(data),
    closed,
    // Consumes messages in order, so each call sees the next one of that type.
    next(type, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          while (cursor < received.length) {
            const message = received[cursor++];
            if (message?.type === type) {
              waiters.delete(check);
              clearTimeout(timer);
              resolve(message as Of<typeof type>);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `No llegó un mensaje «${type}» en ${String(timeoutMs)} ms; llegaron: ${JSON.stringify(received)}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      if (socket.readyState === WebSocket.CLOSED) return;
      socket.close();
      await closed;
    },
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(client));
    socket.once('error', reject);
  });
}
