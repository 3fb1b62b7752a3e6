import { describe, expect, it } from 'vitest';
import { secretsMatch } from '../../party/core/access';
import { originAllowed } from '../../party/core/config';
import { LIMITS } from '../../party/core/limits';
import { findSilent } from '../../party/core/presence';
import { take } from '../../party/core/rate';
import { RoomCore } from '../../party/core/room';
import { type Decision, emptyState, type MemberState } from '../../party/core/state';
import type { ClientMessage } from '../../party/wire/clientMessages';
import { connectQuery, parseConnectQuery } from '../../party/wire/connectQuery';
import { isValidRoomName } from '../../party/wire/vocabulary';
import { OUTBOX_LIMIT } from '../../src/lib/outbox';

/** A room with a hand-driven clock. */
function room(id = 'clase-1', key: string | null = 'profe') {
  let now = 1_000_000;
  const core = new RoomCore(id, emptyState(), { teacherKey: key ?? undefined, now: () => now });
  return { core, tick: (ms: number) => (now += ms) };
}

function run(core: RoomCore, member: MemberState, message: ClientMessage): Decision {
  return core.receive(message, member);
}

const reader: MemberState = { role: 'reader' };
const teacher: MemberState = { role: 'teacher' };

describe('room core: presence', () => {
  it('accepts only a short random page id as a reader, and reads the opt-in extras', () => {
    const parse = (q: string) => parseConnectQuery(new URLSearchParams(q));
    expect(parse('reader=a1b2c3d4e5f60718').reader).toBe('a1b2c3d4e5f60718');
    expect(parse('reader=%3Cscript%3E').reader).toBeUndefined();
    expect(parse('').reader).toBeUndefined();
    expect(parse('since=12&events=1')).toEqual({ since: 12, handshake: false, events: true });
    expect(parse('since=-1&events=yes').since).toBeUndefined();
    // What room-client sends, the room reads back unchanged.
    const sent = connectQuery({ version: 5, reader: 'a1b2c3d4e5f60718', since: 3, extras: ['handshake'] });
    expect(parse(new URLSearchParams(sent).toString())).toEqual({
      reader: 'a1b2c3d4e5f60718',
      since: 3,
      handshake: true,
      events: false,
    });
  });

  it('welcomes a newcomer as a reader and tells everyone the new count', () => {
    const { core } = room();
    const decision = core.join(3);
    expect(decision.reply).toMatchObject({
      type: 'welcome',
      room: 'clase-1',
      count: 3,
      role: 'reader',
      lastSeq: 0,
    });
    expect(decision.presenceChanged).toBe(true);
    expect(decision.member).toMatchObject({ role: 'reader', seen: 1_000_000 });
  });

  it('has the count announced when someone leaves', () => {
    expect(room().core.leave()).toEqual({ presenceChanged: true });
  });
});

describe('room core: silent connections', () => {
  it('finds the members not heard from within the window', () => {
    const members = [
      { id: 'vivo', member: { role: 'reader' as const, seen: 95_000 } },
      { id: 'congelado', member: { role: 'reader' as const, seen: 30_000 } },
      { id: 'sin-datos', member: null },
    ];
    expect(findSilent(members, 100_000, 60_000)).toEqual(['congelado']);
  });

  it('refreshes a member every time one of its frames is admitted', () => {
    const { core, tick } = room();
    const member = core.newMember();
    tick(5000);
    expect(core.admit({ binary: false, bytes: 10 }, member).member?.seen).toBe(1_005_000);
  });
});

describe('room core: names', () => {
  it.each(['demo', 'clase-1', 'a', '2b-redes'])('accepts %s', (name) =>
    expect(isValidRoomName(name)).toBe(true),
  );
  it.each(['', 'Clase', 'clase_1', '-x', 'x-', 'a'.repeat(49), 'sala/otra', 'ñandú'])('refuses %j', (name) =>
    expect(isValidRoomName(name)).toBe(false),
  );
});

