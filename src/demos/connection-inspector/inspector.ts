/**
 * The connection inspector's log, framework-free: each raw socket event becomes one line
 * in Spanish, and the backoff window explains how long partysocket waits before retrying.
 */

import { BACKOFF } from '../../lib/backoff';
import { formatSeconds } from '../../lib/format';
import { frameLabel } from '../../lib/frameLabel';
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
        text: `→ ${frameLabel(event.data)} · ${String(frameBytes(utf8Bytes(event.data), true))} B`,
      };
    case 'receive':
      return {
        kind: 'receive',
        text: `← ${frameLabel(event.data)} · ${String(frameBytes(utf8Bytes(event.data), false))} B`,
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
