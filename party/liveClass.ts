/**
 * The live class's part of the PartyKit adapter: which sockets are teachers, which page each
 * socket shows, and the coalesced class view sent to the teachers only. `server.ts` calls it
 * at the lifecycle points; the rules live in `core/classroom.ts` and `core/questions.ts`.
 *
 * Teachers are tracked by connection id in memory, rebuilt from the attachments on wake, so
 * a histogram update costs one send per teacher, never a scan of a thousand sockets.
 */
import type * as Party from 'partykit/server';
import { Classroom } from './core/classroom';
import {
  type QuestionState,
  type StoredAnswer,
  type StoredQuestion,
  withAnswers,
  withoutAnswers,
} from './core/questions';
import type { RoomCore } from './core/room';
import type { Decision, MemberState } from './core/state';
import { errorOf } from './wire/errors';
import { encodeServer, type ServerMessage } from './wire/serverMessages';

/** Storage key of the live-question state (the open question, past results). */
export const QUESTION_KEY = 'question';
/** Each reader's answer lives under this prefix: one small write per answer. */
const ANSWER_PREFIX = 'answer:';
/** Keys one storage delete, or one multi-key put, may take. */
const DELETE_BATCH = 128;
const PUT_BATCH = 128;

/** Page reports and leaves within this window share one class view, as presence does. */
const CLASS_COALESCE_MS = 500;
/** WebSocket readyState of a connection that is open (not closing). */
const OPEN = 1;

export class LiveClass {
  private readonly classroom = new Classroom();
  private readonly teachers = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending = new Map<string, StoredAnswer>();
  private waiting: ((ok: boolean) => void)[] = [];
  private flushing: Promise<void> | undefined;

  constructor(private readonly room: Party.Room) {}

  static async load(storage: Party.Storage): Promise<QuestionState> {
    const stored = (await storage.get<StoredQuestion>(QUESTION_KEY)) ?? {};
    if (!stored.open) return withAnswers(stored, []);
    const answers = await storage.list<StoredAnswer>({ prefix: ANSWER_PREFIX });
    return withAnswers(
      stored,
      [...answers].map(([key, answer]) => [key.slice(ANSWER_PREFIX.length), answer]),
    );
  }

  /** Stores the question; once none is open, the answers to the last one go too. */
  static async store(storage: Party.Storage, state: QuestionState): Promise<boolean> {
    try {
      await storage.put(QUESTION_KEY, withoutAnswers(state));
      if (!state.open) {
        const keys = [...(await storage.list({ prefix: ANSWER_PREFIX })).keys()];
        for (let i = 0; i < keys.length; i += DELETE_BATCH)
          await storage.delete(keys.slice(i, i + DELETE_BATCH));
      }
      return true;
    } catch (error) {
      console.error('No se pudo guardar la pregunta en directo', error);
      return false;
    }
  }

  /**
   * Stores one reader's answer, in a batch with every answer that arrives while the previous
   * batch is being written: a class answering at once costs a few writes, not one per reader
   * in a row. Resolves once the answer is stored (true) or could not be (false); batches
   * resolve in order, so replies and histograms go out in the order answers were counted.
   */
  writeAnswer(answer: { reader: string; stored: StoredAnswer }): Promise<boolean> {
    this.pending.set(`${ANSWER_PREFIX}${answer.reader}`, answer.stored);
    const written = new Promise<boolean>((resolve) => this.waiting.push(resolve));
    this.flushing ??= this.flush();
    return written;
  }

  private async flush(): Promise<void> {
    while (this.pending.size > 0) {
      const batch = [...this.pending];
      const waiting = this.waiting;
      this.pending = new Map();
      this.waiting = [];
      let ok = true;
      try {
        for (let i = 0; i < batch.length; i += PUT_BATCH) {
          await this.room.storage.put(Object.fromEntries(batch.slice(i, i + PUT_BATCH)));
        }
      } catch (error) {
        console.error('No se pudieron guardar unas respuestas', error);
        ok = false;
      }
      for (const resolve of waiting) resolve(ok);
    }
    this.flushing = undefined;
  }

  /** On wake: the socket's page and role, from its attachment. */
  reseat(id: string, member: MemberState): void {
    if (member.page !== undefined) this.classroom.place(id, member.reader, member.page);
    if (member.role === 'teacher') this.teachers.add(id);
  }

  /** After a decision was applied to `connection`, with `member` its new state. */
  applied(
    connection: Party.Connection,
    member: MemberState | undefined,
    page: string | undefined,
    teacherView: () => ServerMessage[],
  ): void {
    if (page !== undefined && member) {
      this.classroom.place(connection.id, member.reader, page);
      this.announce();
    }
    if (member?.role === 'teacher' && !this.teachers.has(connection.id)) {
      this.teachers.add(connection.id);
      connection.send(encodeServer(this.classroom.view()));
      for (const message of teacherView()) connection.send(encodeServer(message));
    }
  }

  left(id: string): void {
    this.classroom.leave(id);
    this.teachers.delete(id);
  }

  toTeachers(message: ServerMessage): void {
    if (this.teachers.size === 0) return;
    const raw = encodeServer(message);
    for (const id of this.teachers) {
      const connection = this.room.getConnection(id);
      if (connection?.readyState === OPEN) connection.send(raw);
    }
  }

  /** Sends the teachers the class view once the current burst of changes settles. */
  announce(): void {
    if (this.timer !== undefined || this.teachers.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.toTeachers(this.classroom.view());
    }, CLASS_COALESCE_MS);
  }

  /** Stores the question when a live-question step changed it (answers go in batches). */
  questionStored(core: RoomCore, decision: Decision): Promise<boolean> {
    if (!decision.storeQuestion) return Promise.resolve(true);
    return LiveClass.store(this.room.storage, core.questionState());
  }

  /**
   * A counted answer: its member state now, its replies once its batch is stored, without
   * holding the queue, so the answers that arrive meanwhile share the next write. If the
   * write fails, the count goes back to what storage holds and the reader is told.
   */
  answered(
    sender: Party.Connection<MemberState>,
    core: RoomCore,
    decision: Decision,
    apply: (connection: Party.Connection, decision: Decision) => Promise<void>,
  ): void {
    const { member, storeAnswer, ...rest } = decision;
    if (member) sender.setState(member);
    if (!storeAnswer) return;
    void this.writeAnswer(storeAnswer).then(async (ok) => {
      if (ok) return apply(sender, rest);
      core.restoreQuestion(await LiveClass.load(this.room.storage));
      const failed = errorOf('storage_failed', { over: 'answer' });
      return apply(sender, { reply: failed });
    });
  }
}