describe('room core: seq and history', () => {
  it('gives each push the next seq, starting at 1', async () => {
    const { core } = room();
    const first = await run(core, teacher, { type: 'push', text: 'uno' });
    const second = await run(core, teacher, { type: 'push', text: 'dos', level: 'urgent', ref: 'r2' });
    expect(first.broadcast).toMatchObject({ type: 'notification', seq: 1, text: 'uno', level: 'info' });
    expect(second.broadcast).toMatchObject({ type: 'notification', seq: 2, level: 'urgent' });
    expect(second.reply).toEqual({ type: 'ack', ref: 'r2', seq: 2 });
    expect(second.persist).toBe(true);
  });

  it(`keeps only the last ${String(LIMITS.historySize)}`, () => {
    const { core } = room();
    for (let i = 1; i <= 60; i++) core.accept({ text: `n${String(i)}` }, true, 'local');
    const { history } = core.catchUp();
    expect(history).toHaveLength(50);
    expect(history[0]?.seq).toBe(11);
    expect(history.at(-1)?.seq).toBe(60);
    expect(core.checkpoint().history).toHaveLength(50);
  });

  it('continues the sequence from a stored state', () => {
    const core = new RoomCore('clase-1', { seq: 7, history: [{ seq: 7, text: 'x', level: 'info', at: 1 }] });
    expect(core.accept({ text: 'y', level: 'info' }, true, 'local')).toMatchObject({ seq: 8 });
  });

  it('sends a newcomer everything kept, oldest first', () => {
    const { core } = room();
    for (const text of ['a', 'b', 'c']) core.accept({ text }, true, 'local');
    const welcome = core.join(1).reply;
    expect(welcome?.type === 'welcome' && welcome.history.map((n) => n.text)).toEqual(['a', 'b', 'c']);
  });
});

describe('room core: catch-up ranges', () => {
  const filled = () => {
    const { core } = room();
    for (let i = 1; i <= 60; i++) core.accept({ text: `n${String(i)}` }, true, 'local');
    return core;
  };

  it('returns exactly what came after since, in order', () => {
    expect(filled().catchUp(57)).toEqual({
      history: [58, 59, 60].map((seq) => expect.objectContaining({ seq })),
      gap: false,
    });
  });

  it('returns nothing for an up-to-date client', () => {
    expect(filled().catchUp(60)).toEqual({ history: [], gap: false });
  });

  it('flags a gap when the client missed more than the room keeps', () => {
    const result = filled().catchUp(3);
    expect(result.gap).toBe(true);
    expect(result.history[0]?.seq).toBe(11);
  });

  it('has no gap right at the edge of what is kept', () => {
    expect(filled().catchUp(10).gap).toBe(false);
  });

  it('sends everything when the client is ahead of the room (the room lost its state)', () => {
    expect(filled().catchUp(999).history).toHaveLength(50);
  });
});

