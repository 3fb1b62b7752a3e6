/**
 * One answer per reader: the rule polls use now and live-class questions will reuse.
 * A reader is the browser's random id (`reader`), not a connection, so reconnecting or a
 * second tab never answers twice. No PartyKit import.
 */

/** Readers remembered per question; far above a class, bounded for storage. */
export const MAX_ANSWERS = 5_000;

export type BallotCheck = { ok: true } | { ok: false; message: string };

export function mayAnswer(answered: readonly string[] | undefined, reader: string | undefined): BallotCheck {
  if (reader === undefined) {
    return { ok: false, message: 'Tu página no se identificó como lector: recárgala para poder votar.' };
  }
  if (answered?.includes(reader)) return { ok: false, message: 'Ya votaste en esta encuesta.' };
  if ((answered?.length ?? 0) >= MAX_ANSWERS)
    return { ok: false, message: 'Esta encuesta ya no admite más votos.' };
  return { ok: true };
}

export function recordAnswer(answered: readonly string[] | undefined, reader: string): string[] {
  return [...(answered ?? []), reader];
}
