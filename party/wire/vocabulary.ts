/**
 * The room's fixed vocabulary: room names, levels, reactions, the open room's presets and
 * the sizes every message respects. Both sides import it, so a form and the room's check
 * can never disagree.
 */

/** Longest notification text, in characters. */
export const MAX_TEXT = 280;

/**
 * The room where anyone may push, so a lone reader can try it. The welcome says so too;
 * the push island reads this to draw its form from the first paint.
 */
export const OPEN_ROOM = 'demo';

/** The reactions a reader can send: a small fixed set, so nothing free-form is broadcast. */
export const REACTIONS = ['👍', '❤️', '😮', '🎉', '¡recibido!'] as const;

export const LEVELS = ['info', 'warning', 'urgent'] as const;

/**
 * What a reader may send in the open room: prepared notifications whose text the room
 * writes itself, so nobody can broadcast free text (a link, an insult) to every reader.
 * Each one shows a side of a push: its level, the room's clock, the room's own counter.
 */
export const OPEN_PRESETS = [
  { id: 'clock', label: 'La hora de la sala', level: 'info' },
  { id: 'counter', label: 'Contador de la sala', level: 'info' },
  { id: 'warning', label: 'Aviso de prueba', level: 'warning' },
  { id: 'urgent', label: 'Urgente de prueba', level: 'urgent' },
] as const;

export const PRESET_IDS = ['clock', 'counter', 'warning', 'urgent'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

/**
 * A push's idempotency key: random per push, chosen by the page, resent unchanged on a
 * retry so the room can answer a duplicate with the first ack instead of a second push.
 */
export const PUSH_REF = /^[A-Za-z0-9_-]{1,64}$/;

/** Largest HTTP POST body the room reads, in bytes. */
export const MAX_BODY_BYTES = 4 * 1024;

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

export type Level = (typeof LEVELS)[number];
export type Reaction = (typeof REACTIONS)[number];
export type OpenPreset = (typeof OPEN_PRESETS)[number];
export type HangupCode = (typeof HANGUP_CODES)[number];

export function isValidRoomName(name: string): boolean {
  return ROOM_NAME.test(name);
}
