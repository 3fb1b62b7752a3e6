import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerMessage } from '../../party/wire/serverMessages';
import { PROTOCOL_VERSION } from '../../party/wire/version';
import { connectRoom, type StatusInfo } from '../../src/lib/room-client';
import { createRegistry, type RoomExtra, type RoomSubscriber } from '../../src/lib/roomRegistry';
import { forgetKey, rememberKey } from '../../src/lib/teacherKey';
import { FakeSocket } from './fakeSocket';

/** A registry whose connections use fake sockets; `sockets` lists every socket it opened. */
function setup(declared: RoomExtra[] = []) {
  const sockets: FakeSocket[] = [];
  const registry = createRegistry({
    declared: () => declared,
    connect: (options) =>
      connectRoom({
        ...options,
        host: '127.0.0.1:1999',
        random: () => 0.5,
        environment: { onOnline: () => () => {}, onVisible: () => () => {} },
        createSocket: (settings) => {
          const socket = new FakeSocket(settings);
          sockets.push(socket);
          return socket;
        },
      }),
  });
  return { registry, sockets };
}

/** A subscriber that records what reaches it. */
function recorder(extras: RoomExtra[] = [], types: ServerMessage['type'][] = ['welcome', 'presence']) {
  const got: ServerMessage[] = [];
  const statuses: StatusInfo['status'][] = [];
  const push = (m: ServerMessage) => got.push(m);
  const subscriber: RoomSubscriber = {
    extras,
    on: Object.fromEntries(types.map((t) => [t, push])),
    onStatus: (info) => statuses.push(info.status),
  };
  return { subscriber, got, statuses };
}

