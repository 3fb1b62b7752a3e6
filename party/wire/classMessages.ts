/**
 * The live class on the wire: page presence, the teacher's class view, and questions asked
 * live (ask, answer, reveal, close). Browser-safe like `protocol.ts`, which adds these to its
 * unions; zod/mini and nothing else, so the class bar's chunk stays small.
 */
import * as z from 'zod/mini';

/** Options a live question may have; the self-check questions have two to five. */
export const MAX_OPTIONS = 8;
export const MAX_PROMPT = 500;
export const MAX_OPTION_TEXT = 300;
export const MAX_EXPLANATION = 1_200;
/** Longest page path a page reports, in characters. */
export const MAX_PATH = 200;

/**
 * A path on this site: starts with one `/` (never `//`, which would leave the site), no
 * spaces, quotes or angle brackets. Used for page presence and for «Vamos a…» links.
 */
export const SITE_PATH = /^\/(?!\/)[^\s"'<>\\]*$/;
/** A question id as the self-check YAML writes it (`dns-traduce`). */
export const QUESTION_ID = /^[a-z0-9-]{1,80}$/;

const count = z.number().check(z.int(), z.nonnegative());
const index = z.number().check(z.int(), z.nonnegative(), z.lte(MAX_OPTIONS - 1));
export const sitePath = z.string().check(z.maxLength(MAX_PATH), z.regex(SITE_PATH));
const questionId = z.string().check(z.regex(QUESTION_ID));
const choice = z.array(index).check(z.minLength(1), z.maxLength(MAX_OPTIONS));
/** `order`: the reader puts the options in order; an answer lists them, first to last. */
const kind = z.enum(['single', 'multiple', 'order']);

/** What readers see of a question: never which option is right, until the reveal. */
export const liveQuestion = z.object({
  id: questionId,
  /** The lesson the question comes from, for the console and the CSV. */
  lesson: z.string().check(z.maxLength(MAX_PATH)),
  prompt: z.string().check(z.minLength(1), z.maxLength(MAX_PROMPT)),
  kind,
  options: z
    .array(z.string().check(z.minLength(1), z.maxLength(MAX_OPTION_TEXT)))
    .check(z.minLength(2), z.maxLength(MAX_OPTIONS)),
});

/**
 * The room's count for one question. Choice: how many readers chose each option. Order:
 * `positions[item][place]`, how many readers put each item at each place; `counts[item]`,
 * how many put it in its right place, and `exact`, how many have the whole order right,
 * both known once the right order is revealed (zeros and absent before).
 */
export const tally = z.object({
  counts: z.array(count),
  total: count,
  positions: z.optional(
    z.array(z.array(count).check(z.maxLength(MAX_OPTIONS))).check(z.maxLength(MAX_OPTIONS)),
  ),
  exact: z.optional(count),
});

const revealed = z.object({
  correct: choice,
  explanation: z.string().check(z.maxLength(MAX_EXPLANATION)),
});

// Client -> server

/** A page says which path it shows; the room counts readers per path for the teacher. */
export const pageMessage = z.object({ type: z.literal('page'), path: sitePath });

/** The teacher asks the class a question; one is open at a time. */
export const askMessage = z.object({ type: z.literal('ask'), question: liveQuestion });

/** A reader answers the open question; answering again replaces the earlier answer. */
export const answerMessage = z.object({ type: z.literal('answer'), id: questionId, choice });

/** The teacher shows everyone the right answer and why. */
export const revealMessage = z.extend(revealed, { type: z.literal('reveal'), id: questionId });

/** The teacher closes the question: no more answers, the final count goes to everyone. */
export const closeQuestionMessage = z.object({ type: z.literal('closeQuestion'), id: questionId });

// Server -> client

/** The class as the teacher sees it: readers now, and how many are on each page. Counts only. */
export const classMessage = z.object({
  type: z.literal('class'),
  count,
  pages: z.array(z.object({ path: z.string(), count })),
});

/**
 * The open question, to everyone when it is asked and to each page that joins while it is
 * open. `mine` is the joining reader's own answer, `revealed` the reveal if it happened.
 */
export const questionMessage = z.object({
  type: z.literal('question'),
  question: liveQuestion,
  at: z.number(),
  mine: z.optional(choice),
  revealed: z.optional(revealed),
});

/** A reader's answer was counted (to that reader only). */
export const answeredMessage = z.object({ type: z.literal('answered'), id: questionId, choice });

/** The live histogram, to the teacher on every answer. */
export const resultsMessage = z.extend(tally, { type: z.literal('results'), id: questionId });

/** The reveal, to everyone, with the count at that moment. */
export const revealedMessage = z.extend(z.extend(revealed, tally.shape), {
  type: z.literal('revealed'),
  id: questionId,
});

/** The question closed, to everyone, with the final count. */
export const questionClosedMessage = z.extend(tally, { type: z.literal('questionClosed'), id: questionId });

/** One asked question's outcome, kept by the room for the teacher's CSV. */
export const questionResult = z.extend(tally, {
  id: questionId,
  lesson: z.string(),
  prompt: z.string(),
  kind: z.optional(kind),
  options: z.array(z.string()),
  correct: z.optional(choice),
  at: z.number(),
  closedAt: z.number(),
});

/** The session's closed questions, to a teacher when they unlock the room. */
export const questionLogMessage = z.object({
  type: z.literal('questionLog'),
  results: z.array(questionResult),
});

export const classClientMessages = [
  pageMessage,
  askMessage,
  answerMessage,
  revealMessage,
  closeQuestionMessage,
] as const;
export const classServerMessages = [
  classMessage,
  questionMessage,
  answeredMessage,
  resultsMessage,
  revealedMessage,
  questionClosedMessage,
  questionLogMessage,
] as const;

export type LiveQuestion = z.infer<typeof liveQuestion>;
export type Tally = z.infer<typeof tally>;

/** Only the count of a message that carries one (results, reveal, close). */
export function tallyOf({ counts, total, positions, exact }: Tally): Tally {
  return { counts, total, ...(positions ? { positions } : {}), ...(exact === undefined ? {} : { exact }) };
}

/**
 * One closed question's outcome: what was asked, the right answer if revealed, the count.
 * The room keeps it for the CSV; the console builds the same from the close it receives.
 */
export function resultOf(
  question: LiveQuestion,
  at: number,
  count: Tally,
  closedAt: number,
  correct: number[] | undefined,
): QuestionResult {
  const { id, lesson, prompt, kind, options } = question;
  const result: QuestionResult = { id, lesson, prompt, kind, options, ...tallyOf(count), at, closedAt };
  if (correct) result.correct = correct;
  return result;
}
export type QuestionResult = z.infer<typeof questionResult>;
export type ClassMessage = z.infer<typeof classMessage>;
export type QuestionMessage = z.infer<typeof questionMessage>;
export type AskMessage = z.infer<typeof askMessage>;
export type AnswerMessage = z.infer<typeof answerMessage>;
export type RevealMessage = z.infer<typeof revealMessage>;
