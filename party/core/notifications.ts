/**
 * Notifications: what a push may say, the text of the open room's prepared ones, and the
 * memory of accepted refs that makes a retried push idempotent. No PartyKit import.
 */
import { type Level, MAX_TEXT, type Notification, OPEN_PRESETS, type PresetId } from '../protocol';

/** Accepted push refs the room remembers (with their seq), stored with the room state. */
export const REF_MEMORY = 200;

export interface PushInput {
  text?: string | undefined;
  preset?: PresetId | undefined;
  level?: Level | undefined;
  /** «Vamos a…»: a course path; only free-text (teacher) pushes carry one. */
  go?: string | undefined;
}

export type Content =
  | { ok: true; text: string; level: Level; go?: string }
  | { ok: false; code: string; message: string };

/**
 * What a push will say. In the open room only the teacher may write free text; anyone
 * else picks a prepared notification and the room writes it. `counter` is the room's
 * count of `contador` presets so far.
 */
export function contentOf(
  input: PushInput,
  openRoom: boolean,
  asTeacher: boolean,
  context: { now: number; counter: number },
): Content {
  if (input.preset !== undefined) {
    const preset = OPEN_PRESETS.find((p) => p.id === input.preset);
    if (!preset)
      return { ok: false, code: 'invalid_field', message: 'Esa notificación preparada no existe.' };
    return { ok: true, text: presetText(input.preset, context), level: preset.level };
  }
  if (input.text === undefined) {
    return { ok: false, code: 'missing_field', message: 'Falta el campo «text» o «preset».' };
  }
  if (openRoom && !asTeacher) {
    return {
      ok: false,
      code: 'preset_required',
      message: 'En la sala abierta solo se envían notificaciones preparadas: elige una de la lista.',
    };
  }
  const content: Content = { ok: true, text: input.text.slice(0, MAX_TEXT), level: input.level ?? 'info' };
  return input.go === undefined ? content : { ...content, go: input.go };
}

function presetText(id: PresetId, { now, counter }: { now: number; counter: number }): string {
  switch (id) {
    case 'hora':
      return `Son las ${new Date(now).toISOString().slice(11, 19)} (UTC) en el reloj de la sala.`;
    case 'contador':
      return `Notificación número ${String(counter + 1)} del contador de esta sala.`;
    case 'aviso':
      return 'Aviso de prueba: así llega una notificación de nivel «aviso».';
    case 'urgente':
      return 'Urgente de prueba: así llega una notificación de nivel «urgente».';
  }
}

/** The seq a ref was accepted with, if the room still remembers it. */
export function seqOfRef(
  refs: readonly [string, number][] | undefined,
  ref: string | undefined,
): number | undefined {
  if (ref === undefined || !refs) return undefined;
  for (const [known, seq] of refs) if (known === ref) return seq;
  return undefined;
}

/** The ref memory after accepting one more, oldest forgotten first. */
export function rememberRef(
  refs: readonly [string, number][] | undefined,
  ref: string | undefined,
  seq: number,
): [string, number][] | undefined {
  if (ref === undefined) return refs ? [...refs] : undefined;
  return [...(refs ?? []), [ref, seq] as [string, number]].slice(-REF_MEMORY);
}

/** The next notification and the history capped to `size`. */
export function append(
  history: readonly Notification[],
  seq: number,
  content: { text: string; level: Level; go?: string },
  at: number,
  size: number,
): { notification: Notification; history: Notification[] } {
  const notification: Notification = { seq: seq + 1, text: content.text, level: content.level, at };
  if (content.go !== undefined) notification.go = content.go;
  return { notification, history: [...history, notification].slice(-size) };
}
