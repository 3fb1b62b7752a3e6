/**
 * The room's HTTP side: routing by path segment, CORS, the bounded body read of a POST,
 * and the concurrency cap of the delay demo. The adapter hands each request here. An
 * error answers with the same `error` message a socket gets (`{ type, code, message }`).
 */
import type * as Party from 'partykit/server';
import { LIMITS } from './core/limits';
import { Concurrency, clientAddress } from './core/rate';
import type { RoomCore } from './core/room';
import { handleDemoRequest } from './httpDemos';
import type { RoomStorage } from './roomStorage';
import { type PushRequest, pushRequest } from './wire/clientMessages';
import { CONNECT_PARAMS, type ConnectQuery, parseConnectQuery } from './wire/connectQuery';
import { errorOf, validate } from './wire/errors';
import { requestHeadBytes } from './wire/rfc6455';
import type { ServerMessage } from './wire/serverMessages';
import { MAX_BODY_BYTES } from './wire/vocabulary';

/** Delays held open at once: per room, and per client address within it. */
export const DELAY_LIMITS = { perRoom: 20, perAddress: 3 } as const;

export interface HttpContext {
  core(url: string): RoomCore;
  count(): number;
  allowedOrigins: readonly string[];
  /** Runs a task in the room's one queue of decisions that may write storage. */
  serially<T>(task: () => Promise<T>): Promise<T>;
  storage: RoomStorage;
  broadcast(message: ServerMessage): void;
  delays?: Concurrency;
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(body), { ...init, headers });
}

/**
 * A PartyKit path by segments, as PartyKit routes it: `/parties/<party>/<room>/…` or
 * `/party/<room>/…`. The one place that knows where the room's segment is.
 */
export function roomPath(pathname: string): { room: string | undefined; rest: string } {
  const segments = pathname.split('/');
  const at = segments[1] === 'party' ? 2 : segments[1] === 'parties' ? 3 : segments.length;
  const rest = segments.slice(at + 1);
  return { room: segments[at], rest: rest.length > 0 ? `/${rest.join('/')}` : '' };
}

/** The part of the path after the room's segment (`/demo/…`), by segments, never by search. */
export function subpath(pathname: string): string {
  return roomPath(pathname).rest;
}

export async function routeRequest(request: Party.Request, context: HttpContext): Promise<Response> {
  const url = new URL(request.url);
  const path = subpath(url.pathname);
  if (path.startsWith('/demo/')) {
    context.delays ??= new Concurrency(DELAY_LIMITS.perRoom, DELAY_LIMITS.perAddress);
    return handleDemoRequest(request as unknown as Request, path, {
      credentialedOrigins: context.allowedOrigins,
      delays: context.delays,
      address: clientAddress(request.headers),
    });
  }
  const response = await roomRequest(request, url, context);
  return withCors(response, request.headers.get('origin'), context.allowedOrigins);
}

async function roomRequest(request: Party.Request, url: URL, context: HttpContext): Promise<Response> {
  const core = context.core(request.url);
  if (request.method === 'OPTIONS') return new Response(null, { status: 204 });
  if (request.method === 'GET') {
    const since = parseSince(url.searchParams.get('since'));
    if (since === undefined) return json(core.snapshot(context.count()));
    // The polling endpoint: what is new since `since`, the room's clock, and the size of
    // the request it received, so a page can weigh polling against a WebSocket.
    const requestBytes = requestHeadBytes(request.method, url.pathname + url.search, request.headers);
    return json({ ...core.changesSince(since), now: Date.now(), requestBytes });
  }
  if (request.method === 'POST') return pushOverHttp(request, core, context);
  return json(errorOf('method_not_allowed'), { status: 405, headers: { allow: 'GET, POST' } });
}

/**
 * Any page may read the room's public answers while `ALLOWED_ORIGINS` is empty; once it
 * is set, only the listed origins (others were already refused before reaching here).
 */
function withCors(response: Response, origin: string | null, allowed: readonly string[]): Response {
  const headers = new Headers(response.headers);
  if (allowed.length === 0) headers.set('access-control-allow-origin', '*');
  else if (origin !== null && allowed.includes(origin)) {
    headers.set('access-control-allow-origin', origin);
    headers.set('vary', 'Origin');
  }
  headers.set('access-control-allow-methods', 'GET, POST, OPTIONS');
  headers.set('access-control-allow-headers', 'authorization, content-type');
  return new Response(response.body, { status: response.status, headers });
}

