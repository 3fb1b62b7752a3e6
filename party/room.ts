/**
 * The room's logic as plain TypeScript: no PartyKit import, so it runs the same in unit
 * tests and on the edge. The adapter in `server.ts` feeds it events and carries out the
 * `Decision` it returns: replies, broadcasts, a state to persist, a close.
 *
 * Everything that must survive hibernation is data the adapter stores: `RoomState` in
 * room storage and `MemberState` in each connection's attachment.
 */
import { KEY_THROTTLE, KEY_THROTTLED_MESSAGE, type KeyRecord, KeyThrottle } from './core/access';
import { append, contentOf, type PushInput, rememberRef, seqOfRef } from './core/notifications';
import {
  openPoll,
  type Poll,
  type PollState,
  type PollStep,
  pollEvent,
  pollMessages,
  vote,
} from './core/poll';
import {
  answer as answerQuestion,
  ask,
  close as closeQuestion,
  type QuestionState,
  type QuestionStep,
  questionFor,
  reveal,
  type StoredAnswer,
  teacherView,
} from './core/questions';
import { ABUSE_PENALTY_S, type Bucket, KeyedBuckets, LOCAL_ADDRESS, type Rate, take } from './core/rate';
import { checkEmit } from './events';
import {
  type ClientMessage,
  type EmitMessage,
  type ErrorMessage,
  errorOf,
  type HangupCode,
  type Notification,
  OPEN_ROOM,
  PROTOCOL_VERSION,
  type Reaction,
  ROOM_NAME,
  type Role,
  type ServerMessage,
  type WelcomeMessage,
} from './protocol';

export const LIMITS = {
  /** Notifications kept in storage and sent to newcomers. */
  historySize: 50,
  /** Larger frames close the connection with 1009. */
  maxFrameBytes: 64 * 1024,
  /**
   * Any message: sustained rate and short burst before the sender is cut off (1008). The
   * burst leaves room for a reconnecting page to flush its whole outbox (20) plus its
   * greeting and first ping at once.
   */
  frames: { perSecond: 10, burst: 30 },
  /** Pushes from one connection in an open (`demo`) room. */
  memberPushes: { perSecond: 1 / 3, burst: 3 },
  /** Pushes from everyone together in an open room, including HTTP. */
  roomPushes: { perSecond: 1, burst: 10 },
  /**
   * Reactions from one connection: two a second, with no burst. Each one goes to every
   * reader, so a burst is what a flooder spends before the frame guard cuts it: with a
   * burst of 5, a cut flooder's first frames cost 5,000 sends in a room of 1,000 and the
   * drill's bystander p99 rose 1.9×; with none it stays within 1.2×.
   */
  reactions: { perSecond: 2, burst: 1 },
  /**
   * Reactions from everyone together. Each one is sent to every reader, so this caps the
   * fan-out a client can cause by reconnecting to get a fresh personal budget.
   */
  roomReactions: { perSecond: 10, burst: 20 },
  /**
   * Emits from one connection: well under the frame limit, so a reader who clicks too fast
   * is told to wait before the flood guard would cut them off.
   */
  memberEvents: { perSecond: 3, burst: 8 },
  /** Events the whole room relays, so many eager readers cannot flood everyone else. */
  roomEvents: { perSecond: 15, burst: 30 },
  /**
   * Each client address's share of the room-wide budgets above: half, so one client (one
   * script, however many sockets it opens) never drains a budget the others share.
   */
  addressPushes: { perSecond: 1 / 2, burst: 5 },
  addressReactions: { perSecond: 5, burst: 10 },
  addressEvents: { perSecond: 7.5, burst: 15 },
  /**
   * A connection silent this long is dropped, so presence stays true. Clients ping every
   * 25 s, so this allows one lost ping plus slack.
   */
  silenceMs: 60_000,
  /** Answers to live questions from one reader (changes included), however many sockets. */
  answers: { perSecond: 1, burst: 5 },
} as const;

