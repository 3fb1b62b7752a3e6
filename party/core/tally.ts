/**
 * A live question's count, kept answer by answer: readers per option for a choice question;
 * for an ordering question, readers per option and place, and once the right order is
 * known, readers with each option in its place and with the whole order right. Pure
 * functions over plain data, no PartyKit import.
 */
import { type LiveQuestion, type Tally, tallyOf } from '../wire/classMessages';

/** Nobody counted yet; an order question revealed counts whole orders right too. */
export function emptyTally(question: LiveQuestion, correct: readonly number[] | undefined): Tally {
  const counts = question.options.map(() => 0);
  if (question.kind !== 'order') return { counts, total: 0 };
  const positions = question.options.map(() => question.options.map(() => 0));
  return { counts, total: 0, positions, ...(correct ? { exact: 0 } : {}) };
}

/**
 * Adds one reader's answer to `tally` (`sign` 1) or takes it back (-1), in place. An order
 * answer lists the options first to last; with the right order known, each option in its
 * right place counts for that option, and a whole order right counts in `exact`.
 */
export function bump(
  tally: Tally,
  choice: readonly number[],
  sign: 1 | -1,
  correct: readonly number[] | undefined,
) {
  const { counts, positions } = tally;
  tally.total += sign;
  if (!positions) {
    for (const i of choice) counts[i] = (counts[i] ?? 0) + sign;
    return;
  }
  choice.forEach((item, place) => {
    const row = positions[item];
    if (row) row[place] = (row[place] ?? 0) + sign;
    if (correct?.[place] === item) counts[item] = (counts[item] ?? 0) + sign;
  });
  if (tally.exact !== undefined && choice.every((item, place) => correct?.[place] === item)) {
    tally.exact += sign;
  }
}

/** A copy of a count that `bump` may change. */
export function copyTally(count: Tally): Tally {
  const copy = tallyOf(count);
  return {
    ...copy,
    counts: [...copy.counts],
    ...(copy.positions ? { positions: copy.positions.map((r) => [...r]) } : {}),
  };
}

/** Every answer counted from nothing: after a restart, and when the right order is revealed. */
export function recount(
  question: LiveQuestion,
  answers: Record<string, number[]>,
  correct: readonly number[] | undefined,
): Tally {
  const tally = emptyTally(question, correct);
  for (const choice of Object.values(answers)) bump(tally, choice, 1, correct);
  return tally;
}
