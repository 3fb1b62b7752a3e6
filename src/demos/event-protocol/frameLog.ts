/**
 * The event playground's logic, framework-free: the frame log (→ emit, ← on, with each
 * frame's size), reading the payload the reader typed, and the poll as the room reports it.
 */

import type { ServerMessage } from '../../../party/wire/serverMessages';
import { type EventPayload, parseEventPayload } from '../../lib/events';
import { frameObject } from '../../lib/frameLabel';
import { utf8Bytes } from '../../lib/frames';
import type { SocketEvent } from '../../lib/room-client';

export const LOG_SIZE = 50;
/** Longest payload text a log line shows. */
export const PAYLOAD_TEXT = 300;

export interface FrameEntry {
  id: number;
  /** `emit`: this page sent it (→). `on`: the room sent it (←). */
  direction: 'emit' | 'on';
  /** The event's name, or `error` for an error frame. */
  name: string;
  /** The payload as JSON text (or the error's message), shortened. */
  payload: string;
  /** The whole frame's size in bytes (UTF-8), as sent or received. */
  bytes: number;
  error: boolean;
}

const clip = (text: string) => (text.length > PAYLOAD_TEXT ? `${text.slice(0, PAYLOAD_TEXT)}…` : text);

/** A raw frame as a log line, if it belongs in the event log: emits out, events and errors in. */
export function entryFor(event: SocketEvent, id: number): FrameEntry | null {
  if (event.type !== 'send' && event.type !== 'receive') return null;
  const frame = frameObject(event.data);
  if (!frame) return null;
  const bytes = utf8Bytes(event.data);
  const name = typeof frame['event'] === 'string' ? frame['event'].slice(0, 60) : '';
  if (event.type === 'send' && frame['type'] === 'emit') {
    return {
      id,
      direction: 'emit',
      name,
      payload: clip(JSON.stringify(frame['payload']) ?? ''),
      bytes,
      error: false,
    };
  }
  if (event.type === 'receive' && frame['type'] === 'event') {
    const error = name.endsWith(':error');
    return { id, direction: 'on', name, payload: clip(JSON.stringify(frame['payload']) ?? ''), bytes, error };
  }
  if (event.type === 'receive' && frame['type'] === 'error') {
    const message = typeof frame['message'] === 'string' ? frame['message'] : '';
    return { id, direction: 'on', name: 'error', payload: clip(message), bytes, error: true };
  }
  return null;
}

export function appendEntry(log: readonly FrameEntry[], entry: FrameEntry): FrameEntry[] {
  return [entry, ...log].slice(0, LOG_SIZE);
}

export type ParsedPayload = { ok: true; value: unknown } | { ok: false; message: string };

/** The payload the reader typed. Invalid JSON never leaves the page: there is nothing to send. */
export function parsePayload(text: string): ParsedPayload {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : '';
    return {
      ok: false,
      message: `El payload no es JSON válido${detail ? ` (${detail})` : ''}: revisa comillas y llaves.`,
    };
  }
}

export function prettyPayload(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

export interface PollView {
  id: string;
  pregunta: string;
  opciones: string[];
  votos: number[];
  total: number;
}

/** Follows the poll through the room's `encuesta:nueva` and `encuesta:resultado` events. */
export function followPoll(poll: PollView | null, message: ServerMessage): PollView | null {
  if (message.type !== 'event') return poll;
  if (message.event === 'encuesta:nueva') {
    const nueva = parseEventPayload('encuesta:nueva', message.payload);
    return nueva ? { ...nueva, votos: nueva.opciones.map(() => 0), total: 0 } : poll;
  }
  if (message.event === 'encuesta:resultado') {
    const result: EventPayload<'encuesta:resultado'> | null = parseEventPayload(
      'encuesta:resultado',
      message.payload,
    );
    if (!result || !poll || result.id !== poll.id) return poll;
    return { ...poll, votos: result.votos, total: result.total };
  }
  return poll;
}

/** A vote share as a whole percentage. */
export function share(votes: number, total: number): number {
  return total === 0 ? 0 : Math.round((votes / total) * 100);
}
