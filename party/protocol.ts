/**
 * The room's wire protocol: every message, both directions, as zod schemas.
 * This is the only module that both the PartyKit server and the browser islands import,
 * so it uses `zod/mini`, whose tree-shakable API keeps each island small.
 */
import * as z from 'zod/mini';

/** Bumped when a message changes shape; the welcome carries it so clients can tell. */
export const PROTOCOL_VERSION = 1;

const count = z.number().check(z.int(), z.nonnegative());

// Server -> client

export const welcomeMessage = z.object({
  type: z.literal('welcome'),
  version: z.literal(PROTOCOL_VERSION),
  room: z.string(),
  count,
});

export const presenceMessage = z.object({
  type: z.literal('presence'),
  count,
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
});

export const serverMessage = z.discriminatedUnion('type', [
  welcomeMessage,
  presenceMessage,
  pongMessage,
  errorMessage,
]);

// Client -> server

export const pingMessage = z.object({
  type: z.literal('ping'),
  t: z.number(),
});

export const clientMessage = z.discriminatedUnion('type', [pingMessage]);

export type WelcomeMessage = z.infer<typeof welcomeMessage>;
export type PresenceMessage = z.infer<typeof presenceMessage>;
export type ErrorMessage = z.infer<typeof errorMessage>;
export type ServerMessage = z.infer<typeof serverMessage>;
export type ClientMessage = z.infer<typeof clientMessage>;

/** Every send goes through these, so call sites never build JSON by hand. */
export function encodeServer(message: ServerMessage): string {
  return JSON.stringify(message);
}

export function encodeClient(message: ClientMessage): string {
  return JSON.stringify(message);
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ErrorMessage };

function parseWith<T>(schema: z.ZodMiniType<T>, raw: string): Parsed<T> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return fail('invalid_json', 'El mensaje no es JSON válido.');
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: describeIssue(result.error.issues[0], json) };
}

function fail(code: string, message: string): { ok: false; error: ErrorMessage } {
  return { ok: false, error: { type: 'error', code, message } };
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
  if (!issue) return fail('invalid_message', 'Mensaje no válido.').error;
  const field = issue.path.join('.');
  if (issue.code === 'invalid_union' && field === 'type') {
    return fail('unknown_type', 'Tipo de mensaje desconocido.').error;
  }
  if (issue.code === 'invalid_union' && field === '') {
    return fail('unknown_type', 'Tipo de mensaje desconocido o ausente.').error;
  }
  if (issue.code === 'too_big') {
    return fail('too_long', `El campo «${field}» supera el máximo de ${String(issue.maximum)}.`).error;
  }
  if (issue.code === 'too_small') {
    return fail('too_short', `El campo «${field}» está por debajo del mínimo de ${String(issue.minimum)}.`)
      .error;
  }
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    return fail('missing_field', `Falta el campo «${field}».`).error;
  }
  if (issue.code === 'invalid_type') {
    const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
    return fail('invalid_field', `El campo «${field}» debe ser ${expected}.`).error;
  }
  return fail('invalid_field', `El campo «${field}» no es válido.`).error;
}

export function parseClientMessage(raw: string): Parsed<ClientMessage> {
  return parseWith(clientMessage, raw);
}

export function parseServerMessage(raw: string): Parsed<ServerMessage> {
  return parseWith(serverMessage, raw);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
