/**
 * Real WebSocket clients for the room tests: typed sends, parsed receives, and waits
 * for a message of a given type.
 */
import WebSocket from 'ws';
import {
  type ClientMessage,
  encodeClient,
  parseServerMessage,
  type ServerMessage,
} from '../../party/protocol';

export { startPartykit } from '../../scripts/lib/processes.mjs';

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

export function connectClient(host: string, room: string, query = ''): Promise<TestClient> {
  const socket = new WebSocket(roomUrl(host, room, query));
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
