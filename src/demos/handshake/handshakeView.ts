/**
 * The handshake demo's logic, framework-free: the request and the 101 as lines of HTTP,
 * with the headers the lesson names marked, and the first frames of the new connection.
 */

import type { ServerMessageOf } from '../../../party/wire/serverMessages';
import { frameLabel } from '../../lib/frameLabel';
import {
  type AcceptSteps,
  frameBytes,
  switchingProtocols,
  utf8Bytes,
  WEBSOCKET_GUID,
} from '../../lib/frames';
import type { SocketEvent } from '../../lib/room-client';

/** The four request headers the lesson's diagram shows. */
export const KEY_HEADERS = ['upgrade', 'connection', 'sec-websocket-key', 'sec-websocket-version'] as const;

/** How many frames the demo keeps before closing its connection. */
export const FIRST_FRAMES = 5;

/** Longest frame text shown; the welcome can carry the room's whole history. */
export const FRAME_TEXT = 240;

/** RFC 6455's own example key (section 1.3). */
export const RFC_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const RFC_ACCEPT = 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=';

/**
 * The RFC's example handshake, as the room would report it. The demo shows it until its own
 * connection's report arrives: the demo has its full size from the first paint, so the
 * lesson below does not jump when the live data comes in, and a reader whose room is out of
 * reach still sees a handshake. A unit test checks it against `handshakeReport`.
 */
export const RFC_EXAMPLE: ServerMessageOf<'handshake'> = {
  type: 'handshake',
  request: {
    method: 'GET',
    path: '/chat',
    headers: [
      ['host', 'server.example.com'],
      ['upgrade', 'websocket'],
      ['connection', 'Upgrade'],
      ['sec-websocket-key', RFC_KEY],
      ['origin', 'http://example.com'],
      ['sec-websocket-protocol', 'chat, superchat'],
      ['sec-websocket-version', '13'],
    ],
    otherHeaders: 0,
    bytes: 230,
  },
  response: switchingProtocols(RFC_ACCEPT),
  accept: RFC_ACCEPT,
};

/** The steps from the RFC's key to its accept, as `acceptSteps` computes them (a unit test checks). */
export const RFC_STEPS: AcceptSteps = {
  key: RFC_KEY,
  nonceHex: '74 68 65 20 73 61 6d 70 6c 65 20 6e 6f 6e 63 65',
  joined: RFC_KEY + WEBSOCKET_GUID,
  sha1Hex: 'b3 7a 4f 2c c0 62 4f 16 90 f6 46 06 cf 38 59 45 b2 be c4 ea',
  accept: RFC_ACCEPT,
};

export interface HttpLine {
  text: string;
  /** One of the headers the lesson explains. */
  key: boolean;
}

export function headerValue(headers: readonly [string, string][], name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

export function requestLines(report: ServerMessageOf<'handshake'>): HttpLine[] {
  const { method, path, headers, otherHeaders } = report.request;
  const lines: HttpLine[] = [{ text: `${method} ${path} HTTP/1.1`, key: false }];
  for (const [name, value] of headers) {
    lines.push({ text: `${name}: ${value}`, key: (KEY_HEADERS as readonly string[]).includes(name) });
  }
  if (otherHeaders > 0) {
    lines.push({
      text: `(y ${String(otherHeaders)} ${otherHeaders === 1 ? 'cabecera más' : 'cabeceras más'}: navegador, idioma, caché…)`,
      key: false,
    });
  }
  return lines;
}

export function responseLines(report: ServerMessageOf<'handshake'>): HttpLine[] {
  const { status, statusText, headers } = report.response;
  return [
    { text: `HTTP/1.1 ${String(status)} ${statusText}`, key: true },
    ...headers.map(([name, value]) => ({ text: `${name}: ${value}`, key: name === 'sec-websocket-accept' })),
  ];
}

export interface FrameRecord {
  id: number;
  direction: 'sent' | 'received';
  /** The message's label (`welcome`, `emit chat:mensaje`), or `texto`. */
  type: string;
  /** The frame's text, shortened to `FRAME_TEXT` characters. */
  text: string;
  /** Payload size in bytes. */
  payload: number;
  /** Size on the wire with the frame header (and mask, if the client sent it). */
  wire: number;
}

/** Adds a sent or received frame to the first frames, until there are `FIRST_FRAMES`. */
export function addFrame(frames: readonly FrameRecord[], event: SocketEvent, id: number): FrameRecord[] {
  if (frames.length >= FIRST_FRAMES || (event.type !== 'send' && event.type !== 'receive'))
    return [...frames];
  const payload = utf8Bytes(event.data);
  const sent = event.type === 'send';
  const text = event.data.length > FRAME_TEXT ? `${event.data.slice(0, FRAME_TEXT)}…` : event.data;
  return [
    ...frames,
    {
      id,
      direction: sent ? 'sent' : 'received',
      type: frameLabel(event.data),
      text,
      payload,
      wire: frameBytes(payload, sent),
    },
  ];
}

/**
 * The demo has seen enough once it holds `FIRST_FRAMES` frames, or once both the report
 * and the answer to its ping arrived (the room may answer the ping before the welcome).
 */
export function enoughFrames(frames: readonly FrameRecord[]): boolean {
  const got = (type: string) => frames.some((f) => f.direction === 'received' && f.type === type);
  return frames.length >= FIRST_FRAMES || (got('pong') && got('handshake'));
}
