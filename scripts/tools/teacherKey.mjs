// @ts-check
/**
 * The teacher key of the local rooms: `npm start`, the preview, a test file or a bench.
 * Deployed rooms use a secret; nothing here is ever written in the repository.
 */
import { randomBytes } from 'node:crypto';

/** The shortest teacher key the room accepts. */
export const MIN_TEACHER_KEY = 16;

/** A fresh random teacher key: 32 hex characters, unguessable, never written in the repository. */
export function randomTeacherKey() {
  return randomBytes(16).toString('hex');
}

/**
 * The teacher key of the local rooms this process starts (npm start, preview, a test file, a
 * bench): `TEACHER_KEY` from the environment, or a random one drawn once per process, so a
 * key read in a guide or seen on another run opens nothing. Deployed rooms use a secret.
 */
export const LOCAL_TEACHER_KEY = process.env.TEACHER_KEY || randomTeacherKey();

/**
 * What `npm start` and the preview print about the key, like a notebook server its token;
 * or, for a `TEACHER_KEY` the room would refuse, the reason (Spanish), to stop before starting.
 * @param {string} key
 * @returns {{ ok: true, lines: string[] } | { ok: false, error: string }}
 */
export function describeLocalKey(key) {
  if (key.length < MIN_TEACHER_KEY)
    return {
      ok: false,
      error: `TEACHER_KEY tiene ${String(key.length)} caracteres; la sala exige al menos ${String(MIN_TEACHER_KEY)}. Quítala para usar una clave aleatoria.`,
    };
  const origin = process.env.TEACHER_KEY
    ? 'la de TEACHER_KEY'
    : 'nueva en cada arranque; fija una con TEACHER_KEY=…';
  return { ok: true, lines: [`clave de docente: ${key}`, `  (${origin}; escríbela en «Soy docente»)`] };
}
