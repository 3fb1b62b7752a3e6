/**
 * Questions asked live: one open question per room, one answer per reader (through
 * `ballot`, the room's one voting rule) that may change until the question closes, the
 * reveal, the close, and the results the teacher exports, as functions of the question
 * state (which they replace; only an answer is recorded in place, see `answer`). The adapter stores the question under its own key and each answer under its
 * reader's, so an answer costs one small write, and an open question and every answer given
 * survive a restart (`withAnswers` puts them back together). The counting is `tally.ts`'s.
 * An ordering question's answer is every option once, first to last. No PartyKit import.
 */
import {
  type LiveQuestion,
  type QuestionMessage,
  type QuestionResult,
  resultOf,
  type Tally,
  tallyOf,
} from '../wire/classMessages';
import { type ErrorMessage, errorOf } from '../wire/errors';
import type { ServerMessage } from '../wire/serverMessages';
import { mayAnswerAgain } from './ballot';
import { LOCAL_ADDRESS } from './rate';
import type { Decision, MemberState, RoomContext } from './state';
import { bump, copyTally, emptyTally, recount } from './tally';

/** Closed questions kept for the teacher's CSV: a long class asks far fewer. */
export const RESULTS_KEPT = 50;

export interface OpenQuestion extends Tally {
  question: LiveQuestion;
  at: number;
  /** Each reader's current answer, by reader id. */
  answers: Record<string, number[]>;
  revealed?: { correct: number[]; explanation: string };
}

export interface QuestionState {
  open?: OpenQuestion;
  /** Closed questions, oldest first, for the CSV. */
  results?: QuestionResult[];
}

/** One reader's answer as stored: the question it answers (by when it was asked), the choice. */
export interface StoredAnswer {
  at: number;
  choice: number[];
}

/** The question state as stored under its own key: the open question without its answers. */
export interface StoredQuestion {
  open?: Omit<OpenQuestion, 'answers' | keyof Tally>;
  results?: QuestionResult[];
}

/** A question step: the new state and what to send, or the error for the sender. */
export type QuestionStep =
  | {
      ok: true;
      state: QuestionState;
      /** To the sender only. */
      reply?: ServerMessage;
      /** To every connection. */
      broadcast?: ServerMessage;
      /** To the teachers' connections only. */
      toTeachers?: ServerMessage;
      /** Only this reader's answer changed: store just that. */
      answer?: { reader: string; stored: StoredAnswer };
    }
  | { ok: false; error: ErrorMessage };

const fail = (error: ErrorMessage): QuestionStep => ({ ok: false, error });

/** The open question `id`, or the reason there is none. */
function openOne(state: QuestionState, id: string): OpenQuestion | QuestionStep {
  const open = state.open;
  if (!open) return fail(errorOf('no_question'));
  if (open.question.id !== id) {
    return fail(errorOf('no_question', { id, open: open.question.id }));
  }
  return open;
}

export function ask(
  state: QuestionState,
  question: LiveQuestion,
  teacher: boolean,
  at: number,
): QuestionStep {
  if (!teacher) return fail(errorOf('teacher_only'));
  if (state.open) {
    return fail(errorOf('question_open'));
  }
  const open: OpenQuestion = { question, at, answers: {}, ...emptyTally(question, undefined) };
  return { ok: true, state: { ...state, open }, broadcast: { type: 'question', question, at } };
}

/**
 * A choice as a set: sorted, no repeats; null if it names an option the question lacks. An
 * order is kept as sent, and must name every option exactly once.
 */
function normalize(choice: readonly number[], question: LiveQuestion): number[] | null {
  if (question.kind === 'order') return isOrder(choice, question.options.length) ? [...choice] : null;
  const set = [...new Set(choice)].sort((a, b) => a - b);
  if (set.some((i) => i >= question.options.length)) return null;
  if (question.kind === 'single' && set.length !== 1) return null;
  return set;
}

/** Whether `order` lists each of the `n` options once, in some order. */
function isOrder(order: readonly number[], n: number): boolean {
  return (
    order.length === n &&
    new Set(order).size === n &&
    order.every((i) => Number.isInteger(i) && i >= 0 && i < n)
  );
}

/** The refusal of an answer that is no choice of `question`. */
function invalidAnswer(question: LiveQuestion): ErrorMessage {
  const count = question.options.length;
  if (question.kind === 'order') return errorOf('invalid_order', { count });
  return errorOf('invalid_choice', { kind: question.kind, last: count - 1 });
}

export function answer(
  state: QuestionState,
  id: string,
  choice: readonly number[],
  reader: string | undefined,
): QuestionStep {
  const open = openOne(state, id);
  if ('ok' in open) return open;
  const chosen = normalize(choice, open.question);
  if (!chosen) return fail(invalidAnswer(open.question));
  // Looked up, never listed: a class of 1,000 must not cost 1,000 steps per answer.
  const answered = { has: (r: string) => Object.hasOwn(open.answers, r), size: open.total };
  const ballot = mayAnswerAgain(answered, reader);
  if (!ballot.ok || reader === undefined) {
    return fail(errorOf(!ballot.ok && ballot.reason === 'full' ? 'ballot_full' : 'no_reader'));
  }
  const before = open.answers[reader];
  const tally = copyTally(open);
  const correct = open.revealed?.correct;
  if (before) bump(tally, before, -1, correct);
  bump(tally, chosen, 1, correct);
  // Recorded in place, for the same reason (a copy per answer made a class quadratic). Only
  // answers change this way; ask, reveal and close still replace the state, and a failed
  // answer write reloads the count from storage (`liveClass.ts`), so no checkpoint needs it.
  open.answers[reader] = chosen;
  const next: OpenQuestion = { ...open, ...tally };
  return {
    ok: true,
    state: { ...state, open: next },
    reply: { type: 'answered', id, choice: chosen },
    toTeachers: { type: 'results', id, ...tally },
    answer: { reader, stored: { at: open.at, choice: chosen } },
  };
}

