/**
 * Every error the room answers, in Spanish, keyed by its code: the one place a reader's
 * error text is written. WebSocket `error` frames and HTTP error bodies carry the code
 * (which pages and tests act on) and this text (which people read); close frames carry
 * a reason from `CLOSE_REASONS`. Plain data and functions, so the room and the islands
 * share it without a dependency.
 */

/** The budgets a client can run out of, and whose budget it was. */
export type Budget = 'pushes' | 'reactions' | 'events' | 'answers';
export type BudgetScope = 'member' | 'address' | 'room';

/** Where a request came in: a frame on the socket or an HTTP request. */
type Over = { over: 'socket' | 'http' };

const BUDGET_NOUN: Record<Budget, string> = {
  pushes: 'notificaciones',
  reactions: 'reacciones',
  events: 'eventos',
  answers: 'respuestas',
};

const OWN_PACE: Record<Budget, string> = {
  pushes: 'Has enviado muchas notificaciones: espera unos segundos.',
  reactions: 'Vas muy rápido: espera un momento para reaccionar.',
  events: 'Emites eventos demasiado rápido: espera un momento.',
  answers: 'Cambias de respuesta muy rápido: espera un momento.',
};

/** The typed names of a payload field, as a refusal says them. */
export const TYPE_NAMES: Record<string, string> = {
  number: 'un número',
  int: 'un número entero',
  string: 'un texto',
  boolean: 'verdadero o falso',
  object: 'un objeto',
  array: 'una lista',
};

const quoted = (values: readonly unknown[]) => values.map((v) => `«${String(v)}»`).join(', ');