const welcome = (lastSeq: number, seqs: number[], count = 1): ServerMessage => ({
  type: 'welcome',
  version: PROTOCOL_VERSION,
  room: 'demo',
  count,
  role: 'reader',
  openPush: true,
  lastSeq,
  history: seqs.map((seq) => ({ seq, text: `n${String(seq)}`, level: 'info', at: 1 })),
  gap: false,
});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('room registry: one socket per room per page', () => {
  it('two subscribers of one room share one socket; another room gets its own', () => {
    const { registry, sockets } = setup();
    registry.subscribe('demo', recorder().subscriber);
    registry.subscribe('demo', recorder().subscriber);
    expect(sockets).toHaveLength(1);
    registry.subscribe('clase-1', recorder().subscriber);
    expect(sockets.map((s) => s.settings.room)).toEqual(['demo', 'clase-1']);
  });

  it('closes the socket when the last subscriber leaves, not before, and opens anew after', () => {
    const { registry, sockets } = setup();
    const a = registry.subscribe('demo', recorder().subscriber);
    const b = registry.subscribe('demo', recorder().subscriber);
    sockets[0]?.open();
    a.unsubscribe();
    a.unsubscribe(); // Leaving twice must not count as the other one leaving.
    expect(sockets[0]?.readyState).toBe(1);
    b.unsubscribe();
    expect(sockets[0]?.readyState).toBe(3);
    registry.subscribe('demo', recorder().subscriber);
    expect(sockets).toHaveLength(2);
  });

  it('delivers a message to every subscriber of its type, and only to them', () => {
    const { registry, sockets } = setup();
    const presence = recorder([], ['presence']);
    const both = recorder([], ['welcome', 'presence']);
    const welcomeOnly = recorder([], ['welcome']);
    for (const r of [presence, both, welcomeOnly]) registry.subscribe('demo', r.subscriber);
    sockets[0]?.open();
    sockets[0]?.receive({ type: 'presence', count: 3 });
    expect(presence.got).toEqual([{ type: 'presence', count: 3 }]);
    expect(both.got).toEqual([{ type: 'presence', count: 3 }]);
    expect(welcomeOnly.got).toEqual([]);
  });

  it('gives a late subscriber the current status and a welcome brought up to date', () => {
    const { registry, sockets } = setup();
    registry.subscribe('demo', recorder().subscriber);
    const socket = sockets[0];
    socket?.open();
    socket?.receive(welcome(2, [1, 2]));
    socket?.receive({ type: 'notification', seq: 3, text: 'n3', level: 'warning', at: 2 });
    socket?.receive({ type: 'presence', count: 4 });
    socket?.receive({ type: 'role', role: 'teacher' });
    const late = recorder();
    registry.subscribe('demo', late.subscriber);
    expect(late.statuses).toEqual(['open']);
    expect(late.got).toHaveLength(1);
    expect(late.got[0]).toMatchObject({ type: 'welcome', count: 4, role: 'teacher', lastSeq: 3 });
    expect(late.got[0]?.type === 'welcome' && late.got[0].history.map((n) => n.seq)).toEqual([1, 2, 3]);
    expect(sockets).toHaveLength(1);
  });

  it('after a room that started again from 1, a late subscriber gets only the new history', () => {
    const { registry, sockets } = setup();
    registry.subscribe('demo', recorder().subscriber);
    const socket = sockets[0];
    socket?.open();
    socket?.receive(welcome(7, [6, 7]));
    socket?.drop();
    vi.runOnlyPendingTimers();
    socket?.open();
    socket?.receive(welcome(1, [1]));
    const late = recorder();
    registry.subscribe('demo', late.subscriber);
    expect(late.got[0]?.type === 'welcome' && late.got[0].history.map((n) => n.seq)).toEqual([1]);
  });

  it('replays the handshake report and the open poll to a late subscriber that shows them', () => {
    const { registry, sockets } = setup(['events', 'handshake']);
    registry.subscribe('demo', recorder().subscriber);
    const socket = sockets[0];
    socket?.open();
    socket?.receive(welcome(0, []));
    socket?.receive({
      type: 'handshake',
      request: { method: 'GET', path: '/parties/main/demo', headers: [], otherHeaders: 0, bytes: 200 },
      response: { status: 101, statusText: 'Switching Protocols', headers: [] },
      accept: null,
    });
    const poll = { id: 'p1', pregunta: '¿Sí?', opciones: ['sí', 'no'] };
    socket?.receive({ type: 'event', event: 'encuesta:nueva', payload: poll, at: 1 });
    socket?.receive({
      type: 'event',
      event: 'encuesta:resultado',
      payload: { id: 'p1', votos: [1, 0], total: 1 },
      at: 2,
    });
    socket?.receive({ type: 'event', event: 'chat:mensaje', payload: { texto: 'hola' }, at: 3 });
    const late = recorder([], ['handshake', 'event']);
    registry.subscribe('demo', late.subscriber);
    expect(late.got.map((m) => (m.type === 'event' ? m.event : m.type))).toEqual([
      'handshake',
      'encuesta:nueva',
      'encuesta:resultado',
    ]);
  });

  it('opens with the extras the page declared, and reconnects once, with since, for an undeclared one', () => {
    const { registry, sockets } = setup(['events']);
    registry.subscribe('demo', recorder().subscriber);
    const socket = sockets[0];
    expect(socket?.queries[0]).toMatchObject({ events: '1' });
    expect(socket?.queries[0]).not.toHaveProperty('handshake');
    socket?.open();
    socket?.receive(welcome(5, [5]));
    registry.subscribe('demo', recorder(['events']).subscriber);
    expect(socket?.reconnects).toBe(0);
    registry.subscribe('demo', recorder(['handshake']).subscriber);
    expect(socket?.reconnects).toBe(1);
    expect(socket?.queries[1]).toMatchObject({ events: '1', handshake: '1', since: '5' });
    registry.subscribe('demo', recorder(['handshake']).subscriber);
    expect(socket?.reconnects).toBe(1);
    expect(sockets).toHaveLength(1);
  });

  it("routes an ack or error for a ref back to the island that sent it; others' errors reach all", () => {
    const { registry, sockets } = setup();
    const sender = recorder([], ['ack', 'error']);
    const other = recorder([], ['ack', 'error']);
    const sending = registry.subscribe('demo', sender.subscriber);
    registry.subscribe('demo', other.subscriber);
    const socket = sockets[0];
    socket?.open();
    sending.send({ type: 'push', preset: 'warning', ref: 'r1' });
    socket?.receive({ type: 'ack', ref: 'r1', seq: 1 });
    socket?.receive({ type: 'error', code: 'rate_limited', message: 'Despacio.', ref: 'r1' });
    socket?.receive({ type: 'error', code: 'rate_limited', message: 'Despacio.' });
    expect(sender.got.map((m) => m.type)).toEqual(['ack', 'error', 'error']);
    expect(other.got.map((m) => m.type)).toEqual(['error']);
  });

  it('sends the remembered teacher key once per open for the whole page, and one heartbeat', () => {
    const { registry, sockets } = setup();
    rememberKey('clase-1', 'clave');
    try {
      registry.subscribe('clase-1', recorder().subscriber);
      registry.subscribe('clase-1', recorder().subscriber);
      sockets[0]?.open();
      expect(sockets[0]?.sentOf('auth')).toEqual([{ type: 'auth', key: 'clave' }]);
      expect(sockets[0]?.sentOf('ping')).toHaveLength(1);
    } finally {
      forgetKey('clase-1');
    }
  });
});
