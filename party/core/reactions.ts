/**
 * Reactions: a small fixed set any reader may send, broadcast to everyone. Each one costs
 * a send per reader, so three budgets stand in front of it: the connection's, its
 * address's share and the room's. No PartyKit import.
 */
import type { Reaction } from '../wire/vocabulary';
import { spendOwn, spendShared } from './budgets';
import type { Decision, MemberState, RoomContext } from './state';

export function react(room: RoomContext, reaction: Reaction, member: MemberState): Decision {
  const own = spendOwn(room, member, 'reactions');
  if (own.refused) return { member: own.member, reply: own.refused };
  const refused = spendShared(room, own.member, 'reactions');
  if (refused) return { member: own.member, reply: refused };
  return { member: own.member, broadcast: { type: 'reaction', reaction, at: room.now() } };
}
