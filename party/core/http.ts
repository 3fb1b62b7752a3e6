/**
 * The room's rules over HTTP: a push (`POST`, with the Bearer key or a preset in the open
 * room), the polling answer (`GET ?since=`) and the public snapshot (`GET`). The adapter in
 * `party/http.ts` routes and reads bodies; the rules are here, beside the socket's.
 * No PartyKit import.
 */

import type { Notification } from '../wire/serverMessages';
import { bearerOf, checkKey } from './access';
import { accept, catchUp, type PushInput, seqOfRef } from './notifications';
import type { Decision, RoomContext } from './state';

/** The answer to an HTTP push, for the adapter to turn into a response. */
export type HttpPush = (
  | { ok: true; notification: Notification; duplicate: false }
  /** A ref the room already took: its seq, and the notification while history keeps it. */
  | { ok: true; seq: number; notification?: Notification; duplicate: true }
  | { ok: false; status: number; code: string; message: string; retryAfterS?: number }
) & { access?: Decision['access'] };

/**
 * An HTTP push: the Bearer key (throttled per address, like `auth`), the open-room rule,
 * then `accept`. A ref the room already took answers with the same seq, and no push.
 */
export function httpPush(
  room: RoomContext,
  authorization: string | null,
  address: string,
  input: PushInput & { ref?: string | undefined },
): HttpPush {
  const bearer = bearerOf(authorization);
  let asTeacher = false;
  let access: Decision['access'];
  if (bearer) {
    const checked = checkKey(room, bearer, address);
    if (!checked.ok) {
      const throttled = checked.error.code === 'key_throttled';
      const refused: HttpPush = {
        ok: false,
        status: throttled ? 429 : 403,
        code: checked.error.code,
        message: checked.error.message,
      };
      if (checked.error.retryAfter !== undefined) refused.retryAfterS = checked.error.retryAfter;
      if (checked.record) refused.access = { address, record: checked.record };
      return refused;
    }
    asTeacher = true;
    if (checked.cleared) access = { address, record: null };
  }
  if (!asTeacher && !room.openPush) {
    return {
      ok: false,
      status: 401,
      code: 'forbidden',
      message: 'Falta la clave de docente: envíala como «Authorization: Bearer <clave>».',
    };
  }
  const known = seqOfRef(room.state.refs, input.ref);
  if (known !== undefined) {
    const kept = room.state.history.find((n) => n.seq === known);
    return {
      ok: true,
      seq: known,
      duplicate: true,
      ...(kept ? { notification: kept } : {}),
      ...(access ? { access } : {}),
    };
  }
  const accepted = accept(room, input, asTeacher, address, input.ref);
  if ('code' in accepted) {
    const status = accepted.code === 'rate_limited' ? 429 : 400;
    const refused: HttpPush = { ok: false, status, code: accepted.code, message: accepted.message };
    if (status === 429) refused.retryAfterS = accepted.retryAfter ?? 2;
    return refused;
  }
  return { ok: true, notification: accepted, duplicate: false, ...(access ? { access } : {}) };
}

/**
 * The polling endpoint's answer: only the notifications after `since` (all kept ones if
 * `since` is ahead of the room, which means the room lost its state).
 */
export function changesSince(room: RoomContext, since: number) {
  const { history, gap } = catchUp(room.state, since);
  return { room: room.roomId, lastSeq: room.state.seq, notifications: history, gap };
}

/** The room's public state, as the HTTP GET returns it. */
export function snapshot(room: RoomContext, count: number) {
  return {
    room: room.roomId,
    count,
    openPush: room.openPush,
    lastSeq: room.state.seq,
    notifications: [...room.state.history],
  };
}
