/**
 * One answer per reader: the rule polls use now and live-class questions will reuse.
 * A reader is the browser's random id (`reader`), not a connection, so reconnecting or a
 * second tab never answers twice. No PartyKit import.
 */

/** Readers remembered per question; far above a class, bounded for storage. */
export const MAX_ANSWERS = 5_000;

export type BallotCheck =
  | { ok: true }
  | { ok: false; reason: 'no_reader' | 'already' | 'full'; message: string };

/** Who has answered so far, looked up rather than listed (a class answers all at once). */
export interface Answered {
  has(reader: string): boolean;
  readonly size: number;
}

/** A stored list of voters (the poll keeps one) seen as `Answered`. */
export const listed = (voters: readonly string[] = []): Answered => ({
  has: (reader) => voters.includes(reader),
  size: voters.length,
});

export function mayAnswer(answered: Answered, reader: string | undefined): BallotCheck {
  if (reader === undefined) {
    return {
      ok: false,
      reason: 'no_reader',
      message: 'Tu página no se identificó como lector: recárgala para poder votar.',
    };
  }
  if (answered.has(reader)) return { ok: false, reason: 'already', message: 'Ya votaste en esta encuesta.' };
  if (answered.size >= MAX_ANSWERS)
    return { ok: false, reason: 'full', message: 'Esta encuesta ya no admite más votos.' };
  return { ok: true };
}

export function recordAnswer(answered: readonly string[] | undefined, reader: string): string[] {
  return [...(answered ?? []), reader];
}

/**
 * The same rule for a ballot whose answers may change until it closes (a live question): a
 * reader already counted may answer again, the new answer replacing the old, so it is still
 * one answer per reader; anyone else is checked as by `mayAnswer`.
 */
export function mayAnswerAgain(answered: Answered, reader: string | undefined): BallotCheck {
  if (reader !== undefined && answered.has(reader)) return { ok: true };
  return mayAnswer(answered, reader);
}
