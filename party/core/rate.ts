/**
 * Budgets: token buckets, per-address shares of the room's budgets, connection churn and
 * concurrency caps. No PartyKit import.
 *
 * A client address is the `CF-Connecting-IP` header, which Cloudflare sets and a client
 * cannot forge there; without it (local `partykit dev`) every client is one local address.
 */

export interface Bucket {
  tokens: number;
  at: number;
}

export interface Rate {
  perSecond: number;
  burst: number;
}

/** A token bucket: refills continuously, spends one token per event. */
export function take(bucket: Bucket | undefined, rate: Rate, now: number): { ok: boolean; bucket: Bucket } {
  const prior = bucket ?? { tokens: rate.burst, at: now };
  const elapsed = Math.max(0, now - prior.at) / 1000;
  const tokens = Math.min(rate.burst, prior.tokens + elapsed * rate.perSecond);
  if (tokens < 1) return { ok: false, bucket: { tokens, at: now } };
  return { ok: true, bucket: { tokens: tokens - 1, at: now } };
}

/** Seconds until a bucket that just refused holds a whole token again. */
export function retryAfterS(bucket: Bucket, rate: Rate): number {
  return Math.max(1, Math.ceil((1 - bucket.tokens) / rate.perSecond));
}

/** The address of a request without the header: everything local is one client. */
export const LOCAL_ADDRESS = 'local';

export function clientAddress(headers: { get(name: string): string | null }): string {
  const value = headers.get('cf-connecting-ip')?.trim();
  return value && value.length <= 64 ? value : LOCAL_ADDRESS;
}

/** How many addresses a keyed budget remembers; the stalest are dropped beyond this. */
const MAX_KEYS = 10_000;

/**
 * One bucket per key (a client address), in memory. Bounded: past `MAX_KEYS` the least
 * recently used is dropped, which only ever makes that address's budget fuller again.
 * Lost on hibernation, which is lenient, never stricter: the room-wide cap still holds.
 */
export class KeyedBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly rate: Rate) {}

  /** Spends one token of `key`'s bucket; on refusal, the seconds to wait. */
  take(key: string, now: number): { ok: true } | { ok: false; retryAfterS: number } {
    const result = take(this.buckets.get(key), this.rate, now);
    this.buckets.delete(key);
    this.buckets.set(key, result.bucket);
    if (this.buckets.size > MAX_KEYS) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    return result.ok ? { ok: true } : { ok: false, retryAfterS: retryAfterS(result.bucket, this.rate) };
  }

  /** Empties `key`'s bucket and puts it `seconds` in debt: nothing for that long. */
  drain(key: string, now: number, seconds: number): void {
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: -seconds * this.rate.perSecond, at: now });
  }
}

/**
 * How long an address cut off for abuse (a flood, five wrong keys) may not spend any of
 * its shares of the room's broadcasts: coming back after the cool-down buys it nothing.
 */
export const ABUSE_PENALTY_S = 30;

export const CONNECT_LIMITS = {
  /**
   * Sockets one address may hold in one room: far above a school behind one NAT (a class
   * of 60, three live demos per lesson, a second tab each is 360), far below a flood.
   */
  socketsPerAddress: 400,
  /**
   * New connections per address: a whole class joining at once fits the burst; a script
   * reconnecting in a loop does not.
   */
  churn: { perSecond: 5, burst: 400 },
  /** After the room cuts an address off for abuse, it refuses that address this long… */
  coolDownMs: 2_000,
  /** …doubling on each further cut, up to this, and forgiven after `forgetMs` of calm. */
  maxCoolDownMs: 60_000,
  forgetMs: 10 * 60_000,
} as const;

interface Strikes {
  count: number;
  until: number;
  last: number;
}

export type Admission =
  | { ok: true }
  | { ok: false; code: 'cooling_down' | 'too_many_connections'; retryAfterS: number };

/**
 * Decides, before any room work, whether an address may open one more socket: within its
 * socket cap, its churn budget, and not in a cool-down after an abuse close. O(1).
 */
export class ConnectGate {
  private readonly churn = new KeyedBuckets(CONNECT_LIMITS.churn);
  private readonly strikes = new Map<string, Strikes>();

  admit(address: string, sockets: number, now: number): Admission {
    const strike = this.strikes.get(address);
    if (strike && now < strike.until) {
      return { ok: false, code: 'cooling_down', retryAfterS: Math.ceil((strike.until - now) / 1000) };
    }
    if (sockets >= CONNECT_LIMITS.socketsPerAddress) {
      return { ok: false, code: 'too_many_connections', retryAfterS: 10 };
    }
    const churn = this.churn.take(address, now);
    return churn.ok ? churn : { ok: false, code: 'too_many_connections', retryAfterS: churn.retryAfterS };
  }

  /**
   * The room cut a socket of `address` for abuse: its next connects wait a growing while.
   * Returns until when.
   */
  punish(address: string, now: number): number {
    const prior = this.strikes.get(address);
    const count = prior && now - prior.last < CONNECT_LIMITS.forgetMs ? prior.count + 1 : 1;
    const wait = Math.min(CONNECT_LIMITS.maxCoolDownMs, CONNECT_LIMITS.coolDownMs * 2 ** (count - 1));
    this.strikes.delete(address);
    this.strikes.set(address, { count, until: now + wait, last: now });
    if (this.strikes.size > MAX_KEYS) {
      const oldest = this.strikes.keys().next().value;
      if (oldest !== undefined) this.strikes.delete(oldest);
    }
    return now + wait;
  }
}

/**
 * Cool-downs as the worker in front of the rooms knows them, so a cut abuser's reconnects
 * are answered with a 429 before they reach the room at all. Best effort: it holds what this
 * isolate's rooms reported (all of them locally; on the edge, the rooms in the same
 * isolate), and the room's own `ConnectGate` stays the rule.
 */
export class TurnedAway {
  private readonly until = new Map<string, number>();

  note(room: string, address: string, until: number): void {
    const key = `${room}|${address}`;
    this.until.delete(key);
    this.until.set(key, until);
    if (this.until.size > MAX_KEYS) {
      const oldest = this.until.keys().next().value;
      if (oldest !== undefined) this.until.delete(oldest);
    }
  }

  /** Seconds the address must still wait before connecting to `room`, or 0. */
  waitS(room: string, address: string, now: number): number {
    const until = this.until.get(`${room}|${address}`);
    if (until === undefined) return 0;
    if (until <= now) {
      this.until.delete(`${room}|${address}`);
      return 0;
    }
    return Math.ceil((until - now) / 1000);
  }
}

/** Counts requests held open (the delay demo) per room and per address. */
export class Concurrency {
  private total = 0;
  private readonly perKey = new Map<string, number>();

  constructor(
    private readonly maxTotal: number,
    private readonly maxPerKey: number,
  ) {}

  /** Takes a slot, or says why not; the caller must `release` a slot it got. */
  acquire(key: string): { ok: true } | { ok: false; scope: 'room' | 'address' } {
    const mine = this.perKey.get(key) ?? 0;
    if (mine >= this.maxPerKey) return { ok: false, scope: 'address' };
    if (this.total >= this.maxTotal) return { ok: false, scope: 'room' };
    this.total++;
    this.perKey.set(key, mine + 1);
    return { ok: true };
  }

  release(key: string): void {
    const mine = this.perKey.get(key) ?? 0;
    if (mine <= 1) this.perKey.delete(key);
    else this.perKey.set(key, mine - 1);
    this.total = Math.max(0, this.total - 1);
  }
}
