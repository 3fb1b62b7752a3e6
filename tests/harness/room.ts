/**
 * What the room tests share: one `partykit dev` per file (`setupRoom`), and real WebSocket
 * clients with typed sends, parsed receives, and waits for a message of a given type.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { type ClientMessage, encodeClient } from '../../party/wire/clientMessages';
import { CONNECT_PARAMS } from '../../party/wire/connectQuery';
import { parseServerMessage, type ServerMessage } from '../../party/wire/serverMessages';
import { PROTOCOL_VERSION } from '../../party/wire/version';

import { type PartykitOptions, startPartykit } from '../../scripts/tools/partykit.mjs';

export { startPartykit };

/** A running `partykit dev`, as `startPartykit` hands it back. */
export type Room = Awaited<ReturnType<typeof startPartykit>>;

export interface SharedRoom {
  /** `127.0.0.1:<port>`, for WebSocket URLs. */
  readonly host: string;
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly port: number;
  /** Where the room's storage lives. */
  readonly persist: string;
  readonly teacherKey: string;
  /** The running room itself: its process group, its output. */
  readonly current: Room;
  /** The HTTP URL of the room `name` (plus `rest`: a subpath, a query). */
  url(name: string, rest?: string): string;
  /** Kills the room as a crash would (SIGKILL) and starts it again on the same port and storage. */
  restart(): Promise<void>;
}

/**
 * The room test files' fixture: registers the `beforeAll` that starts one `partykit dev`
 * with `options` (on a free port, its own storage) and the `afterAll` that stops its whole
 * process group. Call it at the top of a file or inside a `describe`; read the room through
 * the returned handle once the tests run.
 */
export function setupRoom(options: PartykitOptions = {}): SharedRoom {
  let room: Room | undefined;
  beforeAll(async () => {
    room = await startPartykit(options);
  });
  afterAll(async () => {
    await room?.stop();
  });
  const current = (): Room => {
    if (!room) throw new Error('partykit dev no arrancó: usa la sala dentro de una prueba');
    return room;
  };
  return {
    get host() {
      return current().host;
    },
    get origin() {
      return current().origin;
    },
    get port() {
      return current().port;
    },
    get persist() {
      return current().persist;
    },
    get teacherKey() {
      return current().teacherKey;
    },
    get current() {
      return current();
    },
    url: (name, rest = '') => `${current().origin}/parties/main/${name}${rest}`,
    async restart() {
      const { port, persist } = current();
      await current().stop('SIGKILL');
      room = undefined;
      room = await startPartykit({ ...options, port, persist });
    },
  };
}

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
  const { reader, version } = CONNECT_PARAMS;
  if (!params.has(reader)) params.set(reader, randomBytes(8).toString('hex'));
  if (!params.has(version)) params.set(version, String(PROTOCOL_VERSION));
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
