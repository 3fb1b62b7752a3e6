/**
 * Everything the room sends, as zod schemas: the islands parse every frame with
 * `parseServerMessage`, and the room builds every frame with `encodeServer`.
 */
import * as z from 'zod/mini';
import { classServerMessages, sitePath } from './classMessages';
import { codec, errorMessage } from './errors';
import { LEVELS, MAX_TEXT, REACTIONS } from './vocabulary';

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
export type Role = z.infer<typeof role>;
export type ServerMessage = z.infer<typeof serverMessage>;
/** One kind of frame by its `type`: `ServerMessageOf<'welcome'>`, so no type is named twice. */
export type ServerMessageOf<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;
export type PollResponse = z.infer<typeof pollResponse>;

export const { encode: encodeServer, parse: parseServerMessage } = codec<ServerMessage>(serverMessage);
