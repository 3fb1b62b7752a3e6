/**
 * The room's guards against a hostile client, as pure rules with a hand-driven clock:
 * key throttling, configuration bounds, connection admission, presence, refs and ballots.
 */
import { describe, expect, it } from 'vitest';
import { failed, KEY_THROTTLE, type KeyRecord, KeyThrottle, mayTry } from '../../party/core/access';
import { listed, mayAnswer, recordAnswer } from '../../party/core/ballot';
import { BOUNDS, MIN_TEACHER_KEY, readConfig } from '../../party/core/config';
import { REF_MEMORY, rememberRef, seqOfRef } from '../../party/core/notifications';
import { Presence, presenceDelayMs } from '../../party/core/presence';
import {
  ABUSE_PENALTY_S,
  CONNECT_LIMITS,
  Concurrency,
  ConnectGate,
  clientAddress,
} from '../../party/core/rate';
import { RoomCore } from '../../party/core/room';
import { emptyState, type MemberState } from '../../party/core/state';
import { OLDEST_PROTOCOL_VERSION, PROTOCOL_VERSION, versionAccepted } from '../../party/wire/version';

const KEY = 'una-clave-larga-de-prueba';

describe('access: key throttling per address', () => {
  it('never locks out a teacher who mistypes twice', () => {
    let record = failed(undefined, 0);
    record = failed(record, 1000);
    expect(mayTry(record, 1000)).toEqual({ ok: true });
  });

  it('grows the lockout with each failure past the free ones, up to a ceiling', () => {
    let record: KeyRecord | undefined;
    let now = 0;
    const waits: number[] = [];
    for (let i = 0; i < 20; i++) {
      record = failed(record, now);
      waits.push(record.until === 0 ? 0 : record.until - now);
      now = Math.max(now, record.until);
    }
    expect(waits.slice(0, KEY_THROTTLE.free)).toEqual([0, 0, 0]);
    expect(waits[KEY_THROTTLE.free]).toBe(KEY_THROTTLE.baseMs);
    expect(waits[KEY_THROTTLE.free + 1]).toBe(2 * KEY_THROTTLE.baseMs);
    expect(waits[KEY_THROTTLE.free + 2]).toBe(4 * KEY_THROTTLE.baseMs);
    expect(Math.max(...waits)).toBe(KEY_THROTTLE.maxMs);
  });

  it('says how long to wait, and lets the address try again once it has passed', () => {
    let record: KeyRecord | undefined;
    for (let i = 0; i <= KEY_THROTTLE.free; i++) record = failed(record, 0);
    expect(mayTry(record, 500)).toEqual({ ok: false, retryAfterS: 2 });
    expect(mayTry(record, KEY_THROTTLE.baseMs)).toEqual({ ok: true });
  });

  it('forgets an address that stayed quiet long enough', () => {
    let record: KeyRecord | undefined;
    for (let i = 0; i < 8; i++) record = failed(record, 0);
    const later = failed(record, KEY_THROTTLE.forgetMs + 1);
    expect(later.failures).toBe(1);
    expect(later.until).toBe(0);
  });

  it('locks out only the guessing address: the teacher elsewhere keeps trying', () => {
    const throttle = new KeyThrottle();
    for (let i = 0; i < 10; i++) throttle.fail('atacante', 0);
    expect(throttle.check('atacante', 0).ok).toBe(false);
    expect(throttle.check('docente', 0)).toEqual({ ok: true });
  });

  it('over a socket: a typed error with retryAfter, and a close with 1008 at the fifth wrong key', () => {
    let now = 0;
    const core = new RoomCore('clase-1', emptyState(), { teacherKey: KEY, now: () => now });
    let member: MemberState = core.newMember('lectorabc123', '10.0.0.9');
    const codes: string[] = [];
    let close: number | undefined;
    for (let i = 0; i < KEY_THROTTLE.perSocket && close === undefined; i++) {
      const decision = core.receive({ type: 'auth', key: `mal-${String(i)}` }, member);
      member = decision.member ?? member;
      if (decision.reply?.type === 'error') codes.push(decision.reply.code);
      if (decision.reply?.type === 'error' && decision.reply.code === 'key_throttled') {
        expect(decision.reply.retryAfter).toBeGreaterThan(0);
      }
      close = decision.close?.code;
      now += 10;
    }
    expect(codes).toEqual(['wrong_key', 'wrong_key', 'wrong_key', 'wrong_key', 'key_throttled']);
    expect(close).toBe(1008);
    // The right key from another address is accepted at once.
    const teacher = core.receive({ type: 'auth', key: KEY }, core.newMember(undefined, '10.0.0.1'));
    expect(teacher.reply).toEqual({ type: 'role', role: 'teacher' });
  });

  it('keeps a lockout across a wake-up, from the records the adapter stored', () => {
    const first = new RoomCore('clase-1', emptyState(), { teacherKey: KEY, now: () => 0 });
    let access: [string, ReturnType<typeof failed>] | undefined;
    for (let i = 0; i < 6; i++) {
      const decision = first.receive({ type: 'auth', key: 'mal' }, first.newMember(undefined, 'x'));
      if (decision.access?.record) access = [decision.access.address, decision.access.record];
    }
    const woken = new RoomCore('clase-1', emptyState(), {
      teacherKey: KEY,
      now: () => 1,
      keyRecords: access ? [access] : [],
    });
    const decision = woken.receive({ type: 'auth', key: KEY }, woken.newMember(undefined, 'x'));
    expect(decision.reply).toMatchObject({ type: 'error', code: 'key_throttled' });
  });
});

