/**
 * What the worker answers before a request reaches a room: a misconfigured room, a bad
 * room name, a refused origin, an address cooling down after abuse. Answered in the
 * worker's static hooks, so none of it costs a room any work.
 */
import type * as Party from 'partykit/server';
import { type ConfigResult, configErrorMessage, originAllowed, readConfig } from './core/config';
import { clientAddress, TurnedAway } from './core/rate';
import type { MemberState } from './core/state';
import { json } from './http';
import { errorOf } from './wire/errors';
import { isValidRoomName } from './wire/vocabulary';

/** The configuration problem is logged once per isolate, and answered on every request. */
let reported = false;
export function checkedConfig(env: Record<string, unknown>): ConfigResult {
  const result = readConfig(env);
  if (!result.ok && !reported) {
    reported = true;
    console.error(configErrorMessage(result.problems));
  }
  return result;
}

/** Shared by the worker's static hooks and the rooms in this isolate. */
export const turnedAway = new TurnedAway();

/** What the worker answers before a request reaches a room, or null to let it through. */
export function gatekeep(request: Party.Request, lobby: Party.Lobby, websocket: boolean): Response | null {
  const config = checkedConfig(lobby.env);
  // Readable from any page, so a misconfigured deploy explains itself in the browser too.
  const cors = { 'access-control-allow-origin': '*' };
  if (!config.ok) {
    return json(errorOf('config_invalid', { problems: config.problems }), { status: 500, headers: cors });
  }
  if (!isValidRoomName(lobby.id)) {
    return json(errorOf('invalid_room'), { status: 400, headers: cors });
  }
  if (!originAllowed(request.headers.get('origin'), config.config.allowedOrigins, websocket)) {
    return json(errorOf('origin_refused'), { status: 403 });
  }
  const wait = websocket ? turnedAway.waitS(lobby.id, clientAddress(request.headers), Date.now()) : 0;
  if (wait > 0) {
    return json(
      { ...errorOf('cooling_down'), retryAfter: wait },
      { status: 429, headers: { ...cors, 'retry-after': String(wait) } },
    );
  }
  return null;
}

export type RefusalArgs = [address: string, code: number, reason: string];

/**
 * Marks a socket refused in `onConnect`. A close sent from the upgrade's own request never
 * completes its handshake in the runtime (the client hangs in CLOSING until its own
 * timeout), so the socket is only marked: its first frame, which every client sends at
 * once (greeting, ping, or the flood itself), gets the close, and the next sweep closes it
 * if it stays silent.
 */
export function markRefused(
  connection: Party.Connection<MemberState>,
  ...[address, code, reason]: RefusalArgs
): MemberState {
  const member: MemberState = { role: 'reader', seen: 0, address, refused: { code, reason } };
  connection.setState(member);
  return member;
}
