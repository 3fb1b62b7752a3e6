/**
 * The three budgets in front of anything every reader receives (a reaction, an event): the
 * connection's own, its address's share and the room's. The connection's is spent by every
 * attempt, valid or not; the other two only by what the room will send on. No PartyKit import.
 */
import { type ErrorMessage, errorOf } from '../wire/errors';
import { LIMITS } from './limits';
import { LOCAL_ADDRESS, take } from './rate';
import type { MemberState, RoomContext } from './state';

const RATES = {
  events: { member: LIMITS.memberEvents, room: LIMITS.roomEvents },
  reactions: { member: LIMITS.reactions, room: LIMITS.roomReactions },
} as const;

export type Budgeted = keyof typeof RATES;

/** Spends the connection's budget: the member with its bucket, and the refusal if it ran out. */
export function spendOwn(
  room: RoomContext,
  member: MemberState,
  what: Budgeted,
  ref?: string,
): { member: MemberState; refused?: ErrorMessage } {
  const budget = take(member[what], RATES[what].member, room.now());
  const next = { ...member, [what]: budget.bucket };
  if (budget.ok) return { member: next };
  return { member: next, refused: errorOf('rate_limited', { what, scope: 'member' }, ref) };
}

/** Spends the address's share, then the room's budget; the refusal if either ran out. */
export function spendShared(
  room: RoomContext,
  member: MemberState,
  what: Budgeted,
  ref?: string,
): ErrorMessage | undefined {
  const share = room.shares[what].take(member.address ?? LOCAL_ADDRESS, room.now());
  if (!share.ok) {
    return { ...errorOf('rate_limited', { what, scope: 'address' }, ref), retryAfter: share.retryAfterS };
  }
  const shared = take(room.state[what], RATES[what].room, room.now());
  room.state = { ...room.state, [what]: shared.bucket };
  if (!shared.ok) return errorOf('rate_limited', { what, scope: 'room' }, ref);
  return undefined;
}
