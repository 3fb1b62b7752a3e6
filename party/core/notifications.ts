/**
 * Notifications: what a push may say, the text of the open room's prepared ones, the
 * memory of accepted refs that makes a retried push idempotent, and the history a
 * reconnecting page catches up from. No PartyKit import.
 */
import { type ErrorMessage, errorOf } from '../wire/errors';
import type { Notification } from '../wire/serverMessages';
import { type Level, MAX_TEXT, OPEN_PRESETS, type PresetId } from '../wire/vocabulary';
import { LIMITS } from './limits';
import { LOCAL_ADDRESS, take } from './rate';
import type { Decision, MemberState, RoomContext, RoomState } from './state';

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
  | { ok: false; code: 'unknown_preset' | 'missing_content' | 'preset_required' };

/**
 * What a push will say. In the open room only the teacher may write free text; anyone
 * else picks a prepared notification and the room writes it. `counter` is the room's
 * count of `counter` presets so far.
 */
export function contentOf(
  input: PushInput,
  openRoom: boolean,
  asTeacher: boolean,
  context: { now: number; counter: number },
): Content {
  if (input.preset !== undefined) {
    const preset = OPEN_PRESETS.find((p) => p.id === input.preset);
    if (!preset) return { ok: false, code: 'unknown_preset' };
    return { ok: true, text: presetText(input.preset, context), level: preset.level };
  }
  if (input.text === undefined) {
    return { ok: false, code: 'missing_content' };
  }
  if (openRoom && !asTeacher) {
    return { ok: false, code: 'preset_required' };
  }
  const content: Content = { ok: true, text: input.text.slice(0, MAX_TEXT), level: input.level ?? 'info' };
  return input.go === undefined ? content : { ...content, go: input.go };
}

function presetText(id: PresetId, { now, counter }: { now: number; counter: number }): string {
  switch (id) {
    case 'clock':
      return `Son las ${new Date(now).toISOString().slice(11, 19)} (UTC) en el reloj de la sala.`;
    case 'counter':
      return `Notificación número ${String(counter + 1)} del contador de esta sala.`;
    case 'warning':
      return 'Aviso de prueba: así llega una notificación de nivel aviso.';
    case 'urgent':
      return 'Urgente de prueba: así llega una notificación de nivel urgente.';
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

/**
 * The notifications a client is missing. Without `since`, everything kept; with it,
 * exactly those after it. `gap` says some were older than the room keeps.
 */
export function catchUp(state: RoomState, since?: number): { history: Notification[]; gap: boolean } {
  const history = state.history;
  if (since === undefined || since > state.seq) return { history: [...history], gap: false };
  const missed = history.filter((n) => n.seq > since);
  const oldest = history[0]?.seq ?? state.seq + 1;
  return { history: missed, gap: since < state.seq && since < oldest - 1 };
}

/** A push over the socket: role, idempotent ref, the sender's own budget, then `accept`. */
export function push(
  room: RoomContext,
  message: PushInput & { ref?: string | undefined },
  member: MemberState,
): Decision {
  const ref = message.ref;
  const asTeacher = member.role === 'teacher';
  if (!asTeacher && !room.openPush) {
    return { reply: errorOf('forbidden', { over: 'socket' }, ref) };
  }
  const known = seqOfRef(room.state.refs, ref);
  if (known !== undefined && ref !== undefined) return { reply: { type: 'ack', ref, seq: known } };
  let next = member;
  if (!asTeacher) {
    const budget = take(member.pushes, LIMITS.memberPushes, room.now());
    next = { ...member, pushes: budget.bucket };
    if (!budget.ok) {
      return {
        member: next,
        reply: errorOf('rate_limited', { what: 'pushes', scope: 'member' }, ref),
      };
    }
  }
  const accepted = accept(room, message, asTeacher, member.address ?? LOCAL_ADDRESS, ref);
  if ('code' in accepted) return { member: next, reply: { ...accepted, ...(ref ? { ref } : {}) } };
  return {
    member: next,
    persist: true,
    reply: ref ? { type: 'ack', ref, seq: accepted.seq } : { type: 'ack', seq: accepted.seq },
    broadcast: { type: 'notification', ...accepted },
  };
}

/**
 * Appends a notification: next seq, history capped, ref remembered. Open-room pushes
 * spend the sender's address share, then the room's shared budget. Used by WebSocket
 * pushes and HTTP POSTs alike. The seq is only final once the adapter has stored it.
 */
export function accept(
  room: RoomContext,
  input: PushInput,
  asTeacher: boolean,
  address: string,
  ref?: string,
): Notification | ErrorMessage {
  const now = room.now();
  const counter = room.state.counter ?? 0;
  const content = contentOf(input, room.openPush, asTeacher, { now, counter });
  if (!content.ok) return errorOf(content.code);
  if (room.openPush && !asTeacher) {
    const share = room.shares.pushes.take(address, now);
    if (!share.ok) {
      const error = errorOf('rate_limited', { what: 'pushes', scope: 'address' });
      return { ...error, retryAfter: share.retryAfterS };
    }
    const budget = take(room.state.pushes, LIMITS.roomPushes, now);
    room.state = { ...room.state, pushes: budget.bucket };
    if (!budget.ok) {
      return errorOf('rate_limited', { what: 'pushes', scope: 'room', openRoom: true });
    }
  }
  const { notification, history } = append(
    room.state.history,
    room.state.seq,
    content,
    now,
    LIMITS.historySize,
  );
  const refs = rememberRef(room.state.refs, ref, notification.seq);
  room.state = {
    ...room.state,
    seq: notification.seq,
    history,
    ...(refs ? { refs } : {}),
    ...(input.preset === 'counter' ? { counter: counter + 1 } : {}),
  };
  return notification;
}
