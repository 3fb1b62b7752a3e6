/**
 * What the connection inspector asks of the room: an echo that proves a queued send
 * arrived, and a hang-up with a chosen close code, so a reader can watch partysocket
 * recover. No PartyKit import.
 */
import type { ClientMessageOf } from '../wire/clientMessages';
import type { HangupCode } from '../wire/vocabulary';
import type { Decision, RoomContext } from './state';

export function echo(room: RoomContext, message: ClientMessageOf<'echo'>): Decision {
  return {
    reply: { type: 'echo', text: message.text, at: room.now(), ...(message.ref ? { ref: message.ref } : {}) },
  };
}

export function hangup(message: ClientMessageOf<'hangup'>): Decision {
  return { close: { code: message.code, reason: hangupReason(message.code) } };
}

const HANGUP_MEANING: Record<HangupCode, string> = {
  1000: 'cierre normal',
  1001: 'la sala se va',
  1008: 'política',
  1011: 'error interno',
};

function hangupReason(code: HangupCode): string {
  return `La sala cerró la conexión a petición de la página (${String(code)}, ${HANGUP_MEANING[code]}).`;
}
