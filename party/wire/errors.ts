/**
 * Errors on the wire: the `error` message both WebSocket replies and HTTP bodies carry
 * (`{ type: 'error', code, message, … }`), built from the one Spanish catalogue keyed by
 * code (`src/i18n/errors.ts`), and validation that turns the first zod issue into one
 * sentence that names the field.
 */
import * as z from 'zod/mini';
import { type ErrorCode, type ErrorParams, errorText } from '../../src/i18n/errors';

export type { ErrorCode };

/**
 * Error codes pages act on (besides the validation ones: `invalid_json`, `too_long`, …).
 * `retryAfter` accompanies `key_throttled`, `rate_limited` and the connection refusals.
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
} as const satisfies Record<string, ErrorCode>;

const count = z.number().check(z.int(), z.nonnegative());

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

export type ErrorMessage = z.infer<typeof errorMessage>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ErrorMessage };

/** Codes whose text needs no parameters may leave them out. */
type ErrorArgs<C extends ErrorCode> =
  undefined extends ErrorParams<C>
    ? [params?: ErrorParams<C>, ref?: string]
    : [params: ErrorParams<C>, ref?: string];

/** The `error` message for a code, its text from the catalogue. */
export function errorOf<C extends ErrorCode>(code: C, ...[params, ref]: ErrorArgs<C>): ErrorMessage {
  const message = errorText(code, params as ErrorParams<C>);
  return ref === undefined ? { type: 'error', code, message } : { type: 'error', code, message, ref };
}

function parseJson(raw: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false, error: errorOf('invalid_json', { over: 'socket' }) };
  }
}

/** Validates an already-parsed value, turning the first problem into a Spanish error. */
export function validate<T>(schema: z.ZodMiniType<T>, value: unknown): Parsed<T> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: describeIssue(result.error.issues[0], value) };
}

export function parseWith<T>(schema: z.ZodMiniType<T>, raw: string): Parsed<T> {
  const json = parseJson(raw);
  return json.ok ? validate(schema, json.value) : json;
}

/**
 * One direction of the wire: `encode` for the side that sends (call sites never build JSON by
 * hand) and `parse` for the side that receives (every frame validated before use).
 */
export function codec<T>(schema: z.ZodMiniType<T>): {
  encode: (message: T) => string;
  parse: (raw: string) => Parsed<T>;
} {
  return { encode: (message) => JSON.stringify(message), parse: (raw) => parseWith(schema, raw) };
}

/** Turns the first zod issue into one error that names the field. */
function describeIssue(issue: z.core.$ZodIssue | undefined, input: unknown): ErrorMessage {
  if (!issue) return errorOf('invalid_message');
  const field = issue.path.join('.');
  if (issue.code === 'invalid_union' && (field === 'type' || field === '')) return errorOf('unknown_type');
  if (issue.code === 'too_big') {
    const unit = issue.origin === 'string' ? ' caracteres' : '';
    return errorOf('too_long', { field, maximum: Number(issue.maximum), unit });
  }
  if (issue.code === 'too_small') return errorOf('too_short', { field });
  if (issue.code === 'invalid_value') return errorOf('invalid_field', { field, options: issue.values });
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    return errorOf('missing_field', { field });
  }
  if (issue.code === 'invalid_type') return errorOf('invalid_field', { field, expected: issue.expected });
  return errorOf('invalid_field', { field });
}

/** The value at a zod issue's path, to tell a missing field from a wrong one. */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
