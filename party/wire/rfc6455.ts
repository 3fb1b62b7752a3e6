/**
 * The WebSocket wire as RFC 6455 describes it: the opening handshake as the room saw it,
 * the accept computation, and how many bytes a request head or a frame takes. Pure and
 * runtime-neutral (Web Crypto, `btoa`): the room uses it to report a handshake and to size
 * a polling request; the browser runs the same code to show the computation step by step
 * and to weigh frames.
 */
import type { ServerMessageOf } from './serverMessages';

/** RFC 6455 §1.3: the fixed GUID every server appends to the client's key. */
export const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** The request headers a handshake report shows; the rest are only counted. */
export const HANDSHAKE_HEADERS = [
  'host',
  'upgrade',
  'connection',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
  'sec-websocket-protocol',
  'origin',
] as const;

export interface AcceptSteps {
  /** The client's `Sec-WebSocket-Key`, as sent. */
  key: string;
  /** The 16 random bytes the key encodes, in hex; `null` if the key is not valid base64. */
  nonceHex: string | null;
  /** Key and GUID joined: the text that is hashed. */
  joined: string;
  /** SHA-1 of the joined text: 20 bytes, in hex. */
  sha1Hex: string;
  /** Those 20 bytes in base64: the `Sec-WebSocket-Accept` value. */
  accept: string;
}

/** Every step from `Sec-WebSocket-Key` to `Sec-WebSocket-Accept` (RFC 6455 §4.2.2, item 5.4). */
export async function acceptSteps(key: string): Promise<AcceptSteps> {
  const joined = key + WEBSOCKET_GUID;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(joined)));
  return { key, nonceHex: nonceHex(key), joined, sha1Hex: hex(digest), accept: base64(digest) };
}

export async function computeAccept(key: string): Promise<string> {
  return (await acceptSteps(key)).accept;
}

function nonceHex(key: string): string | null {
  try {
    const raw = atob(key);
    return hex(Uint8Array.from(raw, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

function base64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The size of an HTTP/1.1 request head as the server received it: request line, headers
 * and the blank line. An estimate of what crossed the wire (the runtime may add or fold
 * headers), good enough to compare polling with a WebSocket.
 */
export function requestHeadBytes(method: string, path: string, headers: Iterable<[string, string]>): number {
  let text = `${method} ${path} HTTP/1.1\r\n`;
  for (const [name, value] of headers) text += `${name}: ${value}\r\n`;
  return utf8Bytes(`${text}\r\n`);
}

/** UTF-8 length of a text: what a text frame or a body really weighs. */
export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * Bytes a WebSocket frame takes on the wire for a payload of `payloadBytes` (RFC 6455
 * §5.2): 2 header bytes, 2 or 8 more for longer payloads, and a 4-byte mask on every frame
 * a client sends. An estimate: it ignores TCP/TLS overhead and compression extensions.
 */
export function frameBytes(payloadBytes: number, fromClient: boolean): number {
  const length = payloadBytes < 126 ? 0 : payloadBytes < 65_536 ? 2 : 8;
  return 2 + length + (fromClient ? 4 : 0) + payloadBytes;
}

/** Size of a response head: status line, headers and the blank line. */
export function responseHeadBytes(status: number, statusText: string, headers: Iterable<[string, string]>) {
  let text = `HTTP/1.1 ${String(status)} ${statusText}\r\n`;
  for (const [name, value] of headers) text += `${name}: ${value}\r\n`;
  return utf8Bytes(`${text}\r\n`);
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: Iterable<[string, string]>;
}

/**
 * The `handshake` message for one connection: the request line and handshake headers the
 * room received, and the `101` answer with the accept value computed from the key it saw.
 * Header names appear as the runtime delivered them (lower case).
 */
export async function handshakeReport(request: SeenRequest): Promise<ServerMessageOf<'handshake'>> {
  const url = new URL(request.url);
  const path = url.pathname + url.search;
  const all = Array.from(request.headers, ([name, value]): [string, string] => [name.toLowerCase(), value]);
  const shown = all.filter(([name]) => (HANDSHAKE_HEADERS as readonly string[]).includes(name));
  const key = all.find(([name]) => name === 'sec-websocket-key')?.[1];
  const accept = key ? await computeAccept(key) : null;
  return {
    type: 'handshake',
    request: {
      method: request.method,
      path,
      headers: shown,
      otherHeaders: all.length - shown.length,
      bytes: requestHeadBytes(request.method, path, all),
    },
    response: switchingProtocols(accept),
    accept,
  };
}

/** The `101` a server answers a valid opening handshake with, as a report shows it. */
export function switchingProtocols(accept: string | null): ServerMessageOf<'handshake'>['response'] {
  return {
    status: 101,
    statusText: 'Switching Protocols',
    headers: [
      ['upgrade', 'websocket'],
      ['connection', 'Upgrade'],
      ...(accept ? ([['sec-websocket-accept', accept]] as [string, string][]) : []),
    ],
  };
}