export function reveal(
  state: QuestionState,
  id: string,
  revealed: { correct: number[]; explanation: string },
  teacher: boolean,
): QuestionStep {
  if (!teacher) return fail(errorOf('teacher_only'));
  const open = openOne(state, id);
  if ('ok' in open) return open;
  const { question } = open;
  const correct = normalize(
    revealed.correct,
    question.kind === 'order' ? question : { ...question, kind: 'multiple' },
  );
  if (!correct) return fail(errorOf('invalid_correct'));
  // An order's right places are known only now: count them over the answers given so far.
  const tally = question.kind === 'order' ? recount(question, open.answers, correct) : tallyOf(open);
  const next: OpenQuestion = { ...open, ...tally, revealed: { correct, explanation: revealed.explanation } };
  return {
    ok: true,
    state: { ...state, open: next },
    broadcast: { type: 'revealed', id, correct, explanation: revealed.explanation, ...tally },
  };
}

export function close(state: QuestionState, id: string, teacher: boolean, at: number): QuestionStep {
  if (!teacher) return fail(errorOf('teacher_only'));
  const open = openOne(state, id);
  if ('ok' in open) return open;
  const tally = tallyOf(open);
  const result = resultOf(open.question, open.at, tally, at, open.revealed?.correct);
  const results = [...(state.results ?? []), result].slice(-RESULTS_KEPT);
  return { ok: true, state: { results }, broadcast: { type: 'questionClosed', id, ...tally } };
}

/** What a page joining while a question is open needs: the question, its own answer, the reveal. */
export function questionFor(state: QuestionState, reader: string | undefined): QuestionMessage | undefined {
  const open = state.open;
  if (!open) return undefined;
  const message: QuestionMessage = { type: 'question', question: open.question, at: open.at };
  const mine = reader === undefined ? undefined : open.answers[reader];
  if (mine) message.mine = mine;
  if (open.revealed) message.revealed = open.revealed;
  return message;
}

/** What a teacher needs on unlocking the room: the live histogram and the session's results. */
export function teacherView(state: QuestionState): ServerMessage[] {
  const messages: ServerMessage[] = [{ type: 'questionLog', results: state.results ?? [] }];
  const open = state.open;
  if (open) messages.push({ type: 'results', id: open.question.id, ...tallyOf(open) });
  return messages;
}

/** What goes under the question key: everything but the answers, each stored on its own. */
export function withoutAnswers(state: QuestionState): StoredQuestion {
  if (!state.open) return state.results ? { results: state.results } : {};
  const { answers: _a, counts: _c, total: _t, positions: _p, exact: _e, ...open } = state.open;
  return { ...state, open };
}

/**
 * The question state from storage: the stored question and the readers' stored answers.
 * Answers to an earlier question (another `at`) or to options it lacks are left out.
 */
export function withAnswers(
  stored: StoredQuestion,
  answers: Iterable<[string, StoredAnswer]>,
): QuestionState {
  const meta = stored.open;
  if (!meta) return stored.results ? { results: stored.results } : {};
  const kept: Record<string, number[]> = {};
  for (const [reader, answer] of answers) {
    const choice = answer.at === meta.at ? normalize(answer.choice, meta.question) : null;
    if (choice) kept[reader] = choice;
  }
  const open: OpenQuestion = {
    ...meta,
    answers: kept,
    ...recount(meta.question, kept, meta.revealed?.correct),
  };
  return { ...stored, open };
}

/** A question step as the room carries it out: the new state kept, its messages sent. */
export function questionStep(room: RoomContext, step: QuestionStep, member: MemberState): Decision {
  if (!step.ok) return { member, reply: step.error };
  room.question = step.state;
  const { reply, broadcast, toTeachers, answer } = step;
  return {
    member,
    ...(answer ? { storeAnswer: answer } : { storeQuestion: true }),
    ...(reply ? { reply } : {}),
    ...(broadcast ? { broadcast } : {}),
    ...(toTeachers ? { toTeachers } : {}),
  };
}

/** An answer, after the reader's own budget: changing one's mind is allowed, spamming is not. */
export function answerFrom(room: RoomContext, id: string, choice: number[], member: MemberState): Decision {
  const budget = room.answers.take(member.reader ?? member.address ?? LOCAL_ADDRESS, room.now());
  if (!budget.ok) {
    return {
      member,
      reply: {
        ...errorOf('rate_limited', { what: 'answers', scope: 'member' }),
        retryAfter: budget.retryAfterS,
      },
    };
  }
  return questionStep(room, answer(room.question, id, choice, member.reader), member);
}
