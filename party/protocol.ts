/**
 * The room's wire protocol: every message, both directions, as zod schemas.
 * This is the only module that both the PartyKit server and the browser islands import,
 * so it uses `zod/mini`, whose tree-shakable API keeps each island small.
 */
import * as z from 'zod/mini';
import { classClientMessages, classServerMessages, sitePath } from './classMessages';

/**
 * Bumped when a message changes shape; the welcome carries it so clients can tell, and a
 * page sends its own in the connect query (`v=<n>`). The room also accepts the previous
 * version, so a page loaded before a deploy keeps working for a transition window; every
 * change from one version to the next is additive, which is what makes the window real.
 */
export const PROTOCOL_VERSION = 5;

/** Connect-query names: the page's protocol version and its reader id. */
export const VERSION_PARAM = 'v';
export const READER_PARAM = 'lector';

/** The oldest page version the room still serves; pages without `v` are this one. */
export const OLDEST_PROTOCOL_VERSION = PROTOCOL_VERSION - 1;

/** The close code for a page whose protocol the room no longer (or not yet) speaks. */
export const CLOSE_VERSION_MISMATCH = 4426;

export const VERSION_MISMATCH_MESSAGE = 'Hay una versión nueva del curso: recarga la página.';

/**
 * Whether the room serves a page that sent `v` in its connect query. A missing `v` is a
 * page from before the query carried it, that is, the previous version.
 */
export function versionAccepted(v: string | null): boolean {
  if (v === null) return true;
  if (!/^\d{1,4}$/.test(v)) return false;
  const n = Number(v);
  return n >= OLDEST_PROTOCOL_VERSION && n <= PROTOCOL_VERSION;
}

/** Longest notification text, in characters. */
export const MAX_TEXT = 280;

/**
 * The room where anyone may push, so a lone reader can try it. The welcome says so too;
 * the push island reads this to draw its form from the first paint.
 */
export const OPEN_ROOM = 'demo';

/** The reactions a reader can send: a small fixed set, so nothing free-form is broadcast. */
export const REACTIONS = ['👍', '❤️', '😮', '🎉', '¡recibido!'] as const;

export const LEVELS = ['info', 'aviso', 'urgente'] as const;

/**
 * What a reader may send in the open room: prepared notifications whose text the room
 * writes itself, so nobody can broadcast free text (a link, an insult) to every reader.
 * Each one shows a side of a push: its level, the room's clock, the room's own counter.
 */
export const OPEN_PRESETS = [
  { id: 'hora', label: 'La hora de la sala', level: 'info' },
  { id: 'contador', label: 'Contador de la sala', level: 'info' },
  { id: 'aviso', label: 'Aviso de prueba', level: 'aviso' },
  { id: 'urgente', label: 'Urgente de prueba', level: 'urgente' },
] as const;