export const ERRORS = {
  // Budgets and abuse
  flood: () => 'Demasiados mensajes por segundo: la sala cierra esta conexión.',
  rate_limited: ({ what, scope, openRoom }: { what: Budget; scope: BudgetScope; openRoom?: boolean }) => {
    if (scope === 'member') return OWN_PACE[what];
    const many = what === 'events' ? 'demasiados' : 'demasiadas';
    if (scope === 'address')
      return `Desde tu conexión llegan ${many} ${BUDGET_NOUN[what]}: espera un momento.`;
    const room = openRoom && what === 'pushes' ? 'La sala de demostración' : 'La sala';
    return `${room} recibe ${many} ${BUDGET_NOUN[what]} ahora mismo: prueba en unos segundos.`;
  },
  too_many_connections: () => 'Demasiadas conexiones desde tu red: espera unos segundos.',
  cooling_down: () => 'La sala cortó tu conexión por abuso: espera antes de volver a conectar.',
  payload_too_large: ({ bytes }: { bytes: number }) =>
    `Cuerpo demasiado grande: el máximo es ${String(bytes)} bytes.`,

  // The teacher key
  no_teacher_key: () => 'Esta sala no tiene una clave de docente configurada.',
  wrong_key: () => 'Clave de docente incorrecta.',
  key_throttled: ({ seconds }: { seconds: number }) =>
    `Demasiadas claves incorrectas desde tu conexión: espera ${String(seconds)} s antes de volver a probar.`,
  forbidden: ({ over }: Over) =>
    over === 'http'
      ? 'Falta la clave de docente: envíala como «Authorization: Bearer <clave>».'
      : 'Solo el docente puede enviar notificaciones en esta sala.',

  // What a push may say
  preset_required: () =>
    'En la sala abierta solo se envían notificaciones preparadas: elige una de la lista.',
  unknown_preset: () => 'Esa notificación preparada no existe.',
  missing_content: () => 'Falta el campo «text» o «preset».',
  storage_failed: ({ over }: { over: 'socket' | 'http' | 'answer' }) => {
    if (over === 'answer') return 'La sala no pudo guardar tu respuesta: vuelve a intentarlo.';
    return over === 'http'
      ? 'La sala no pudo guardar la notificación y no la envió: vuelve a intentarlo.'
      : 'La sala no pudo guardar tu mensaje y no lo envió: vuelve a intentarlo.';
  },

  // The room itself
  version_mismatch: () => 'Hay una versión nueva del curso: recarga la página.',
  invalid_room: () =>
    'Nombre de sala no válido: usa minúsculas, números y guiones (por ejemplo «clase-1»), hasta 48 caracteres.',
  origin_refused: () => 'Esta sala solo acepta conexiones desde las páginas del curso.',
  config_invalid: ({ problems }: { problems: readonly string[] }) =>
    `La sala no arranca: su configuración no es válida. ${problems.join(' ')}`,
  method_not_allowed: () => 'Método no permitido: usa GET o POST.',

  // A message that does not parse
  invalid_json: ({ over }: Over) =>
    over === 'http'
      ? 'El cuerpo no es JSON válido: envía {"text": "…"} o {"preset": "clock"}.'
      : 'El mensaje no es JSON válido.',
  invalid_message: () => 'Mensaje no válido.',
  unknown_type: () => 'Tipo de mensaje desconocido o ausente.',
  missing_field: ({ field }: { field: string }) => `Falta el campo «${field}».`,
  too_long: ({ field, maximum, unit }: { field: string; maximum: number; unit: string }) =>
    `El campo «${field}» supera el máximo de ${String(maximum)}${unit}.`,
  too_short: ({ field }: { field: string }) => `El campo «${field}» está vacío o es demasiado corto.`,
  invalid_field: ({
    field,
    options,
    expected,
  }: {
    field: string;
    options?: readonly unknown[];
    expected?: string;
  }) => {
    if (options) return `El campo «${field}» debe ser uno de: ${quoted(options)}.`;
    if (expected) return `El campo «${field}» debe ser ${TYPE_NAMES[expected] ?? expected}.`;
    return `El campo «${field}» no es válido.`;
  },

  // The live class
  no_question: ({ id, open }: { id?: string; open?: string } = {}) =>
    id && open
      ? `La pregunta «${id}» ya no está abierta: la abierta es «${open}».`
      : 'No hay ninguna pregunta abierta.',
  question_open: () => 'Ya hay una pregunta abierta: ciérrala antes de hacer otra.',
  teacher_only: () => 'Solo el docente puede hacer preguntas a la clase.',
  invalid_choice: ({ kind, last }: { kind: 'single' | 'multiple'; last: number }) =>
    `Elige ${kind === 'single' ? 'una opción' : 'una o más opciones'} de 0 a ${String(last)}.`,
  invalid_order: ({ count }: { count: number }) =>
    `Ordena las ${String(count)} opciones: envíalas todas, cada una una sola vez (números de 0 a ${String(count - 1)}).`,
  invalid_correct: () => 'La respuesta correcta nombra una opción que la pregunta no tiene.',
  no_reader: () => 'Tu página no se identificó como lector: recárgala para poder responder.',
  ballot_full: () => 'Esta pregunta ya no admite más respuestas.',

  // The event playground
  unknown_event: ({ event, allowed }: { event: string; allowed: readonly string[] }) =>
    `El evento «${event}» no existe en el protocolo de esta sala. Puedes emitir: ${allowed.join(', ')}.`,
  server_event: ({ event }: { event: string }) =>
    `«${event}» lo emite solo la sala; un cliente no puede enviarlo.`,
  /** The sentence is built by the event catalogue, which knows each field's rule. */
  invalid_payload: ({ sentence }: { sentence: string }) => sentence,
} as const;

export type ErrorCode = keyof typeof ERRORS;
export type ErrorParams<C extends ErrorCode> = Parameters<(typeof ERRORS)[C]>[0];

/** The Spanish text for one error code. */
export function errorText<C extends ErrorCode>(code: C, params: ErrorParams<C>): string {
  return (ERRORS[code] as (p: ErrorParams<C>) => string)(params);
}

/** Close frames' reasons (at most 123 bytes in UTF-8, RFC 6455 §5.5). */
export const CLOSE_REASONS = {
  binary: 'Solo se aceptan mensajes de texto (JSON).',
  tooBig: 'Mensaje demasiado grande: el máximo es 64 KB.',
  flood: 'Demasiados mensajes por segundo.',
  badKeys: 'Demasiadas claves incorrectas.',
  tryLater: 'Demasiadas conexiones: espera unos segundos.',
  version: 'Versión del protocolo no compatible.',
  config: 'La sala no arranca: revisa su configuración (ver el registro).',
  silent: 'Sin actividad: la sala cerró la conexión.',
} as const;