describe('config: bounds and a clear error at start', () => {
  it(`refuses a teacher key shorter than ${String(MIN_TEACHER_KEY)} characters`, () => {
    const result = readConfig({ TEACHER_KEY: 'profe-local' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatch(/TEACHER_KEY tiene 11 caracteres y el mínimo es 16/);
    expect(readConfig({ TEACHER_KEY: KEY })).toMatchObject({ ok: true, config: { teacherKey: KEY } });
    expect(readConfig({})).toMatchObject({ ok: true, config: { teacherKey: undefined } });
  });

  it('bounds SILENCE_MS, and keeps the values the tests use', () => {
    expect(readConfig({})).toMatchObject({ ok: true, config: { silenceMs: BOUNDS.SILENCE_MS.fallback } });
    for (const ok of ['3000', '30000', 60_000]) {
      expect(readConfig({ SILENCE_MS: ok }).ok, String(ok)).toBe(true);
    }
    for (const bad of ['0', '-5', '10', 'mucho', '1e9', '3000.5', String(BOUNDS.SILENCE_MS.max + 1)]) {
      const result = readConfig({ SILENCE_MS: bad });
      expect(result.ok, bad).toBe(false);
      expect(!result.ok && result.problems[0]).toMatch(/SILENCE_MS debe ser un número entero de 1000 a/);
    }
  });

  it('checks that each allowed origin is an origin', () => {
    expect(readConfig({ ALLOWED_ORIGINS: 'https://a.example, https://b.example/' })).toMatchObject({
      ok: true,
      config: { allowedOrigins: ['https://a.example', 'https://b.example'] },
    });
    expect(readConfig({ ALLOWED_ORIGINS: 'a.example/curso' }).ok).toBe(false);
  });
});

describe('rate: connection admission per address', () => {
  it('reads the client address from CF-Connecting-IP, and one local address without it', () => {
    expect(clientAddress(new Headers({ 'cf-connecting-ip': '203.0.113.7' }))).toBe('203.0.113.7');
    expect(clientAddress(new Headers())).toBe('local');
  });

  it('caps the sockets one address holds, far above a class behind one NAT', () => {
    const gate = new ConnectGate();
    expect(gate.admit('escuela', 360, 0).ok).toBe(true);
    expect(gate.admit('escuela', CONNECT_LIMITS.socketsPerAddress, 0)).toMatchObject({
      ok: false,
      code: 'too_many_connections',
    });
    expect(gate.admit('otra', CONNECT_LIMITS.socketsPerAddress - 1, 0).ok).toBe(true);
  });

  it('lets a whole class join at once, but not a reconnect loop', () => {
    const gate = new ConnectGate();
    let admitted = 0;
    for (let i = 0; i < 1000; i++) if (gate.admit('bucle', 0, i).ok) admitted++;
    expect(admitted).toBeGreaterThanOrEqual(CONNECT_LIMITS.churn.burst);
    expect(admitted).toBeLessThan(CONNECT_LIMITS.churn.burst + 20);
    expect(gate.admit('vecino', 0, 1000).ok).toBe(true);
  });

  it('cools an abuser down after each cut, for longer each time', () => {
    const gate = new ConnectGate();
    gate.punish('abusón', 0);
    expect(gate.admit('abusón', 0, 1000)).toMatchObject({ ok: false, code: 'cooling_down' });
    expect(gate.admit('abusón', 0, CONNECT_LIMITS.coolDownMs).ok).toBe(true);
    gate.punish('abusón', 10_000);
    expect(gate.admit('abusón', 0, 10_000 + CONNECT_LIMITS.coolDownMs).ok).toBe(false);
    expect(gate.admit('otro', 0, 10_001).ok).toBe(true);
  });

  it('caps concurrent delays per address and per room', () => {
    const slots = new Concurrency(4, 2);
    expect(slots.acquire('a')).toEqual({ ok: true });
    expect(slots.acquire('a')).toEqual({ ok: true });
    expect(slots.acquire('a')).toEqual({ ok: false, scope: 'address' });
    expect(slots.acquire('b')).toEqual({ ok: true });
    expect(slots.acquire('c')).toEqual({ ok: true });
    expect(slots.acquire('d')).toEqual({ ok: false, scope: 'room' });
    slots.release('a');
    expect(slots.acquire('d')).toEqual({ ok: true });
  });
});

describe('rate: an abuser gains nothing by coming back', () => {
  it('takes away the broadcast shares of an address the room cut for flooding', () => {
    let now = 0;
    const core = new RoomCore('clase-1', emptyState(), { now: () => now });
    let flooder = core.newMember(undefined, 'abusón');
    let cut = false;
    for (let i = 0; i < 100 && !cut; i++) {
      const decision = core.admit({ binary: false, bytes: 10 }, flooder);
      flooder = decision.member ?? flooder;
      cut = decision.close?.code === 1008;
    }
    expect(cut).toBe(true);
    now += 5_000; // back after the cool-down, on a fresh socket
    const back = core.receive({ type: 'react', reaction: '👍' }, core.newMember(undefined, 'abusón'));
    expect(back.broadcast).toBeUndefined();
    expect(back.reply).toMatchObject({ code: 'rate_limited' });
    const other = core.receive({ type: 'react', reaction: '👍' }, core.newMember(undefined, 'vecina'));
    expect(other.broadcast).toBeDefined();
    now += ABUSE_PENALTY_S * 1000 + 1000;
    expect(
      core.receive({ type: 'react', reaction: '👍' }, core.newMember(undefined, 'abusón')).broadcast,
    ).toBeDefined();
  });
});

describe('presence: readers counted incrementally', () => {
  it('counts readers, not sockets, and leaves out sockets without a reader id', () => {
    const presence = new Presence();
    presence.join('s1', { reader: 'r1', address: 'a' });
    presence.join('s2', { reader: 'r1', address: 'a' });
    presence.join('s3', { reader: 'r2', address: 'b' });
    presence.join('s4', { address: 'a' });
    expect(presence.count).toBe(2);
    expect(presence.socketsFrom('a')).toBe(3);
    presence.leave('s1');
    expect(presence.count).toBe(2);
    presence.leave('s2');
    expect(presence.count).toBe(1);
  });

  it('counts a socket once even if joined or left twice', () => {
    const presence = new Presence();
    presence.join('s1', { reader: 'r1', address: 'a' });
    presence.join('s1', { reader: 'r1', address: 'a' });
    presence.leave('s1');
    presence.leave('s1');
    expect(presence.count).toBe(0);
    expect(presence.socketsFrom('a')).toBe(0);
    expect(presence.sockets).toBe(0);
  });

  it('waits longer to announce in a bigger room, so announcing never costs more than the joins', () => {
    // A class moves its count within half a second...
    expect(presenceDelayMs(30)).toBe(500);
    // ...while a thousand arrivals share one broadcast every two seconds (one send per
    // socket per 2 ms at most), and no room waits more than five seconds.
    expect(presenceDelayMs(1000)).toBe(2000);
    expect(presenceDelayMs(100_000)).toBe(5000);
    for (const sockets of [1, 250, 1000, 2500]) {
      expect(sockets / presenceDelayMs(sockets)).toBeLessThanOrEqual(0.5);
    }
  });
});

describe('notifications and ballots', () => {
  it('remembers the last accepted refs, bounded', () => {
    let refs: [string, number][] | undefined;
    for (let seq = 1; seq <= REF_MEMORY + 5; seq++) refs = rememberRef(refs, `r${String(seq)}`, seq);
    expect(refs).toHaveLength(REF_MEMORY);
    expect(seqOfRef(refs, 'r1')).toBeUndefined();
    expect(seqOfRef(refs, `r${String(REF_MEMORY + 5)}`)).toBe(REF_MEMORY + 5);
  });

  it('answers a repeated push ref with the first ack and no second notification', () => {
    const core = new RoomCore('clase-1', emptyState(), { teacherKey: KEY });
    const teacher: MemberState = { role: 'teacher' };
    const first = core.receive({ type: 'push', text: 'Examen', ref: 'abc-1' }, teacher);
    const retry = core.receive({ type: 'push', text: 'Examen', ref: 'abc-1' }, teacher);
    expect(first.reply).toEqual({ type: 'ack', ref: 'abc-1', seq: 1 });
    expect(retry.reply).toEqual({ type: 'ack', ref: 'abc-1', seq: 1 });
    expect(retry.broadcast).toBeUndefined();
    expect(core.lastSeq).toBe(1);
  });

  it('takes one answer per reader, and none from a page without a reader id', () => {
    expect(mayAnswer(listed(), 'r1')).toEqual({ ok: true });
    expect(mayAnswer(listed(recordAnswer(undefined, 'r1')), 'r1')).toMatchObject({ ok: false });
    expect(mayAnswer(listed(['r1']), 'r2')).toEqual({ ok: true });
    expect(mayAnswer(listed([]), undefined)).toMatchObject({ ok: false });
  });

  it('accepts its own version and those in its window, nothing else', () => {
    expect(versionAccepted(null)).toBe(true);
    expect(versionAccepted(String(PROTOCOL_VERSION))).toBe(true);
    expect(versionAccepted(String(OLDEST_PROTOCOL_VERSION))).toBe(true);
    // Version 5 renamed the wire: a version-4 page cannot read it and must reload.
    expect(versionAccepted('4')).toBe(false);
    expect(versionAccepted(String(PROTOCOL_VERSION + 1))).toBe(false);
    expect(versionAccepted('x')).toBe(false);
  });
});