function parseSince(value: string | null): number | undefined {
  if (value === null || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}

function tooLarge(request: Party.Request): Response {
  // Stop reading: the rest of a huge body is never buffered.
  request.body?.cancel().catch(() => {});
  return json(errorOf('payload_too_large', { bytes: MAX_BODY_BYTES }), {
    status: 413,
    headers: { connection: 'close' },
  });
}

/**
 * Reads a push body: refused by `Content-Length` before a byte is read, and the streamed
 * read stops at `MAX_BODY_BYTES` whatever the header said (or if it was absent).
 */
export async function readBody(
  request: Party.Request,
): Promise<{ ok: true; value: PushRequest } | { ok: false; response: Response }> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > MAX_BODY_BYTES)
    return { ok: false, response: tooLarge(request) };
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = request.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > MAX_BODY_BYTES) {
        await reader.cancel().catch(() => {});
        return { ok: false, response: tooLarge(request) };
      }
      chunks.push(value);
    }
  }
  const raw = new TextDecoder().decode(concat(chunks, bytes));
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return {
      ok: false,
      response: json(errorOf('invalid_json', { over: 'http' }), { status: 400 }),
    };
  }
  const parsed = validate(pushRequest, body);
  if (!parsed.ok) {
    return {
      ok: false,
      response: json(parsed.error, { status: 400 }),
    };
  }
  return { ok: true, value: parsed.value };
}

function concat(chunks: Uint8Array[], bytes: number): Uint8Array {
  const all = new Uint8Array(bytes);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}

/** `POST` pushes a notification: with the teacher key anywhere, a preset in `demo`. */
export async function pushOverHttp(
  request: Party.Request,
  core: RoomCore,
  context: HttpContext,
): Promise<Response> {
  const body = await readBody(request);
  if (!body.ok) return body.response;
  const address = clientAddress(request.headers);
  return context.serially(async () => {
    const before = core.checkpoint();
    const result = core.httpPush(request.headers.get('authorization'), address, body.value);
    if (result.access) await context.storage.storeAccess(result.access);
    if (!result.ok) {
      const headers: Record<string, string> = {};
      if (result.retryAfterS !== undefined) headers['retry-after'] = String(result.retryAfterS);
      if (result.status === 401) headers['www-authenticate'] = 'Bearer';
      const error = { type: 'error', code: result.code, message: result.message };
      return json(result.retryAfterS === undefined ? error : { ...error, retryAfter: result.retryAfterS }, {
        status: result.status,
        headers,
      });
    }
    if (result.duplicate) {
      const { seq, notification } = result;
      return json({ seq, ...(notification ? { notification } : {}), duplicate: true });
    }
    const { notification } = result;
    if (!(await context.storage.persisted(core, before))) {
      return json(errorOf('storage_failed', { over: 'http' }), {
        status: 503,
        headers: { 'retry-after': '1' },
      });
    }
    context.broadcast({ type: 'notification', ...notification });
    return json({ seq: notification.seq, notification }, { status: 201 });
  });
}

export function byteLength(message: string | ArrayBuffer | ArrayBufferView): number {
  if (typeof message !== 'string') return message.byteLength;
  // Characters never outnumber UTF-8 bytes, so only long strings need encoding.
  return message.length * 3 <= LIMITS.maxFrameBytes
    ? message.length
    : new TextEncoder().encode(message).length;
}

/**
 * The room name in a PartyKit URL, by path segments as PartyKit routes it:
 * `/parties/<party>/<room>/…` or `/party/<room>/…`.
 */
export function roomFromUrl(url: string): string {
  const { room } = roomPath(new URL(url).pathname);
  if (!room) throw new Error(`La URL no nombra una sala: ${url}`);
  return decodeURIComponent(room);
}

/**
 * The connect query of an upgrade, parsed once: PartyKit hands the same request to the tags
 * hook and then to `onConnect`, so the second asks a cache instead of parsing again.
 */
const parsedQueries = new WeakMap<object, { version: string | null; query: ConnectQuery }>();
export function connectQueryOf(request: { url: string }): { version: string | null; query: ConnectQuery } {
  let parsed = parsedQueries.get(request);
  if (!parsed) {
    const params = new URL(request.url).searchParams;
    parsed = { version: params.get(CONNECT_PARAMS.version), query: parseConnectQuery(params) };
    parsedQueries.set(request, parsed);
  }
  return parsed;
}