export const PRESET_IDS = ['hora', 'contador', 'aviso', 'urgente'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

/**
 * A push's idempotency key: random per push, chosen by the page, resent unchanged on a
 * retry so the room can answer a duplicate with the first ack instead of a second push.
 */
export const PUSH_REF = /^[A-Za-z0-9_-]{1,64}$/;

/** Largest HTTP POST body the room reads, in bytes. */
export const MAX_BODY_BYTES = 4 * 1024;

/**
 * Stable error codes a page may act on (besides the validation ones: `invalid_json`,
 * `too_long`, …). `retryAfter` accompanies `key_throttled` and `rate_limited` when known.
 */
export const ERROR_CODES = {
  keyThrottled: 'key_throttled',
  wrongKey: 'wrong_key',
  presetRequired: 'preset_required',
  versionMismatch: 'version_mismatch',
  rateLimited: 'rate_limited',
  payloadTooLarge: 'payload_too_large',
  storageFailed: 'storage_failed',
  tooManyConnections: 'too_many_connections',
  forbidden: 'forbidden',
} as const;

/**
 * Close codes a client may ask the room to close its own connection with (`hangup`), so a
 * reader can watch partysocket recover. 1006 is never sent: it is what a client reports
 * when a connection ends without a close frame; 1009 is what an oversize frame gets.
 */
export const HANGUP_CODES = [1000, 1001, 1008, 1011] as const;

/** Longest event name in an `emit`. */
export const MAX_EVENT_NAME = 40;

/** Room names: lowercase slugs such as `demo` or `clase-1`. */
export const ROOM_NAME = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;

const count = z.number().check(z.int(), z.nonnegative());
const seq = z.number().check(z.int(), z.positive());
const level = z.enum(LEVELS);
const role = z.enum(['reader', 'teacher']);

export const notification = z.object({
  seq,
  text: z.string().check(z.minLength(1), z.maxLength(MAX_TEXT)),
  level,
  /** Server time in ms since the epoch, when the room accepted the push. */
  at: z.number(),
  /** «Vamos a…»: a page of the course (path and section) readers can jump to. */
  go: z.optional(sitePath),
});

// Server -> client

export const welcomeMessage = z.object({
  type: z.literal('welcome'),
  /** The room's version: any number, so a page can see it differs from its own and say so. */
  version: count,
  room: z.string(),
  count,
  role,
  /** Whether anyone may push here (the `demo` room) or only the teacher. */
  openPush: z.boolean(),
  /** The highest seq the room has given out; 0 before the first push. */
  lastSeq: z.number().check(z.int(), z.nonnegative()),
  /** Recent notifications, oldest first: all kept ones, or only those after `since`. */
  history: z.array(notification),
  /** True when the client asked for notifications older than the room still keeps. */
  gap: z.boolean(),
});

export const presenceMessage = z.object({ type: z.literal('presence'), count });

export const notificationMessage = z.extend(notification, { type: z.literal('notification') });

export const reactionMessage = z.object({
  type: z.literal('reaction'),
  reaction: z.enum(REACTIONS),
  at: z.number(),
});

export const roleMessage = z.object({ type: z.literal('role'), role });

export const ackMessage = z.object({
  type: z.literal('ack'),
  /** The client's own reference for the push, echoed back. */
  ref: z.optional(z.string()),
  seq,
});

export const pongMessage = z.object({
  type: z.literal('pong'),
  /** The client's own timestamp, echoed so it can measure the round trip. */
  t: z.number(),
});

export const errorMessage = z.object({
  type: z.literal('error'),
  /** Stable machine-readable code, for tests and UI logic. */
  code: z.string(),
  /** Spanish, shown to the reader as text. */
  message: z.string(),
  /** The push or emit this error answers, when it answers one. */
  ref: z.optional(z.string()),
  /** The payload field at fault, when one is (dotted path, e.g. `opciones.1`). */
  field: z.optional(z.string()),
  /** Seconds to wait before trying again (`key_throttled`, `rate_limited`). */
  retryAfter: z.optional(count),
});

const header = z.tuple([z.string(), z.string()]);

/**
 * The opening handshake as the room received it, sent after the welcome to a client that
 * connected with `?handshake=1`. The 101 itself is written by the runtime; `accept` is the
 * room's own RFC 6455 computation from the key it saw, which must equal what the runtime sent.
 */
export const handshakeMessage = z.object({
  type: z.literal('handshake'),
  request: z.object({
    method: z.string(),
    /** Path and query, as received. */
    path: z.string(),
    /** The handshake headers, as `[name, value]`, names as the runtime delivered them. */
    headers: z.array(header),
    /** How many other headers arrived (cookies, user agent, …); counted, not shown. */
    otherHeaders: count,
    /** Size of the request head the room received, in bytes. */
    bytes: count,
  }),
  response: z.object({
    status: z.literal(101),
    statusText: z.string(),
    headers: z.array(header),
  }),
  /** `Sec-WebSocket-Accept` computed from the key; null if the request had no key. */
  accept: z.nullable(z.string()),
});

/** A named event from the catalogue in `events.ts`, relayed or produced by the room. */
export const eventMessage = z.object({
  type: z.literal('event'),
  event: z.string(),
  payload: z.unknown(),
  /** Server time in ms since the epoch. */
  at: z.number(),
});

/** The room's answer to an `echo`: the same text, to the sender only. */
export const echoReply = z.object({
  type: z.literal('echo'),
  text: z.string(),
  ref: z.optional(z.string()),
  at: z.number(),
});

export const serverMessage = z.discriminatedUnion('type', [
  welcomeMessage,
  presenceMessage,
  notificationMessage,
  reactionMessage,
  roleMessage,
  ackMessage,
  pongMessage,
  errorMessage,
  handshakeMessage,
  eventMessage,
  echoReply,
  ...classServerMessages,
]);

// Client -> server

export const pingMessage = z.object({ type: z.literal('ping'), t: z.number() });

export const authMessage = z.object({
  type: z.literal('auth'),
  key: z.string().check(z.minLength(1), z.maxLength(200)),
});

const pushText = z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_TEXT));
const pushRef = z.string().check(z.regex(PUSH_REF));

/**
 * A push: free `text` (class rooms, teacher only) or a `preset` from `OPEN_PRESETS`, whose
 * text the room writes (the only kind the open room takes). `ref` makes it idempotent.
 */
export const pushMessage = z.object({
  type: z.literal('push'),
  text: z.optional(pushText),
  preset: z.optional(z.enum(PRESET_IDS)),
  level: z.optional(level),
  ref: z.optional(pushRef),
  go: z.optional(sitePath),
});

export const reactMessage = z.object({ type: z.literal('react'), reaction: z.enum(REACTIONS) });

/** Asks the room to echo a text back to this connection only: proof a queued send arrived. */
export const echoMessage = z.object({
  type: z.literal('echo'),
  text: z.string().check(z.minLength(1), z.maxLength(MAX_TEXT)),
  ref: z.optional(z.string().check(z.maxLength(64))),
});

/** Asks the room to close this connection with one of `HANGUP_CODES`. */
export const hangupMessage = z.object({ type: z.literal('hangup'), code: z.literal(HANGUP_CODES) });

/** A Socket.IO-style emit: the room validates `payload` against the event's schema. */
export const emitMessage = z.object({
  type: z.literal('emit'),
  event: z.string().check(z.minLength(1), z.maxLength(MAX_EVENT_NAME)),
  payload: z.unknown(),
  ref: z.optional(z.string().check(z.maxLength(64))),
});

