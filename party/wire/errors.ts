/**
 * Errors on the wire: the stable codes a page may act on, the `error` message both
 * WebSocket replies and HTTP bodies carry, and validation that turns the first zod issue
 * into one Spanish sentence that names the field.
 */
import * as z from 'zod/mini';

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

export function errorOf(code: string, message: string, ref?: string): ErrorMessage {
  return ref === undefined ? { type: 'error', code, message } : { type: 'error', code, message, ref };
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

export function parseWith<T>(schema: z.ZodMiniType<T>, raw: string): Parsed<T> {
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