export { type Bucket, type Rate, take };

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
  /** How many `contador` presets the room has sent. */
  counter?: number;
}

export type { Poll };

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
  /** Sent to every connection in the room. */
  broadcast?: ServerMessage;
  /**
   * Sent to every connection listening for events (the playground, which joins with
   * `?eventos=1`), so events never reach islands that would only ignore them.
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

export function isValidRoomName(name: string): boolean {
  return ROOM_NAME.test(name);
}

export const INVALID_ROOM =
  'Nombre de sala no válido: usa minúsculas, números y guiones (por ejemplo «clase-1»), hasta 48 caracteres.';

/** A page id as sent by room-client: short, random, and nothing else. */
export function parseReader(value: string | null): string | undefined {
  return value !== null && /^[a-z0-9]{8,32}$/.test(value) ? value : undefined;
}

/**
 * The connections that have gone silent for longer than `windowMs`: frozen tabs, sleeping
 * laptops, links that died without a close. A member with no record yet is left alone.
 */
export function findSilent(
  members: Iterable<{ id: string; member: MemberState | null }>,
  now: number,
  windowMs: number,
): string[] {
  const silent: string[] = [];
  for (const { id, member } of members) {
    if (member?.seen !== undefined && now - member.seen > windowMs) silent.push(id);
  }
  return silent;
}

/**
 * Compares two secrets in time that depends only on the expected secret's length, not on
 * where they differ. Synchronous on purpose: an `auth` followed at once by a `push` must
 * be decided in order, with no await between them.
 */
export function secretsMatch(given: string, expected: string): boolean {
  const encoder = new TextEncoder();
  const a = encoder.encode(given);
  const b = encoder.encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i % Math.max(a.length, 1)] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export interface RoomOptions {
  /** The teacher key from the room's environment; without one, nobody can become teacher. */
  teacherKey?: string | undefined;
  now?: () => number;
  /** Key records loaded from storage, by address. */
  keyRecords?: Iterable<[string, KeyRecord]>;
  /** The live-question state loaded from storage. */
  question?: QuestionState;
}

/** The answer to an HTTP push, for the adapter to turn into a response. */
export type HttpPush =
  | { ok: true; notification: Notification; duplicate: false }
  /** A ref the room already took: its seq, and the notification while history keeps it. */
  | { ok: true; seq: number; notification?: Notification; duplicate: true }
  | { ok: false; status: number; code: string; message: string; retryAfterS?: number };

export class RoomCore {
  private readonly now: () => number;
  private readonly keys: KeyThrottle;
  private readonly addressPushes = new KeyedBuckets(LIMITS.addressPushes);
  private readonly addressReactions = new KeyedBuckets(LIMITS.addressReactions);
  private readonly addressEvents = new KeyedBuckets(LIMITS.addressEvents);
  private readonly readerAnswers = new KeyedBuckets(LIMITS.answers);
  private question: QuestionState;

  constructor(
    readonly roomId: string,
    private state: RoomState,
    private readonly options: RoomOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.keys = new KeyThrottle(options.keyRecords);
    this.question = options.question ?? {};
  }

  /** The live-question state, to store; replaced, never mutated, so it is its own checkpoint. */
  questionState(): QuestionState {
    return this.question;
  }

  restoreQuestion(state: QuestionState): void {
    this.question = state;
  }

  /** The open question as a joining reader needs it, if one is open. */
  openQuestionFor(reader: string | undefined): ServerMessage | undefined {
    return questionFor(this.question, reader);
  }

  /** What a teacher needs on unlocking the room: the session's results, the live histogram. */
  teacherView(): ServerMessage[] {
    return teacherView(this.question);
  }

