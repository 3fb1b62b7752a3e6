/**
 * `RoomCore`: the room's rules behind one door. It holds the room's state and budgets and
 * hands each event to the feature that owns it (`core/<feature>.ts`); it decides nothing
 * itself. No PartyKit import, so it runs the same in unit tests and on the edge: the
 * adapter in `server.ts` feeds it events and carries out the `Decision` it returns.
 */
import type { ClientMessage } from '../wire/clientMessages';
import type { ServerMessage, ServerMessageOf } from '../wire/serverMessages';
import { OPEN_ROOM } from '../wire/vocabulary';
import { authorize, type KeyRecord, KeyThrottle } from './access';
import { emit, pollState } from './events';
import { admitFrame } from './flood';
import { changesSince, type HttpPush, httpPush, snapshot } from './http';
import { echo, hangup } from './inspector';
import { LIMITS } from './limits';
import { accept, catchUp, type PushInput, push } from './notifications';
import { newMember, welcome } from './presence';
import {
  answerFrom,
  ask,
  close,
  type QuestionState,
  type QuestionStep,
  questionFor,
  questionStep,
  reveal,
  teacherView,
} from './questions';
import { KeyedBuckets, LOCAL_ADDRESS } from './rate';
import { react } from './reactions';
import type { Decision, MemberState, RoomContext, RoomState } from './state';

export interface RoomOptions {
  /** The teacher key from the room's environment; without one, nobody can become teacher. */
  teacherKey?: string | undefined;
  now?: () => number;
  /** Key records loaded from storage, by address. */
  keyRecords?: Iterable<[string, KeyRecord]>;
  /** The live-question state loaded from storage. */
  question?: QuestionState;
}

/** What a connecting page said about itself (its connect query) and where it came from. */
export interface Joining {
  reader?: string | undefined;
  address?: string | undefined;
  since?: number | undefined;
  events?: boolean;
}

export class RoomCore {
  private readonly room: RoomContext;

  constructor(roomId: string, state: RoomState, options: RoomOptions = {}) {
    this.room = {
      roomId,
      openPush: roomId === OPEN_ROOM,
      state,
      now: options.now ?? Date.now,
      shares: {
        pushes: new KeyedBuckets(LIMITS.addressPushes),
        reactions: new KeyedBuckets(LIMITS.addressReactions),
        events: new KeyedBuckets(LIMITS.addressEvents),
      },
      answers: new KeyedBuckets(LIMITS.answers),
      question: options.question ?? {},
      keys: new KeyThrottle(options.keyRecords),
      teacherKey: options.teacherKey,
    };
  }

  get roomId(): string {
    return this.room.roomId;
  }

  /** Anyone may push in the open room; elsewhere only the teacher. */
  get openPush(): boolean {
    return this.room.openPush;
  }

  get lastSeq(): number {
    return this.room.state.seq;
  }

  /**
   * The state as it is now: what storage is given to write, and what `restore` puts back if
   * that write fails (a push is only given its seq once storage holds it). States are
   * replaced, never mutated, and `put` serializes when called, so the reference serves both.
   */
  checkpoint(): RoomState {
    return this.room.state;
  }

  restore(state: RoomState): void {
    this.room.state = state;
  }

  newMember(reader?: string, address: string = LOCAL_ADDRESS): MemberState {
    return newMember(this.room, reader, address);
  }

  catchUp(since?: number) {
    return catchUp(this.room.state, since);
  }

  welcome(count: number, member: MemberState, since?: number): ServerMessageOf<'welcome'> {
    return welcome(this.room, count, member, since);
  }

  /**
   * A new member: the welcome (with what they missed), then, for an events listener, the
   * open poll; everyone gets the new count.
   */
  join(count: number, joining: Joining = {}): Decision {
    const member = this.newMember(joining.reader, joining.address);
    const decision: Decision = {
      reply: this.welcome(count, member, joining.since),
      member,
      presenceChanged: true,
    };
    const question = questionFor(this.room.question, member.reader);
    const after = [...(question ? [question] : []), ...(joining.events ? pollState(this.room) : [])];
    if (after.length > 0) decision.after = after;
    return decision;
  }

  /** The live-question state, to store; replaced, never mutated, so it is its own checkpoint. */
  questionState(): QuestionState {
    return this.room.question;
  }

  restoreQuestion(state: QuestionState): void {
    this.room.question = state;
  }

  /** What a teacher needs on unlocking the room: the session's results, the live histogram. */
  teacherView(): ServerMessage[] {
    return teacherView(this.room.question);
  }

  leave(): Decision {
    return { presenceChanged: true };
  }

  /** Admits one raw frame before it is parsed (see `flood.ts`). */
  admit(frame: { binary: boolean; bytes: number }, member: MemberState): Decision {
    return admitFrame(this.room, frame, member);
  }

  receive(message: ClientMessage, member: MemberState): Decision {
    const teacher = member.role === 'teacher';
    switch (message.type) {
      case 'ping':
        return { reply: { type: 'pong', t: message.t } };
      case 'auth':
        return authorize(this.room, message.key, member);
      case 'react':
        return react(this.room, message.reaction, member);
      case 'push':
        return push(this.room, message, member);
      case 'echo':
        return echo(this.room, message);
      case 'hangup':
        return hangup(message);
      case 'emit':
        return emit(this.room, message, member);
      case 'page':
        return { member: { ...member, page: message.path }, page: message.path };
      case 'ask':
        return this.question(member, ask(this.room.question, message.question, teacher, this.room.now()));
      case 'answer':
        return answerFrom(this.room, message.id, message.choice, member);
      case 'reveal':
        return this.question(member, reveal(this.room.question, message.id, message, teacher));
      case 'closeQuestion':
        return this.question(member, close(this.room.question, message.id, teacher, this.room.now()));
    }
  }

  /** A live-class question step, applied to the room and answered (see `questions.ts`). */
  private question(member: MemberState, step: QuestionStep): Decision {
    return questionStep(this.room, step, member);
  }

  pollState(): ServerMessage[] {
    return pollState(this.room);
  }

  /** Appends a notification for a push that passed its role check (see `notifications.ts`). */
  accept(input: PushInput, asTeacher: boolean, address: string, ref?: string) {
    return accept(this.room, input, asTeacher, address, ref);
  }

  httpPush(
    authorization: string | null,
    address: string,
    input: PushInput & { ref?: string | undefined },
  ): HttpPush {
    return httpPush(this.room, authorization, address, input);
  }

  changesSince(since: number) {
    return changesSince(this.room, since);
  }

  snapshot(count: number) {
    return snapshot(this.room, count);
  }
}
