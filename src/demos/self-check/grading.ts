/**
 * Grading for the self-check, without a framework: what the reader chose against what is
 * right, and the first order an order-the-steps question shows (never the right one).
 */

export interface ChoiceQuestion {
  id: string;
  kind: 'single' | 'multiple';
  prompt: string;
  section: string;
  options: Array<{ text: string; correct: boolean; explanation: string; section?: string | undefined }>;
}

export interface OrderQuestion {
  id: string;
  kind: 'order';
  prompt: string;
  section: string;
  /** In their correct order. */
  steps: Array<{ text: string; explanation: string }>;
}

export type SelfCheckQuestion = ChoiceQuestion | OrderQuestion;

export interface ChoiceResult {
  correct: boolean;
  /** A correct option the reader did not pick (multiple choice). */
  missed: boolean;
}

/** Right when exactly the correct options are picked. */
export function gradeChoice(question: ChoiceQuestion, picked: ReadonlySet<number>): ChoiceResult {
  let missed = false;
  let wrong = false;
  question.options.forEach((option, index) => {
    if (option.correct && !picked.has(index)) missed = true;
    if (!option.correct && picked.has(index)) wrong = true;
  });
  return { correct: !missed && !wrong, missed };
}

/** For each position, whether the step shown there belongs there. */
export function gradeOrder(order: readonly number[]): boolean[] {
  return order.map((step, position) => step === position);
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * A shuffled start for `count` steps, the same on the server and in the browser (seeded by
 * the question's id), and never already in the right order.
 */
export function startOrder(id: string, count: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  let seed = hash(id) || 1;
  for (let i = count - 1; i > 0; i--) {
    seed = Math.imul(seed ^ (seed >>> 15), 2246822507) >>> 0;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  if (order.every((step, position) => step === position)) order.push(order.shift() as number);
  return order;
}

/** `order` with the entry at `from` moved by `by` places (kept inside the list). */
export function move(order: readonly number[], from: number, by: -1 | 1): number[] {
  const to = from + by;
  if (to < 0 || to >= order.length) return [...order];
  const next = [...order];
  [next[from], next[to]] = [next[to] as number, next[from] as number];
  return next;
}