  private questionStep(step: QuestionStep, member: MemberState): Decision {
    if (!step.ok) return { member, reply: step.error };
    this.question = step.state;
    const { reply, broadcast, toTeachers, answer } = step;
    return {
      member,
      ...(answer ? { storeAnswer: answer } : { storeQuestion: true }),
      ...(reply ? { reply } : {}),
      ...(broadcast ? { broadcast } : {}),
      ...(toTeachers ? { toTeachers } : {}),
    };
  }

  private answer(id: string, choice: number[], member: MemberState): Decision {
    const budget = this.readerAnswers.take(member.reader ?? member.address ?? LOCAL_ADDRESS, this.now());
    if (!budget.ok) {
      return {
        member,
        reply: {
          ...errorOf('rate_limited', 'Cambias de respuesta muy rápido: espera un momento.'),
          retryAfter: budget.retryAfterS,
        },
      };
    }
    return this.questionStep(answerQuestion(this.question, id, choice, member.reader), member);
  }

  /** An address cut off for abuse loses its broadcast shares for a while. */
  private penalize(address: string): void {
    const now = this.now();
    for (const shares of [this.addressPushes, this.addressReactions, this.addressEvents]) {
      shares.drain(address, now, ABUSE_PENALTY_S);
    }
  }

  /**
   * The state as it is now, to put back with `restore` if writing it fails: a push is
   * only given its seq once storage holds it. States are replaced, never mutated, so the
   * reference is the checkpoint.
   */
  checkpoint(): RoomState {
    return this.state;
  }

  restore(state: RoomState): void {
    this.state = state;
  }

  /** Anyone may push in the open room; elsewhere only the teacher. */
  get openPush(): boolean {
    return this.roomId === OPEN_ROOM;
  }

  get lastSeq(): number {
    return this.state.seq;
  }

  /** The state to persist; a copy, so storage never aliases live data. */
  snapshotState(): RoomState {
    return structuredClone(this.state);
  }

  newMember(reader?: string, address: string = LOCAL_ADDRESS): MemberState {
    const member: MemberState = { role: 'reader', seen: this.now(), address };
    if (reader !== undefined) member.reader = reader;
    return member;
  }

  /**
   * The notifications a client is missing. Without `since`, everything kept; with it,
   * exactly those after it. `gap` says some were older than the room keeps.
   */
  catchUp(since?: number): { history: Notification[]; gap: boolean } {
    const history = this.state.history;
    if (since === undefined || since > this.state.seq) return { history: [...history], gap: false };
    const missed = history.filter((n) => n.seq > since);
    const oldest = history[0]?.seq ?? this.state.seq + 1;
    return { history: missed, gap: since < this.state.seq && since < oldest - 1 };
  }

  welcome(count: number, member: MemberState, since?: number): WelcomeMessage {
    return {
      type: 'welcome',
      version: PROTOCOL_VERSION,
      room: this.roomId,
      count,
      role: member.role,
      openPush: this.openPush,
      lastSeq: this.state.seq,
      ...this.catchUp(since),
    };
  }

  /** A new member: they get the welcome (with what they missed), everyone the new count. */
  join(count: number, since?: number, member: MemberState = this.newMember()): Decision {
    return { reply: this.welcome(count, member, since), member, presenceChanged: true };
  }

  leave(): Decision {
    return { presenceChanged: true };
  }

  /**
   * Admits one raw frame before it is parsed: text only, size capped, rate limited.
   * A rejected frame comes back with the close to apply.
   */
  admit(frame: { binary: boolean; bytes: number }, member: MemberState): Decision {
    if (frame.binary) return { close: { code: 1008, reason: 'Solo se aceptan mensajes de texto (JSON).' } };
    if (frame.bytes > LIMITS.maxFrameBytes) {
      return { close: { code: 1009, reason: 'Mensaje demasiado grande: el máximo es 64 KB.' } };
    }
    const frames = take(member.frames, LIMITS.frames, this.now());
    const next = { ...member, frames: frames.bucket, seen: this.now() };
    if (!frames.ok) {
      this.penalize(member.address ?? LOCAL_ADDRESS);
      return {
        member: next,
        reply: errorOf('flood', 'Demasiados mensajes por segundo: la sala cierra esta conexión.'),
        close: { code: 1008, reason: 'Demasiados mensajes por segundo.' },
        abuse: true,
      };
    }
    return { member: next };
  }

