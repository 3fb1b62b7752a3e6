/**
 * The room's event catalogue: the named events of the Socket.IO-style playground, each
 * with its zod schema and the same rules in words, so a reader can see the protocol the
 * room enforces. The room validates every `emit` here; the browser shows the words and
 * parses what the room sends with the same schemas.
 *
 * Two kinds of events: relayed ones (`chat:mensaje`, `cursor:mover`), which the room checks
 * and hands to everyone, and the class poll of the lesson's worked example
 * (`encuesta:*`), where the room is the authority that counts the votes.
 */
import * as z from 'zod/mini';
import { TYPE_NAMES } from '../../src/i18n/errors';
import specWords from '../../src/i18n/events.json';
import { type ErrorMessage, errorOf, valueAt } from './errors';
import { MAX_TEXT } from './vocabulary';

export const POLL_LIMITS = {
  question: 140,
  option: 60,
  minOptions: 2,
  maxOptions: 6,
  id: 20,
} as const;

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const fraction = z.number().check(z.gte(0), z.lte(1));
const pollId = text(POLL_LIMITS.id);
const counter = z.number().check(z.int(), z.gte(0));

export const eventSchemas = {
  'chat:mensaje': z.strictObject({ texto: text(MAX_TEXT) }),
  'cursor:mover': z.strictObject({ x: fraction, y: fraction }),
  'encuesta:crear': z.strictObject({
    pregunta: text(POLL_LIMITS.question),
    opciones: z
      .array(text(POLL_LIMITS.option))
      .check(z.minLength(POLL_LIMITS.minOptions), z.maxLength(POLL_LIMITS.maxOptions)),
  }),
  'encuesta:voto': z.strictObject({
    id: pollId,
    opcion: z.number().check(z.int(), z.gte(0), z.lte(POLL_LIMITS.maxOptions - 1)),
  }),
  'encuesta:nueva': z.strictObject({
    id: pollId,
    pregunta: text(POLL_LIMITS.question),
    opciones: z.array(text(POLL_LIMITS.option)),
  }),
  'encuesta:resultado': z.strictObject({ id: pollId, votos: z.array(counter), total: counter }),
  'encuesta:error': z.strictObject({ mensaje: z.string() }),
};

export type EventName = keyof typeof eventSchemas;
export type EventPayload<K extends EventName> = z.infer<(typeof eventSchemas)[K]>;

/** What a reader may emit; the rest only the room sends. */
export const CLIENT_EVENTS = ['chat:mensaje', 'cursor:mover', 'encuesta:crear', 'encuesta:voto'] as const;
export type ClientEventName = (typeof CLIENT_EVENTS)[number];

/** One field of a payload, in words: its name, its type and the rule the room enforces. */
export interface FieldSpec {
  name: string;
  type: string;
  rule: string;
}

export interface EventSpec {
  name: EventName;
  /** Who emits it. */
  from: 'cliente' | 'servidor';
  /** Who receives it, in words. */
  to: string;
  /** What it is for. */
  summary: string;
  fields: FieldSpec[];
  /** A valid payload, to start from. */
  example: unknown;
}

/** The limits the catalogue's rules name, by the placeholder they fill in `events.json`. */
const RULE_LIMITS: Record<string, number> = {
  text: MAX_TEXT,
  ...POLL_LIMITS,
  lastOption: POLL_LIMITS.maxOptions - 1,
};

function limitNamed(name: string, event: string): string {
  const limit = RULE_LIMITS[name];
  if (limit === undefined)
    throw new Error(`src/i18n/events.json: «${event}» names an unknown limit {${name}}`);
  return String(limit);
}

/**
 * The catalogue in words, one entry per schema above: Spanish text, so it lives with the
 * project's other words (`src/i18n/events.json`), each rule's numbers filled in from the limits
 * the schemas enforce, so the words cannot drift from the rules.
 */
