/**
 * Teacher-key guessing, throttled per client address. No PartyKit import.
 *
 * A few failures cost nothing (a teacher who mistypes twice is never locked out); after
 * that each failure doubles the lockout, up to a ceiling. The lockout belongs to one
 * address, never to the room, so an attacker elsewhere can never lock the teacher out.
 * While locked out, a key is not even compared: guessing gets no information.
 */

export const KEY_THROTTLE = {
  /** Failures an address may make before any lockout. */
  free: 3,
  /** The lockout after the first failure past `free`; each later one doubles it. */
  baseMs: 2_000,
  /** The longest lockout. */
  maxMs: 15 * 60_000,
  /** A record this long untouched is forgotten: the address starts afresh. */
  forgetMs: 60 * 60_000,
  /** Wrong keys one socket may send before the room closes it (1008). */
  perSocket: 5,
  /** Addresses remembered at once; the stalest go first beyond this. */
  maxRecords: 10_000,
} as const;

export interface KeyRecord {
  failures: number;
  /** Until when this address may not try (ms since the epoch); 0 when it may. */
  until: number;
  /** The last failure. */
  last: number;
}

export type KeyCheck = { ok: true } | { ok: false; retryAfterS: number };

/** Whether an address may try a key now. */
export function mayTry(record: KeyRecord | undefined, now: number): KeyCheck {
  if (!record || now >= record.until) return { ok: true };
  return { ok: false, retryAfterS: Math.max(1, Math.ceil((record.until - now) / 1000)) };
}

/** The record after one more failure. */
export function failed(record: KeyRecord | undefined, now: number): KeyRecord {
  const prior = record && now - record.last < KEY_THROTTLE.forgetMs ? record.failures : 0;
  const failures = prior + 1;
  const over = failures - KEY_THROTTLE.free;
  const lockMs = over <= 0 ? 0 : Math.min(KEY_THROTTLE.maxMs, KEY_THROTTLE.baseMs * 2 ** (over - 1));
  return { failures, until: lockMs === 0 ? 0 : now + lockMs, last: now };
}

/**
 * The key records of one room, by address: bounded, and forgetting the stale. The adapter
 * writes each changed record to storage (`changed`) and loads them all when the room
 * wakes, so a lockout survives hibernation and restarts.
 */
export class KeyThrottle {
  private readonly records = new Map<string, KeyRecord>();

  constructor(loaded: Iterable<[string, KeyRecord]> = []) {
    for (const [address, record] of loaded) this.records.set(address, record);
  }

  check(address: string, now: number): KeyCheck {
    return mayTry(this.records.get(address), now);
  }

  /** Records a failure and returns the new record, to store. */
  fail(address: string, now: number): KeyRecord {
    const record = failed(this.records.get(address), now);
    this.records.delete(address);
    this.records.set(address, record);
    if (this.records.size > KEY_THROTTLE.maxRecords) this.forgetStale(now);
    return record;
  }

  /** The right key clears the address's record: its earlier typos are forgiven. */
  succeed(address: string): boolean {
    return this.records.delete(address);
  }

  private forgetStale(now: number): void {
    for (const [address, record] of this.records) {
      if (this.records.size <= KEY_THROTTLE.maxRecords && now - record.last < KEY_THROTTLE.forgetMs) break;
      this.records.delete(address);
    }
  }
}

export const KEY_THROTTLED_MESSAGE = (seconds: number): string =>
  `Demasiadas claves incorrectas desde tu conexión: espera ${String(seconds)} s antes de volver a probar.`;