describe('room core: roles', () => {
  it('forbids a reader from pushing in a class room', async () => {
    const decision = await run(room().core, reader, { type: 'push', text: 'hola', ref: 'x' });
    expect(decision.reply).toMatchObject({ type: 'error', code: 'forbidden', ref: 'x' });
    expect(decision.broadcast).toBeUndefined();
  });

  it('makes a client with the right key the teacher', async () => {
    const decision = await run(room().core, reader, { type: 'auth', key: 'profe' });
    expect(decision.reply).toEqual({ type: 'role', role: 'teacher' });
    expect(decision.member?.role).toBe('teacher');
  });

  it('refuses a wrong key with a Spanish error and keeps the reader a reader', async () => {
    const decision = await run(room().core, reader, { type: 'auth', key: 'PROFE' });
    expect(decision.reply).toEqual({
      type: 'error',
      code: 'wrong_key',
      message: 'Clave de docente incorrecta.',
    });
    expect(decision.member?.role).toBe('reader');
  });

  it('has no teacher at all when no key is configured', async () => {
    const decision = await run(room('clase-1', null).core, reader, { type: 'auth', key: 'cualquiera' });
    expect(decision.reply).toMatchObject({ code: 'no_teacher_key' });
  });

  it('lets anyone push a prepared notification in the demo room, never free text', async () => {
    const { core } = room('demo');
    const decision = await run(core, reader, { type: 'push', preset: 'warning', ref: 'a1' });
    expect(decision.broadcast).toMatchObject({ type: 'notification', seq: 1, level: 'warning' });
    const free = await run(core, reader, { type: 'push', text: 'http://spam.example', ref: 'a2' });
    expect(free.reply).toMatchObject({ type: 'error', code: 'preset_required', ref: 'a2' });
    expect(free.broadcast).toBeUndefined();
  });

  it('writes the text of a prepared notification itself: the clock and its own counter', async () => {
    const { core } = room('demo');
    const a = await run(core, reader, { type: 'push', preset: 'counter' });
    const b = await run(core, core.newMember(undefined, 'otra'), { type: 'push', preset: 'counter' });
    const hour = await run(core, core.newMember(undefined, 'tercera'), { type: 'push', preset: 'clock' });
    expect(a.broadcast).toMatchObject({ text: expect.stringContaining('número 1 ') });
    expect(b.broadcast).toMatchObject({ text: expect.stringContaining('número 2 ') });
    expect(hour.broadcast).toMatchObject({ text: expect.stringMatching(/\d\d:\d\d:\d\d/) });
  });

  it('broadcasts a reaction from the fixed set', async () => {
    const decision = await run(room().core, reader, { type: 'react', reaction: '👍' });
    expect(decision.broadcast).toMatchObject({ type: 'reaction', reaction: '👍' });
  });

  it('compares secrets by value', async () => {
    expect(secretsMatch('profe', 'profe')).toBe(true);
    expect(secretsMatch('profe', 'profe ')).toBe(false);
    expect(secretsMatch('', 'profe')).toBe(false);
  });
});

