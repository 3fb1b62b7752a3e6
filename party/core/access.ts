/**
 * Teacher-key guessing, throttled per client address. No PartyKit import.
 *
 * A few failures cost nothing (a teacher who mistypes twice is never locked out); after
 * that each failure doubles the lockout, up to a ceiling. The lockout belongs to one
 * address, never to the room, so an attacker elsewhere can never lock the teacher out.
 * While locked out, a key is not even compared: guessing gets no information.
 */
import { CLOSE_REASONS } from '../../src/i18n/errors';
import { type ErrorMessage, errorOf } from '../wire/errors';
import { penalize } from './flood';
import { LOCAL_ADDRESS } from './rate';
import type { Decision, MemberState, RoomContext } from './state';

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

/**
 * Compares two secrets in time that depends only on the expected secret's length, not on
 * where they differ. Synchronous on purpose: an `auth` followed at once by a `push` must
 * be decided in order, with no await between them.
 */
export function secretsMatch(given: string, expected: string): boolean {
  const encoder = new TextEncoder();
  const a = encoder.encode(given);
  const b = encoder.encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i % Math.max(a.length, 1)] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** The key in an `Authorization: Bearer <key>` header, if there is one. */
export function bearerOf(header: string | null): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim() || undefined;
}

export type KeyResult =
  | { ok: true; cleared: boolean }
  | { ok: false; error: ErrorMessage; record?: KeyRecord };

/**
 * Checks a teacher key for one address: refused unseen while the address is locked out,
 * each failure recorded (`record`, to store). `cleared`: a right key forgave old typos.
 */
export function checkKey(room: RoomContext, key: string, address: string): KeyResult {
  const expected = room.teacherKey;
  if (!expected) {
    return {
      ok: false,
      error: errorOf('no_teacher_key'),
    };
  }
  const allowed = room.keys.check(address, room.now());
  if (!allowed.ok) {
    const error = errorOf('key_throttled', { seconds: allowed.retryAfterS });
    return { ok: false, error: { ...error, retryAfter: allowed.retryAfterS } };
  }
  if (!secretsMatch(key, expected)) {
    const record = room.keys.fail(address, room.now());
    return { ok: false, error: errorOf('wrong_key'), record };
  }
  return { ok: true, cleared: room.keys.succeed(address) };
}

/** `auth` on a socket: the teacher role, or a refusal; five wrong keys close the socket. */
export function authorize(room: RoomContext, key: string, member: MemberState): Decision {
  const address = member.address ?? LOCAL_ADDRESS;
  const checked = checkKey(room, key, address);
  if (checked.ok) {
    return {
      reply: { type: 'role', role: 'teacher' },
      member: { ...member, role: 'teacher', badKeys: 0 },
      ...(checked.cleared ? { access: { address, record: null } } : {}),
    };
  }
  const badKeys = (member.badKeys ?? 0) + 1;
  const decision: Decision = { reply: checked.error, member: { ...member, badKeys } };
  if (checked.record) decision.access = { address, record: checked.record };
  if (badKeys >= KEY_THROTTLE.perSocket) {
    decision.close = { code: 1008, reason: CLOSE_REASONS.badKeys };
    decision.abuse = true;
    penalize(room, address);
  }
  return decision;
}
