/**
 * The room's data and the shape every feature answers in. What must survive hibernation is
 * data the adapter stores: `RoomState` in room storage and `MemberState` in each
 * connection's attachment. Each feature reads and updates the room through `RoomContext`
 * and returns a `Decision` the adapter carries out. No PartyKit import.
 */
import type { Notification, Role, ServerMessage } from '../wire/serverMessages';
import type { KeyRecord, KeyThrottle } from './access';
import type { PollState } from './poll';
import type { QuestionState, StoredAnswer } from './questions';
import type { Bucket, KeyedBuckets } from './rate';

export interface RoomState extends PollState {
  /** Highest seq given out so far. */
  seq: number;
  /** The last `LIMITS.historySize` notifications, oldest first. */
  history: Notification[];
  /** Shared push budget of an open room. */
  pushes?: Bucket;
  /**
   * Shared reaction budget. Saved only along with a push, so after a wake-up it may be
   * fuller than it was: lenient, never stricter.
   */
  reactions?: Bucket;
  /** Shared budget of relayed events; stored whenever the state is. */
  events?: Bucket;
  /** The last accepted push refs and their seqs, so a retried push is not pushed twice. */
  refs?: [string, number][];
  /** How many `counter` presets the room has sent. */
  counter?: number;
}

/** Per-connection state, kept in the connection's attachment (a few dozen bytes). */
export interface MemberState {
  role: Role;
  /** When the room last heard from this connection (ms since the epoch). */
  seen?: number;
  /**
   * The page this connection belongs to. One page may open several sockets (one per demo);
   * presence counts readers, not sockets.
   */
  reader?: string;
  frames?: Bucket;
  pushes?: Bucket;
  reactions?: Bucket;
  events?: Bucket;
  /** The client address (`CF-Connecting-IP`) this socket came from. */
  address?: string;
  /** Wrong or throttled keys sent on this socket; at `KEY_THROTTLE.perSocket` it is closed. */
  badKeys?: number;
  /** The room refused this socket on connect: its first frame gets this close. */
  refused?: { code: number; reason: string };
  /** The course page this socket's page shows (live class), as the page reported it. */
  page?: string;
}

export interface Decision {
  /** Sent only to the connection that caused the event. */
  reply?: ServerMessage;
  /** Sent to the same connection right after `reply`, in order. */
  after?: ServerMessage[];
  /** Sent to every connection in the room. */
  broadcast?: ServerMessage;
  /**
   * Sent to every connection listening for events (the playground, which joins with
   * `?events=1`), so events never reach islands that would only ignore them.
   */
  toListeners?: ServerMessage;
  /** The connection's new state, to store in its attachment. */
  member?: MemberState;
  /** The room state changed and must be written to storage before broadcasting. */
  persist?: boolean;
  /** Close the sender's connection. */
  close?: { code: number; reason: string };
  /** The number of people changed: announce the new count to everyone. */
  presenceChanged?: boolean;
  /** A key record of one address changed (null: cleared), to store so it outlives a wake. */
  access?: { address: string; record: KeyRecord | null };
  /** The sender was cut off for abuse: its address waits before it may connect again. */
  abuse?: boolean;
  /** Sent to the teachers' connections only (the live histogram). */
  toTeachers?: ServerMessage;
  /** The question state changed and must be stored before anything is sent. */
  storeQuestion?: boolean;
  /** Only one reader's answer changed: storing it is enough. */
  storeAnswer?: { reader: string; stored: StoredAnswer };
  /** The sender's page reported the path it shows. */
  page?: string;
}

export function emptyState(): RoomState {
  return { seq: 0, history: [] };
}

/** What a feature may read and change: the room's state, its clock and its budgets. */
export interface RoomContext {
  readonly roomId: string;
  /** Anyone may push here (the open `demo` room); elsewhere only the teacher. */
  readonly openPush: boolean;
  /** Replaced, never mutated, so a reference taken before a change is a checkpoint. */
  state: RoomState;
  now(): number;
  /** Each client address's share of the room-wide budgets. */
  readonly shares: { pushes: KeyedBuckets; reactions: KeyedBuckets; events: KeyedBuckets };
  /** Each reader's budget of live answers. */
  readonly answers: KeyedBuckets;
  /** The live question, stored under its own key; replaced, never mutated. */
  question: QuestionState;
  readonly keys: KeyThrottle;
  /** The teacher key from the room's environment; without one, nobody can become teacher. */
  readonly teacherKey: string | undefined;
}