  receive(message: ClientMessage, member: MemberState): Decision {
    switch (message.type) {
      case 'ping':
        return { reply: { type: 'pong', t: message.t } };
      case 'auth':
        return this.authorize(message.key, member);
      case 'react':
        return this.react(message.reaction, member);
      case 'push':
        return this.push(message, member);
      case 'echo':
        return {
          reply: {
            type: 'echo',
            text: message.text,
            at: this.now(),
            ...(message.ref ? { ref: message.ref } : {}),
          },
        };
      case 'hangup':
        return { close: { code: message.code, reason: hangupReason(message.code) } };
      case 'emit':
        return this.emit(message, member);
      case 'page':
        return { member: { ...member, page: message.path }, page: message.path };
      case 'ask':
        return this.questionStep(
          ask(this.question, message.question, member.role === 'teacher', this.now()),
          member,
        );
      case 'answer':
        return this.answer(message.id, message.choice, member);
      case 'reveal':
        return this.questionStep(
          reveal(this.question, message.id, message, member.role === 'teacher'),
          member,
        );
      case 'closeQuestion':
        return this.questionStep(
          closeQuestion(this.question, message.id, member.role === 'teacher', this.now()),
          member,
        );
    }
  }

  /**
   * A Socket.IO-style emit. Every emit spends the sender's budget, valid or not; a valid
   * one is checked against the catalogue and then relayed, or handled by the poll. Relayed
   * events go to every listener, the sender included (like `io.emit`, not
   * `socket.broadcast.emit`): seeing its own event come back is how the sender knows the
   * room accepted it.
   */
  private emit(message: EmitMessage, member: MemberState): Decision {
    const ref = message.ref;
    const budget = take(member.events, LIMITS.memberEvents, this.now());
    const next: MemberState = { ...member, events: budget.bucket };
    if (!budget.ok) {
      return {
        member: next,
        reply: errorOf('rate_limited', 'Emites eventos demasiado rápido: espera un momento.', ref),
      };
    }
    const checked = checkEmit(message.event, message.payload);
    if (!checked.ok) return { member: next, reply: ref ? { ...checked.error, ref } : checked.error };
    const share = this.addressEvents.take(member.address ?? LOCAL_ADDRESS, this.now());
    if (!share.ok) {
      return {
        member: next,
        reply: {
          ...errorOf('rate_limited', 'Desde tu conexión llegan demasiados eventos: espera un momento.', ref),
          retryAfter: share.retryAfterS,
        },
      };
    }
    const room = take(this.state.events, LIMITS.roomEvents, this.now());
    this.state = { ...this.state, events: room.bucket };
    if (!room.ok) {
      return {
        member: next,
        reply: errorOf('rate_limited', 'La sala recibe demasiados eventos: prueba en unos segundos.', ref),
      };
    }
    const { value } = checked;
    switch (value.event) {
      case 'encuesta:crear': {
        const allowed = member.role === 'teacher' || this.openPush;
        return this.pollStep(openPoll(this.state, value.payload, allowed, this.now()), next);
      }
      case 'encuesta:voto':
        return this.pollStep(vote(this.state, value.payload, member.reader, this.now()), next);
      default:
        return { member: next, toListeners: pollEvent(value.event, value.payload, this.now()) };
    }
  }

  /** A poll step: the new poll state is kept (and stored), its event goes to listeners. */
  private pollStep(step: PollStep, member: MemberState): Decision {
    if (!step.ok) return { member, reply: step.event };
    this.state = { ...this.state, ...step.state };
    return { member, persist: true, toListeners: step.event };
  }

