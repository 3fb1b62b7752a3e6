/**
 * The frame guard: every raw frame is admitted before it is parsed. Text only, size
 * capped, rate limited per connection; a flooder is cut off and its address loses its
 * broadcast shares for a while, so coming back buys it nothing. No PartyKit import.
 */
import { CLOSE_REASONS } from '../../src/i18n/errors';
import { errorOf } from '../wire/errors';
import { LIMITS } from './limits';
import { ABUSE_PENALTY_S, LOCAL_ADDRESS, take } from './rate';
import type { Decision, MemberState, RoomContext } from './state';

/** An address cut off for abuse loses its broadcast shares for a while. */
export function penalize(room: RoomContext, address: string): void {
  const now = room.now();
  const { pushes, reactions, events } = room.shares;
  for (const shares of [pushes, reactions, events]) shares.drain(address, now, ABUSE_PENALTY_S);
}

/** A rejected frame comes back with the close to apply. */
export function admitFrame(
  room: RoomContext,
  frame: { binary: boolean; bytes: number },
  member: MemberState,
): Decision {
  if (frame.binary) return { close: { code: 1008, reason: CLOSE_REASONS.binary } };
  if (frame.bytes > LIMITS.maxFrameBytes) {
    return { close: { code: 1009, reason: CLOSE_REASONS.tooBig } };
  }
  const frames = take(member.frames, LIMITS.frames, room.now());
  const next = { ...member, frames: frames.bucket, seen: room.now() };
  if (!frames.ok) {
    penalize(room, member.address ?? LOCAL_ADDRESS);
    return {
      member: next,
      reply: errorOf('flood'),
      close: { code: 1008, reason: CLOSE_REASONS.flood },
      abuse: true,
    };
  }
  return { member: next };
}
