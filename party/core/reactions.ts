/**
 * Reactions: a small fixed set any reader may send, broadcast to everyone. Each one costs
 * a send per reader, so three budgets stand in front of it: the connection's, its
 * address's share and the room's. No PartyKit import.
 */
import { errorOf } from '../wire/errors';
import type { Reaction } from '../wire/vocabulary';
import { LIMITS } from './limits';
import { LOCAL_ADDRESS, take } from './rate';
import type { Decision, MemberState, RoomContext } from './state';

export function react(room: RoomContext, reaction: Reaction, member: MemberState): Decision {
  const budget = take(member.reactions, LIMITS.reactions, room.now());
  const next = { ...member, reactions: budget.bucket };
  if (!budget.ok) {
    return {
      member: next,
      reply: errorOf('rate_limited', { what: 'reactions', scope: 'member' }),
    };
  }
  const share = room.shares.reactions.take(member.address ?? LOCAL_ADDRESS, room.now());
  if (!share.ok) {
    return {
      member: next,
      reply: {
        ...errorOf('rate_limited', { what: 'reactions', scope: 'address' }),
        retryAfter: share.retryAfterS,
      },
    };
  }
  const shared = take(room.state.reactions, LIMITS.roomReactions, room.now());
  room.state = { ...room.state, reactions: shared.bucket };
  if (!shared.ok) {
    return {
      member: next,
      reply: errorOf('rate_limited', { what: 'reactions', scope: 'room' }),
    };
  }
  return { member: next, broadcast: { type: 'reaction', reaction, at: room.now() } };
}