export const clientMessage = z.discriminatedUnion('type', [
  pingMessage,
  authMessage,
  pushMessage,
  reactMessage,
  echoMessage,
  hangupMessage,
  emitMessage,
  ...classClientMessages,
]);

/** The body of an HTTP POST that pushes a notification. */
export const pushRequest = z.object({
  text: z.optional(pushText),
  preset: z.optional(z.enum(PRESET_IDS)),
  level: z.optional(level),
  ref: z.optional(pushRef),
  go: z.optional(sitePath),
});

/**
 * The answer to `GET /parties/main/<sala>?since=<seq>`, the polling endpoint: only the
 * notifications after `since`, the room's clock and the size of the request it received.
 */
export const pollResponse = z.object({
  room: z.string(),
  lastSeq: z.number().check(z.int(), z.nonnegative()),
  notifications: z.array(notification),
  gap: z.boolean(),
  /** Server time when it answered, so a client can estimate its clock offset. */
  now: z.number(),
  /** Size of the request head the room received, in bytes (approximate). */
  requestBytes: count,
});

export type Notification = z.infer<typeof notification>;
export type Level = z.infer<typeof level>;
export type Role = z.infer<typeof role>;
export type Reaction = (typeof REACTIONS)[number];
export type WelcomeMessage = z.infer<typeof welcomeMessage>;
export type ErrorMessage = z.infer<typeof errorMessage>;
export type ServerMessage = z.infer<typeof serverMessage>;
export type ClientMessage = z.infer<typeof clientMessage>;
export type PushMessage = z.infer<typeof pushMessage>;
export type PushRequest = z.infer<typeof pushRequest>;
export type OpenPreset = (typeof OPEN_PRESETS)[number];
export type HandshakeMessage = z.infer<typeof handshakeMessage>;
export type EventMessage = z.infer<typeof eventMessage>;
export type EmitMessage = z.infer<typeof emitMessage>;
export type HangupCode = (typeof HANGUP_CODES)[number];
export type PollResponse = z.infer<typeof pollResponse>;

/** Every send goes through these, so call sites never build JSON by hand. */
export function encodeServer(message: ServerMessage): string {
  return JSON.stringify(message);
}

export function encodeClient(message: ClientMessage): string {
  return JSON.stringify(message);
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ErrorMessage };

export function errorOf(code: string, message: string, ref?: string): ErrorMessage {
  return ref === undefined ? { type: 'error', code, message } : { type: 'error', code, message, ref };
}

/** The answer to a page whose protocol the room does not serve, before it is closed. */
export function versionMismatchError(): ErrorMessage {
  return errorOf(ERROR_CODES.versionMismatch, VERSION_MISMATCH_MESSAGE);
}

function parseJson(raw: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false, error: errorOf('invalid_json', 'El mensaje no es JSON válido.') };
  }
}

/** Validates an already-parsed value, turning the first problem into a Spanish error. */
export function validate<T>(schema: z.ZodMiniType<T>, value: unknown): Parsed<T> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: describeIssue(result.error.issues[0], value) };
}

function parseWith<T>(schema: z.ZodMiniType<T>, raw: string): Parsed<T> {
  const json = parseJson(raw);
  return json.ok ? validate(schema, json.value) : json;
}

const TYPE_NAMES: Record<string, string> = {
  number: 'un número',
  string: 'un texto',
  boolean: 'verdadero o falso',
  object: 'un objeto',
  array: 'una lista',
};

/** Turns the first zod issue into one Spanish sentence that names the field. */
function describeIssue(issue: z.core.$ZodIssue | undefined, input: unknown): ErrorMessage {
  if (!issue) return errorOf('invalid_message', 'Mensaje no válido.');
  const field = issue.path.join('.');
  if (issue.code === 'invalid_union' && (field === 'type' || field === '')) {
    return errorOf('unknown_type', 'Tipo de mensaje desconocido o ausente.');
  }
  if (issue.code === 'too_big') {
    const unit = issue.origin === 'string' ? ' caracteres' : '';
    return errorOf('too_long', `El campo «${field}» supera el máximo de ${String(issue.maximum)}${unit}.`);
  }
  if (issue.code === 'too_small') {
    return errorOf('too_short', `El campo «${field}» está vacío o es demasiado corto.`);
  }
  if (issue.code === 'invalid_value') {
    const options = issue.values.map((v) => `«${String(v)}»`).join(', ');
    return errorOf('invalid_field', `El campo «${field}» debe ser uno de: ${options}.`);
  }
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    return errorOf('missing_field', `Falta el campo «${field}».`);
  }
  if (issue.code === 'invalid_type') {
    const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
    return errorOf('invalid_field', `El campo «${field}» debe ser ${expected}.`);
  }
  return errorOf('invalid_field', `El campo «${field}» no es válido.`);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

export function parseClientMessage(raw: string): Parsed<ClientMessage> {
  return parseWith(clientMessage, raw);
}

export function parseServerMessage(raw: string): Parsed<ServerMessage> {
  return parseWith(serverMessage, raw);
}