describe('room core: limits', () => {
  it('refills a token bucket over time', () => {
    const rate = { perSecond: 1, burst: 2 };
    let bucket = take(undefined, rate, 0).bucket;
    bucket = take(bucket, rate, 0).bucket;
    expect(take(bucket, rate, 0).ok).toBe(false);
    expect(take(bucket, rate, 1000).ok).toBe(true);
  });

  it('rate-limits a reader pushing in the demo room, without closing', async () => {
    const { core } = room('demo');
    let member = reader;
    const replies: string[] = [];
    for (let i = 0; i < 5; i++) {
      const decision = await run(core, member, { type: 'push', preset: 'clock' });
      member = decision.member ?? member;
      replies.push(decision.reply?.type === 'error' ? decision.reply.code : 'ok');
    }
    expect(replies).toEqual(['ok', 'ok', 'ok', 'rate_limited', 'rate_limited']);
  });

  it('caps the demo room as a whole, across readers on many addresses', () => {
    const { core, tick } = room('demo');
    const results = Array.from(
      { length: 12 },
      (_, i) => 'code' in core.accept({ preset: 'clock' }, false, `10.0.0.${String(i)}`),
    );
    expect(results.filter(Boolean)).toHaveLength(2);
    tick(2000);
    expect('code' in core.accept({ preset: 'clock' }, false, '10.0.1.1')).toBe(false);
  });

  it('gives one address only its share of the demo room, so others can still push', () => {
    const { core } = room('demo');
    const mine = Array.from(
      { length: 10 },
      () => 'code' in core.accept({ preset: 'clock' }, false, 'abusón'),
    );
    expect(mine.filter((refused) => !refused)).toHaveLength(LIMITS.addressPushes.burst);
    expect('code' in core.accept({ preset: 'clock' }, false, 'otra-casa')).toBe(false);
  });

  it('rate-limits reactions', async () => {
    const { core } = room();
    let member = reader;
    let limited = 0;
    for (let i = 0; i < 8; i++) {
      const decision = await run(core, member, { type: 'react', reaction: '🎉' });
      member = decision.member ?? member;
      if (decision.reply?.type === 'error') limited++;
    }
    expect(limited).toBe(8 - LIMITS.reactions.burst);
  });

  it('caps reactions across the room, so reconnecting for a fresh budget does not help', () => {
    const { core } = room();
    let broadcast = 0;
    for (let i = 0; i < 40; i++) {
      // A new member each time, as a client that reconnects would be, on many addresses.
      const member = core.newMember(undefined, `10.0.0.${String(i % 4)}`);
      if (core.receive({ type: 'react', reaction: '👍' }, member).broadcast) broadcast++;
    }
    expect(broadcast).toBe(LIMITS.roomReactions.burst);
  });

  it('gives one address only its share of the reactions, whatever its sockets', () => {
    const { core } = room();
    let mine = 0;
    for (let i = 0; i < 40; i++) {
      if (core.receive({ type: 'react', reaction: '👍' }, core.newMember(undefined, 'abusón')).broadcast)
        mine++;
    }
    expect(mine).toBe(LIMITS.addressReactions.burst);
    expect(
      core.receive({ type: 'react', reaction: '👍' }, core.newMember(undefined, 'otra')).broadcast,
    ).toBeDefined();
  });

  it('closes binary frames with 1008 and frames over 64 KB with 1009', () => {
    const { core } = room();
    expect(core.admit({ binary: true, bytes: 4 }, reader).close?.code).toBe(1008);
    expect(core.admit({ binary: false, bytes: 64 * 1024 + 1 }, reader).close?.code).toBe(1009);
    expect(core.admit({ binary: false, bytes: 64 * 1024 }, reader).close).toBeUndefined();
  });

  it('lets a reconnecting page flush a full outbox with its greeting and ping at once', () => {
    const { core } = room();
    let member = reader;
    for (let i = 0; i < OUTBOX_LIMIT + 2; i++) {
      const decision = core.admit({ binary: false, bytes: 10 }, member);
      expect(decision.close).toBeUndefined();
      member = decision.member ?? member;
    }
  });

  it('allows a burst but closes a sustained flood with 1008', () => {
    const { core, tick } = room();
    let member = reader;
    let closedAt = -1;
    for (let i = 0; i < 200 && closedAt < 0; i++) {
      const decision = core.admit({ binary: false, bytes: 10 }, member);
      member = decision.member ?? member;
      if (decision.close) closedAt = i;
      tick(50); // 20 messages a second
    }
    expect(closedAt).toBeGreaterThan(LIMITS.frames.burst);
    expect(core.admit({ binary: false, bytes: 10 }, { role: 'reader' }).close).toBeUndefined();
  });

  it('never closes a client that stays at 10 messages a second', () => {
    const { core, tick } = room();
    let member = reader;
    for (let i = 0; i < 300; i++) {
      const decision = core.admit({ binary: false, bytes: 10 }, member);
      expect(decision.close).toBeUndefined();
      member = decision.member ?? member;
      tick(100);
    }
  });
});

describe('room core: origin allow-list', () => {
  it('allows every origin when no list is configured', () => {
    expect(originAllowed('https://otro.example', [], true)).toBe(true);
    expect(originAllowed(null, [], true)).toBe(true);
  });

  it('allows only listed origins when a list is configured, on WebSocket and HTTP', () => {
    const list = ['https://curso.example.org', 'https://usuario.github.io'];
    expect(originAllowed('https://curso.example.org', list, true)).toBe(true);
    expect(originAllowed('https://malicioso.example', list, true)).toBe(false);
    expect(originAllowed('https://malicioso.example', list, false)).toBe(false);
    // An upgrade needs an Origin; plain HTTP without one is curl or a same-origin GET.
    expect(originAllowed(null, list, true)).toBe(false);
    expect(originAllowed(null, list, false)).toBe(true);
  });
});