  pollState(): ServerMessage[] {
    return pollMessages(this.state, this.now());
  }

  /**
   * Checks a teacher key for one address: refused unseen while the address is locked out,
   * each failure recorded. `null` means the key was right.
   */
  private checkKey(
    key: string,
    address: string,
  ): { ok: true; cleared: boolean } | { ok: false; error: ErrorMessage; record?: KeyRecord } {
    const expected = this.options.teacherKey;
    if (!expected) {
      return {
        ok: false,
        error: errorOf('no_teacher_key', 'Esta sala no tiene una clave de docente configurada.'),
      };
    }
    const allowed = this.keys.check(address, this.now());
    if (!allowed.ok) {
      const error = errorOf('key_throttled', KEY_THROTTLED_MESSAGE(allowed.retryAfterS));
      return { ok: false, error: { ...error, retryAfter: allowed.retryAfterS } };
    }
    if (!secretsMatch(key, expected)) {
      const record = this.keys.fail(address, this.now());
      return { ok: false, error: errorOf('wrong_key', 'Clave de docente incorrecta.'), record };
    }
    return { ok: true, cleared: this.keys.succeed(address) };
  }

  private authorize(key: string, member: MemberState): Decision {
    const address = member.address ?? LOCAL_ADDRESS;
    const checked = this.checkKey(key, address);
    if (checked.ok) {
      return {
        reply: { type: 'role', role: 'teacher' },
        member: { ...member, role: 'teacher', badKeys: 0 },
        ...(checked.cleared ? { access: { address, record: null } } : {}),
      };
    }
    const badKeys = (member.badKeys ?? 0) + 1;
    const decision: Decision = { reply: checked.error, member: { ...member, badKeys } };
    if (checked.record) decision.access = { address, record: checked.record };
    if (badKeys >= KEY_THROTTLE.perSocket) {
      decision.close = { code: 1008, reason: 'Demasiadas claves incorrectas.' };
      decision.abuse = true;
      this.penalize(address);
    }
    return decision;
  }

  private react(reaction: Reaction, member: MemberState): Decision {
    const budget = take(member.reactions, LIMITS.reactions, this.now());
    const next = { ...member, reactions: budget.bucket };
    if (!budget.ok) {
      return {
        member: next,
        reply: errorOf('rate_limited', 'Vas muy rápido: espera un momento para reaccionar.'),
      };
    }
    const share = this.addressReactions.take(member.address ?? LOCAL_ADDRESS, this.now());
    if (!share.ok) {
      return {
        member: next,
        reply: {
          ...errorOf('rate_limited', 'Desde tu conexión llegan demasiadas reacciones: espera un momento.'),
          retryAfter: share.retryAfterS,
        },
      };
    }
    const shared = take(this.state.reactions, LIMITS.roomReactions, this.now());
    this.state = { ...this.state, reactions: shared.bucket };
    if (!shared.ok) {
      return {
        member: next,
        reply: errorOf(
          'rate_limited',
          'La sala recibe demasiadas reacciones ahora mismo: prueba en unos segundos.',
        ),
      };
    }
    return { member: next, broadcast: { type: 'reaction', reaction, at: this.now() } };
  }

  private push(message: PushInput & { ref?: string | undefined }, member: MemberState): Decision {
    const ref = message.ref;
    const asTeacher = member.role === 'teacher';
    if (!asTeacher && !this.openPush) {
      return {
        reply: errorOf('forbidden', 'Solo el docente puede enviar notificaciones en esta sala.', ref),
      };
    }
    const known = seqOfRef(this.state.refs, ref);
    if (known !== undefined && ref !== undefined) return { reply: { type: 'ack', ref, seq: known } };
    let next = member;
    if (!asTeacher) {
      const budget = take(member.pushes, LIMITS.memberPushes, this.now());
      next = { ...member, pushes: budget.bucket };
      if (!budget.ok) {
        return {
          member: next,
          reply: errorOf('rate_limited', 'Has enviado muchas notificaciones: espera unos segundos.', ref),
        };
      }
    }
    const accepted = this.accept(message, asTeacher, member.address ?? LOCAL_ADDRESS, ref);
    if ('code' in accepted) return { member: next, reply: { ...accepted, ...(ref ? { ref } : {}) } };
    return {
      member: next,
      persist: true,
      reply: ref ? { type: 'ack', ref, seq: accepted.seq } : { type: 'ack', seq: accepted.seq },
      broadcast: { type: 'notification', ...accepted },
    };
  }

