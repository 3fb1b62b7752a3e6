/**
 * The event playground: Socket.IO-style emits checked against the catalogue in
 * `wire/events.ts`, then relayed to every listener or handled by the class poll, where the
 * room is the authority that counts. No PartyKit import.
 */
import type { ClientMessageOf } from '../wire/clientMessages';
import { checkEmit } from '../wire/events';
import type { ServerMessage } from '../wire/serverMessages';
import { spendOwn, spendShared } from './budgets';
import { openPoll, type PollStep, pollEvent, pollMessages, vote } from './poll';
import type { Decision, MemberState, RoomContext } from './state';

/**
 * Every emit spends the sender's budget, valid or not. Relayed events go to every
 * listener, the sender included (like `io.emit`, not `socket.broadcast.emit`): seeing its
 * own event come back is how the sender knows the room accepted it.
 */
export function emit(room: RoomContext, message: ClientMessageOf<'emit'>, member: MemberState): Decision {
  const ref = message.ref;
  const own = spendOwn(room, member, 'events', ref);
  const next = own.member;
  if (own.refused) return { member: next, reply: own.refused };
  const checked = checkEmit(message.event, message.payload);
  if (!checked.ok) return { member: next, reply: ref ? { ...checked.error, ref } : checked.error };
  const refused = spendShared(room, member, 'events', ref);
  if (refused) return { member: next, reply: refused };
  const { value } = checked;
  switch (value.event) {
    case 'encuesta:crear': {
      const allowed = member.role === 'teacher' || room.openPush;
      return pollStep(room, openPoll(room.state, value.payload, allowed, room.now()), next);
    }
    case 'encuesta:voto':
      return pollStep(room, vote(room.state, value.payload, member.reader, room.now()), next);
    default:
      return { member: next, toListeners: pollEvent(value.event, value.payload, room.now()) };
  }
}

/** A poll step: the new poll state is kept (and stored), its event goes to listeners. */
function pollStep(room: RoomContext, step: PollStep, member: MemberState): Decision {
  if (!step.ok) return { member, reply: step.event };
  room.state = { ...room.state, ...step.state };
  return { member, persist: true, toListeners: step.event };
}

/** What a listener that joins late needs: the open poll and its count. */
export function pollState(room: RoomContext): ServerMessage[] {
  return pollMessages(room.state, room.now());
}
