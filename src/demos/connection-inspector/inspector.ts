/**
 * The connection inspector's log, framework-free: each raw socket event becomes one line
 * in Spanish, and the backoff window explains how long partysocket waits before retrying.
 */

import { BACKOFF } from '../../lib/backoff';
import { formatSeconds } from '../../lib/format';
import { frameBytes, utf8Bytes } from '../../lib/frames';
import type { SocketEvent } from '../../lib/room-client';
import { closeMeaning } from './closeCodes';

export const LOG_SIZE = 40;

export interface LogEntry {
  id: number;
  /** Page time, ms since the epoch. */
  at: number;
  kind: SocketEvent['type'] | 'note';
  /** One line, shown as text. */
  text: string;
  /** The close code's explanation, for close lines. */
  detail?: string;
}

/** The `type` of a JSON frame, or a placeholder: only used to label a line. */
export function frameType(data: string): string {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string') {
      const type = value.type.slice(0, 30);
      // The emit's event name is what a reader recognises.
      if ((type === 'event' || type === 'emit') && 'event' in value && typeof value.event === 'string') {
        return `${type} ${value.event.slice(0, 40)}`;
      }
      return type;
    }
  } catch {
    // Not JSON: labelled as plain text below.
  }
  return 'texto';
}

/** One raw socket event as a log line. */
export function describeEvent(event: SocketEvent): Pick<LogEntry, 'kind' | 'text' | 'detail'> {
  switch (event.type) {
    case 'open':
      return { kind: 'open', text: 'open · conexión abierta (handshake completado)' };
    case 'error':
      return { kind: 'error', text: 'error · el navegador informa de un fallo en el socket' };
    case 'send':
      return {
        kind: 'send',
        text: `→ ${frameType(event.data)} · ${String(frameBytes(utf8Bytes(event.data), true))} B`,
      };
    case 'receive':
      return {
        kind: 'receive',
        text: `← ${frameType(event.data)} · ${String(frameBytes(utf8Bytes(event.data), false))} B`,
      };
    case 'close': {
      const meaning = closeMeaning(event.code);
      const reason = event.reason ? ` · «${event.reason.slice(0, 123)}»` : '';
      return {
        kind: 'close',
        text: `close · código ${meaning.label} (${meaning.name})${event.wasClean ? '' : ', no limpio'}${reason}`,
        detail: meaning.meaning,
      };
    }
  }
}

export function appendLog(log: readonly LogEntry[], entry: LogEntry): LogEntry[] {
  return [entry, ...log].slice(0, LOG_SIZE);
}

/** The window the delay before attempt `attempt` is drawn from, in ms. */
export function backoffWindow(attempt: number): { min: number; max: number } {
  const scale = BACKOFF.growth ** Math.max(0, attempt - 1);
  return {
    min: Math.min(BACKOFF.max, BACKOFF.firstMin * scale),
    max: Math.min(BACKOFF.max, BACKOFF.firstMax * scale),
  };
}

/** Seconds, with one decimal and a Spanish comma. */
export function seconds(ms: number): string {
  return formatSeconds(Math.max(0, ms));
}