  /**
   * Appends a notification: next seq, history capped, ref remembered. Open-room pushes
   * spend the sender's address share, then the room's shared budget. Used by WebSocket
   * pushes and HTTP POSTs alike. The seq is only final once the adapter has stored it.
   */
  accept(input: PushInput, asTeacher: boolean, address: string, ref?: string): Notification | ErrorMessage {
    const now = this.now();
    const counter = this.state.counter ?? 0;
    const content = contentOf(input, this.openPush, asTeacher, { now, counter });
    if (!content.ok) return errorOf(content.code, content.message);
    if (this.openPush && !asTeacher) {
      const share = this.addressPushes.take(address, now);
      if (!share.ok) {
        const error = errorOf(
          'rate_limited',
          'Desde tu conexión llegan demasiadas notificaciones: espera unos segundos.',
        );
        return { ...error, retryAfter: share.retryAfterS };
      }
      const budget = take(this.state.pushes, LIMITS.roomPushes, now);
      this.state = { ...this.state, pushes: budget.bucket };
      if (!budget.ok) {
        return errorOf(
          'rate_limited',
          'La sala de demostración recibe demasiadas notificaciones: prueba en unos segundos.',
        );
      }
    }
    const { notification, history } = append(
      this.state.history,
      this.state.seq,
      content,
      now,
      LIMITS.historySize,
    );
    const refs = rememberRef(this.state.refs, ref, notification.seq);
    this.state = {
      ...this.state,
      seq: notification.seq,
      history,
      ...(refs ? { refs } : {}),
      ...(input.preset === 'contador' ? { counter: counter + 1 } : {}),
    };
    return notification;
  }

  /**
   * An HTTP push: the Bearer key (throttled per address, like `auth`), the open-room rule,
   * then `accept`. A ref the room already took answers with the same seq, and no push.
   */
  httpPush(
    bearer: string | undefined,
    address: string,
    input: PushInput & { ref?: string | undefined },
  ): HttpPush & { access?: Decision['access'] } {
    let asTeacher = false;
    let access: Decision['access'];
    if (bearer) {
      const checked = this.checkKey(bearer, address);
      if (!checked.ok) {
        const throttled = checked.error.code === 'key_throttled';
        const refused: HttpPush & { access?: Decision['access'] } = {
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
    if (!asTeacher && !this.openPush) {
      return {
        ok: false,
        status: 401,
        code: 'forbidden',
        message: 'Falta la clave de docente: envíala como «Authorization: Bearer <clave>».',
      };
    }
    const known = seqOfRef(this.state.refs, input.ref);
    if (known !== undefined) {
      const kept = this.state.history.find((n) => n.seq === known);
      return {
        ok: true,
        seq: known,
        duplicate: true,
        ...(kept ? { notification: kept } : {}),
        ...(access ? { access } : {}),
      };
    }
    const accepted = this.accept(input, asTeacher, address, input.ref);
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
  changesSince(since: number) {
    const { history, gap } = this.catchUp(since);
    return { room: this.roomId, lastSeq: this.state.seq, notifications: history, gap };
  }

  /** The room's public state, as the HTTP GET returns it. */
  snapshot(count: number) {
    return {
      room: this.roomId,
      count,
      openPush: this.openPush,
      lastSeq: this.state.seq,
      notifications: [...this.state.history],
    };
  }
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