export const EVENT_SPECS: readonly EventSpec[] = (specWords as EventSpec[]).map((spec) => ({
  ...spec,
  fields: spec.fields.map((field) => ({
    ...field,
    rule: field.rule.replace(/\{(\w+)\}/g, (_, name: string) => limitNamed(name, spec.name)),
  })),
}));

export function specOf(name: string): EventSpec | undefined {
  return EVENT_SPECS.find((spec) => spec.name === name);
}

export function isClientEvent(name: string): name is ClientEventName {
  return (CLIENT_EVENTS as readonly string[]).includes(name);
}

/** An emit the room accepted: the event and its payload, trimmed and typed. */
export type Emitted = { [K in ClientEventName]: { event: K; payload: EventPayload<K> } }[ClientEventName];

export type CheckedEmit = { ok: true; value: Emitted } | { ok: false; error: ErrorMessage };

/** Checks one emit against the catalogue; a refusal names the event, the field and the rule. */
export function checkEmit(event: string, payload: unknown): CheckedEmit {
  const spec = specOf(event);
  if (!spec) {
    return {
      ok: false,
      error: errorOf('unknown_event', { event: clip(event), allowed: CLIENT_EVENTS }),
    };
  }
  if (!isClientEvent(spec.name)) {
    return {
      ok: false,
      error: errorOf('server_event', { event: spec.name }),
    };
  }
  const result = eventSchemas[spec.name].safeParse(payload);
  if (result.success) return { ok: true, value: { event: spec.name, payload: result.data } as Emitted };
  return { ok: false, error: describePayloadIssue(spec, result.error.issues[0], payload) };
}

/** Parses an event the room sent, for islands that act on it (the poll). */
export function parseEventPayload<K extends EventName>(name: K, payload: unknown): EventPayload<K> | null {
  const result = eventSchemas[name].safeParse(payload);
  return result.success ? (result.data as EventPayload<K>) : null;
}

function describePayloadIssue(
  spec: EventSpec,
  issue: z.core.$ZodIssue | undefined,
  payload: unknown,
): ErrorMessage {
  const names = spec.fields.map((f) => `«${f.name}»`).join(', ');
  const invalid = (message: string, field?: string): ErrorMessage => ({
    ...errorOf('invalid_payload', { sentence: message }),
    ...(field ? { field } : {}),
  });
  if (!issue || issue.path.length === 0) {
    if (issue?.code === 'unrecognized_keys') {
      const extra = issue.keys.map((k) => `«${clip(k)}»`).join(', ');
      return invalid(
        `«${spec.name}» no admite ${issue.keys.length === 1 ? 'el campo' : 'los campos'} ${extra}. Campos permitidos: ${names}.`,
        issue.keys[0],
      );
    }
    return invalid(`El payload de «${spec.name}» debe ser un objeto JSON con los campos ${names}.`);
  }
  const field = issue.path.map(String).join('.');
  const top = spec.fields.find((f) => f.name === issue.path[0]);
  const rule = top ? ` Regla: ${top.type}, ${top.rule}.` : '';
  if (issue.code === 'invalid_type' && valueAt(payload, issue.path) === undefined) {
    return invalid(`Falta el campo «${field}» en «${spec.name}».${rule}`, field);
  }
  return invalid(`El campo «${field}» de «${spec.name}» ${problem(issue)}.${rule}`, field);
}

function problem(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `debe ser ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') return 'está vacío';
      if (issue.origin === 'array') return `tiene menos de ${String(issue.minimum)} elementos`;
      return `es menor que ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `supera los ${String(issue.maximum)} caracteres`;
      if (issue.origin === 'array') return `tiene más de ${String(issue.maximum)} elementos`;
      return `es mayor que ${String(issue.maximum)}`;
    default:
      return 'no es válido';
  }
}

/** Names the reader typed are echoed back shortened: an error is no place for a long text. */
function clip(value: string, max = 40): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
