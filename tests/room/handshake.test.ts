import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseServerMessage, type ServerMessageOf } from '../../party/wire/serverMessages';
import { roomUrl, setupRoom } from '../harness/room';

const room = setupRoom();

/** RFC 6455's accept computation, done independently of party/wire/rfc6455.ts. */
const accept = (key: string) =>
  createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');

/** Opens a raw socket and returns the key it sent, the 101's real headers and the report. */
function handshake(query: string): Promise<{
  key: string;
  response: IncomingMessage;
  report: ServerMessageOf<'handshake'> | undefined;
  types: string[];
}> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(roomUrl(room.host, 'demo', query));
    // The request ws is about to send holds the key it generated for this connection.
    const key = String(
      (socket as unknown as { _req: { getHeader(name: string): unknown } })._req.getHeader(
        'sec-websocket-key',
      ),
    );
    let response: IncomingMessage | undefined;
    const types: string[] = [];
    socket.once('upgrade', (res) => {
      response = res;
    });
    socket.on('message', (data) => {
      const parsed = parseServerMessage(data.toString());
      if (!parsed.ok) return reject(new Error(`fuera de protocolo: ${data.toString()}`));
      types.push(parsed.value.type);
      if (parsed.value.type === 'handshake' || (!query && types.length === 1)) {
        const report = parsed.value.type === 'handshake' ? parsed.value : undefined;
        setTimeout(() => {
          socket.close();
          if (response) resolve({ key, response, report, types: [...types] });
        }, 150);
      }
    });
    socket.once('error', reject);
  });
}

describe('room: the handshake report', () => {
  it("carries this client's real key and the accept value the runtime actually sent", async () => {
    const { key, response, report } = await handshake('?handshake=1');
    expect(report).toBeDefined();
    expect(report?.request.method).toBe('GET');
    expect(report?.request.path).toBe('/parties/main/demo?handshake=1');
    expect(report?.request.headers).toContainEqual(['sec-websocket-key', key]);
    expect(report?.request.headers).toContainEqual(['sec-websocket-version', '13']);
    expect(report?.request.headers.find(([n]) => n === 'upgrade')?.[1].toLowerCase()).toBe('websocket');
    expect(report?.request.headers.find(([n]) => n === 'connection')?.[1].toLowerCase()).toContain('upgrade');
    expect(report?.request.bytes).toBeGreaterThan(100);
    expect(response.statusCode).toBe(101);
    expect(report?.accept).toBe(accept(key));
    expect(report?.accept).toBe(response.headers['sec-websocket-accept']);
    expect(report?.response.headers).toContainEqual(['sec-websocket-accept', accept(key)]);
  });

  it('comes right after the welcome, and a new connection has a new key', async () => {
    const first = await handshake('?handshake=1');
    const second = await handshake('?handshake=1');
    expect(first.types.slice(0, 2)).toEqual(['welcome', 'handshake']);
    expect(second.key).not.toBe(first.key);
    expect(second.report?.accept).not.toBe(first.report?.accept);
  });

  it('is not sent to a client that did not ask for it', async () => {
    const plain = await handshake('');
    expect(plain.types).not.toContain('handshake');
  });
});
