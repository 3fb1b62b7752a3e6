/**
 * Everything a page may send to the room, as zod schemas: the room parses every frame with
 * `parseClientMessage` before any rule runs; pages build frames with `encodeClient`.
 */
import * as z from 'zod/mini';
import { classClientMessages, sitePath } from './classMessages';
import { codec } from './errors';
import {
  HANGUP_CODES,
  LEVELS,
  MAX_EVENT_NAME,
  MAX_TEXT,
  PRESET_IDS,
  PUSH_REF,
  REACTIONS,
} from './vocabulary';

const level = z.enum(LEVELS);

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

export type ClientMessage = z.infer<typeof clientMessage>;
/** One kind of frame by its `type`: `ClientMessageOf<'push'>`, so no type is named twice. */
export type ClientMessageOf<T extends ClientMessage['type']> = Extract<ClientMessage, { type: T }>;
export type PushRequest = z.infer<typeof pushRequest>;

export const { encode: encodeClient, parse: parseClientMessage } = codec<ClientMessage>(clientMessage);
