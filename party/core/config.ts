/**
 * The room's settings, read from its environment once and checked: a setting out of
 * bounds stops the room with a clear message rather than running with a surprise.
 * No PartyKit import.
 */
import { errorText } from '../../src/i18n/errors';

/** A teacher key shorter than this is refused: guessing must be hopeless, not just slow. */
export const MIN_TEACHER_KEY = 16;

/** The bounds of each numeric setting, in milliseconds. */
export const BOUNDS = {
  SILENCE_MS: { min: 1_000, max: 10 * 60_000, fallback: 60_000 },
} as const;

export interface RoomConfig {
  /** Without one, nobody can become teacher. */
  teacherKey: string | undefined;
  silenceMs: number;
  /** `ALLOWED_ORIGINS`, parsed; empty allows every origin. */
  allowedOrigins: string[];
}

export type ConfigResult = { ok: true; config: RoomConfig } | { ok: false; problems: string[] };

type Env = Record<string, unknown>;

export function readConfig(env: Env): ConfigResult {
  const problems: string[] = [];
  const key = env['TEACHER_KEY'];
  let teacherKey: string | undefined;
  if (typeof key === 'string' && key.length > 0) {
    if (key.length < MIN_TEACHER_KEY) {
      problems.push(
        `TEACHER_KEY tiene ${String(key.length)} caracteres y el mínimo es ${String(MIN_TEACHER_KEY)}: usa una clave larga y aleatoria (p. ej. «openssl rand -base64 24»).`,
      );
    } else teacherKey = key;
  }
  const silenceMs = readNumber(env, 'SILENCE_MS', problems);
  const allowedOrigins = parseOrigins(env['ALLOWED_ORIGINS'], problems);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, config: { teacherKey, silenceMs, allowedOrigins } };
}

function readNumber(env: Env, name: keyof typeof BOUNDS, problems: string[]): number {
  const { min, max, fallback } = BOUNDS[name];
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = typeof raw === 'number' ? raw : Number(String(raw).trim());
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(
      `${name} debe ser un número entero de ${String(min)} a ${String(max)}; llegó «${String(raw).slice(0, 40)}».`,
    );
    return fallback;
  }
  return value;
}

function parseOrigins(raw: unknown, problems: string[]): string[] {
  if (raw === undefined || raw === '') return [];
  if (typeof raw !== 'string') {
    problems.push('ALLOWED_ORIGINS debe ser una lista de orígenes separados por comas.');
    return [];
  }
  const origins = raw
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      problems.push(
        `ALLOWED_ORIGINS: «${origin.slice(0, 60)}» no es un origen (esquema y host, p. ej. https://curso.example).`,
      );
    }
  }
  return origins;
}

/** What every request and connection gets while the configuration is wrong. */
export function configErrorMessage(problems: string[]): string {
  return errorText('config_invalid', { problems });
}

/**
 * Whether a request from `origin` may reach the room. WebSocket upgrades need an allowed
 * Origin when the list is set; plain HTTP without one is a non-browser client or a
 * same-origin GET, which CORS never protected anyway.
 */
export function originAllowed(
  origin: string | null,
  allowed: readonly string[],
  requireOrigin: boolean,
): boolean {
  if (allowed.length === 0) return true;
  if (origin === null) return !requireOrigin;
  return allowed.includes(origin);
}
