import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerMessage } from '../../party/wire/serverMessages';
import { CLOSE_VERSION_MISMATCH, PROTOCOL_VERSION, versionMismatchError } from '../../party/wire/version';
import { BACKOFF, reconnectDelay } from '../../src/lib/backoff';
import { OUTBOX_LIMIT, Outbox } from '../../src/lib/outbox';
import {
  connectRoom,
  HEARTBEAT_MS,
  PAGE_READER,
  PONG_TIMEOUT_MS,
  type RoomClientOptions,
  resolveHost,
  resolveProtocol,
  statusAfterClose,
} from '../../src/lib/room-client';
import { statusText } from '../../src/lib/statusText';
import { FakeSocket } from './fakeSocket';

function setup(extra: Partial<RoomClientOptions> = {}) {
  let socket: FakeSocket | undefined;
  const messages: ServerMessage[] = [];
  const online: (() => void)[] = [];
  const offline: (() => void)[] = [];
  const client = connectRoom({
    room: 'demo',
    host: '127.0.0.1:1999',
    createSocket: (settings) => {
      socket = new FakeSocket(settings);
      return socket;
    },
    onMessage: (m) => messages.push(m),
    random: () => 0.5,
    environment: {
      onOnline: (l) => {
        online.push(l);
        return () => {};
      },
      onVisible: () => () => {},
      onOffline: (l) => {
        offline.push(l);
        return () => {};
      },
    },
    ...extra,
  });
  if (!socket) throw new Error('no socket');
  return {
    client,
    socket,
    messages,
    goOnline: () => {
      for (const l of online) l();
    },
    goOffline: () => {
      for (const l of offline) l();
    },
  };
}

const welcome = (lastSeq: number, seqs: number[]): ServerMessage => ({
  type: 'welcome',
  version: PROTOCOL_VERSION,
  room: 'demo',
  count: 1,
  role: 'reader',
  openPush: true,
  lastSeq,
  history: seqs.map((seq) => ({ seq, text: `n${String(seq)}`, level: 'info', at: 1 })),
  gap: false,
});
const note = (seq: number): ServerMessage => ({
  type: 'notification',
  seq,
  text: `n${String(seq)}`,
  level: 'info',
  at: 1,
});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('room-client: host resolution', () => {
  it('uses the configured host, without scheme or trailing slash', () => {
    expect(resolveHost('https://cliente-servidor.user.partykit.dev/', 'example.org')).toBe(
      'cliente-servidor.user.partykit.dev',
    );
    expect(resolveHost('127.0.0.1:1999', 'example.org')).toBe('127.0.0.1:1999');
  });

  it('falls back to the page origin when nothing is configured (one-origin preview)', () => {
    expect(resolveHost(undefined, '127.0.0.1:8787')).toBe('127.0.0.1:8787');
    expect(resolveHost('  ', '127.0.0.1:8787')).toBe('127.0.0.1:8787');
  });

  it('uses wss from https pages, except for a room on loopback', () => {
    expect(resolveProtocol('sala.example.dev', 'https:')).toBe('wss');
    expect(resolveProtocol('127.0.0.1:1999', 'https:')).toBe('ws');
    expect(resolveProtocol('127.0.0.1:1999', 'http:')).toBe('ws');
  });
});

describe('room-client: status words', () => {
  it('reports a room that never answered as unavailable, a drop as reconnecting', () => {
    expect(statusAfterClose(1, false)).toBe('offline');
    expect(statusAfterClose(1, true)).toBe('reconnecting');
    expect(statusAfterClose(2, true)).toBe('offline');
  });

  it('puts each status into Spanish, with the attempt and the countdown', () => {
    expect(statusText({ status: 'open', attempt: 0 })).toBe('conectado');
    expect(statusText({ status: 'reconnecting', attempt: 2, retryAt: 5_000 }, 1_200)).toBe(
      'reconectando (intento 2, próximo en 4 s)',
    );
    expect(statusText({ status: 'offline', attempt: 4 })).toMatch(/sin conexión/);
  });
});

describe('room-client: catch-up by seq', () => {
  it('sends its reader id and protocol version on the first connect, then asks for what came after its last seq', () => {
    const { socket } = setup();
    const v = String(PROTOCOL_VERSION);
    expect(socket.settings.query()).toEqual({ reader: PAGE_READER, v });
    socket.open();
    socket.receive(welcome(2, [1, 2]));
    socket.receive(note(3));
    expect(socket.settings.query()).toEqual({ reader: PAGE_READER, v, since: '3' });
  });

  it('catches up by since when a live notification skips a seq, delivering each once and in order', () => {
    const { socket, messages } = setup();
    socket.open();
    socket.receive(welcome(2, [1, 2]));
    socket.receive(note(4)); // 3 was lost on the way
    expect(socket.reconnects).toBe(1);
    expect(socket.settings.query()['since']).toBe('2');
    socket.open();
    socket.receive(welcome(4, [3, 4]));
    socket.receive(note(5));
    const seqs = messages.flatMap((m) =>
      m.type === 'welcome' ? m.history.map((n) => n.seq) : m.type === 'notification' ? [m.seq] : [],
    );
    expect(seqs).toEqual([1, 2, 3, 4, 5]);
  });

  it('does not loop when the room itself has a hole: its welcome moves the seq past it', () => {
    const { socket } = setup();
    socket.open();
    socket.receive(welcome(2, [1, 2]));
    socket.receive(note(4));
    socket.open();
    socket.receive(welcome(4, [4]));
    socket.receive(note(5));
    expect(socket.reconnects).toBe(1);
  });

  it('identifies every socket of a page with the same random page id', () => {
    expect(PAGE_READER).toMatch(/^[0-9a-f]{16}$/);
    expect(setup().socket.settings.query()['reader']).toBe(setup().socket.settings.query()['reader']);
  });

  it('delivers each notification once, even when catch-up repeats one', () => {
    const { socket, messages } = setup();
    socket.open();
    socket.receive(welcome(2, [1, 2]));
    socket.receive(note(3));
    socket.drop();
    socket.open();
    socket.receive(welcome(5, [3, 4, 5]));
    socket.receive(note(5));
    socket.receive(note(6));
    const seqs = messages.flatMap((m) =>
      m.type === 'welcome' ? m.history.map((n) => n.seq) : m.type === 'notification' ? [m.seq] : [],
    );
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('room-client: reconnecting', () => {
  it('waits a jittered delay after a drop, and shows when it will retry', () => {
    const statuses: string[] = [];
    const { socket } = setup({
      onStatus: (s) => statuses.push(`${s.status}:${String(s.retryAt !== undefined)}`),
    });
    socket.open();
    socket.drop();
    expect(statuses.at(-1)).toBe('reconnecting:true');
    vi.advanceTimersByTime(reconnectDelay(1, () => 0.5) - 1);
    expect(socket.reconnects).toBe(0);
    vi.advanceTimersByTime(1);
    expect(socket.reconnects).toBe(1);
  });

  it('waits at least the retryAfter of a room that turned it away', () => {
    const { socket } = setup({ now: () => Date.now() });
    socket.open();
    socket.receive({
      type: 'error',
      code: 'cooling_down',
      message: 'Espera un poco.',
      retryAfter: 20,
    });
    // It closes the refused socket itself rather than wait for the room's close.
    expect(socket.readyState).toBe(3);
    socket.drop(1013);
    vi.advanceTimersByTime(19_999);
    expect(socket.reconnects).toBe(0);
    vi.advanceTimersByTime(1);
    expect(socket.reconnects).toBe(1);
  });

  it('retries at once when the browser comes back online', () => {
    const { socket, goOnline } = setup();
    socket.open();
    socket.drop();
    goOnline();
    expect(socket.reconnects).toBe(1);
  });

  it('drops at once when the browser goes offline, and is back at once when it returns', () => {
    const statuses: string[] = [];
    const { socket, goOffline, goOnline } = setup({ onStatus: (s) => statuses.push(s.status) });
    socket.open();
    goOffline();
    expect(socket.reconnects).toBe(1);
    socket.drop();
    expect(statuses.at(-1)).toBe('reconnecting');
    goOnline();
    expect(socket.reconnects).toBe(2);
  });

  it('treats a missed pong as a dead connection', () => {
    const { socket } = setup();
    socket.open();
    expect(socket.sentOf('ping')).toHaveLength(1);
    vi.advanceTimersByTime(PONG_TIMEOUT_MS);
    expect(socket.reconnects).toBe(1);
  });

  it('keeps a connection that answers its heartbeats', () => {
    const { socket } = setup();
    socket.open();
    for (let i = 0; i < 4; i++) {
      const [last] = socket.sentOf('ping').slice(-1);
      socket.receive({ type: 'pong', t: last.t });
      vi.advanceTimersByTime(HEARTBEAT_MS);
    }
    expect(socket.sentOf('ping')).toHaveLength(5);
    expect(socket.reconnects).toBe(0);
  });
});

describe('room-client: a room of another protocol version', () => {
  const outdated = (extra: Partial<RoomClientOptions> = {}) => {
    const statuses: string[] = [];
    const env = setup({ onStatus: (s) => statuses.push(s.status), ...extra });
    return { ...env, statuses };
  };
  const stillStopped = (socket: FakeSocket, goOnline: () => void, client: { reconnectNow(): void }) => {
    goOnline();
    client.reconnectNow();
    vi.advanceTimersByTime(120_000);
    expect(socket.reconnects).toBe(0);
  };

  it('stops retrying and says "recarga la página" on the room\'s version_mismatch error and close', () => {
    const { client, socket, statuses, goOnline } = outdated();
    socket.open();
    socket.receive(versionMismatchError());
    socket.drop(CLOSE_VERSION_MISMATCH);
    expect(statuses.at(-1)).toBe('outdated');
    expect(statusText(client.status)).toBe('Hay una versión nueva del curso: recarga la página.');
    stillStopped(socket, goOnline, client);
  });

  it('stops on the close code alone, before any open', () => {
    const { client, socket, statuses, goOnline } = outdated();
    socket.drop(CLOSE_VERSION_MISMATCH);
    expect(statuses).toEqual(['outdated']);
    stillStopped(socket, goOnline, client);
  });

  it('stops when the welcome carries another version, and hands the welcome to nobody', () => {
    const { client, socket, messages, goOnline } = outdated();
    socket.open();
    socket.receive({ ...welcome(0, []), version: PROTOCOL_VERSION + 1 } as ServerMessage);
    expect(client.status.status).toBe('outdated');
    expect(messages).toEqual([]);
    expect(socket.readyState).toBe(3);
    stillStopped(socket, goOnline, client);
  });

  it('keeps retrying after an ordinary drop', () => {
    const { socket } = outdated();
    socket.open();
    socket.drop(1011);
    vi.advanceTimersByTime(BACKOFF.firstMax);
    expect(socket.reconnects).toBe(1);
  });
});

describe('room-client: the offline outbox', () => {
  it('holds messages while offline and sends them in order on open', () => {
    const { client, socket } = setup();
    expect(client.send({ type: 'react', reaction: '👍' })).toEqual({ result: 'queued' });
    expect(client.send({ type: 'push', text: 'hola' })).toEqual({ result: 'queued' });
    socket.open();
    expect(socket.sent.slice(0, 2).map((s) => JSON.parse(s).type)).toEqual(['react', 'push']);
  });

  it('sends the greeting (the teacher key) before anything queued, on every open', () => {
    const { client, socket } = setup({ greeting: () => ({ type: 'auth', key: 'profe' }) });
    client.send({ type: 'push', text: 'en cola' });
    socket.open();
    expect(socket.sent.slice(0, 2).map((s) => JSON.parse(s).type)).toEqual(['auth', 'push']);
    socket.drop();
    socket.open();
    expect(socket.sentOf('auth')).toHaveLength(2);
  });

  it('drops the oldest reaction when full, and says so', () => {
    const dropped: unknown[] = [];
    const { client } = setup({ onDropped: (m) => dropped.push(m) });
    client.send({ type: 'react', reaction: '🎉' });
    for (let i = 1; i < OUTBOX_LIMIT; i++) client.send({ type: 'react', reaction: '👍' });
    expect(client.send({ type: 'react', reaction: '😮' })).toMatchObject({ result: 'queued' });
    expect(dropped).toEqual([{ type: 'react', reaction: '🎉' }]);
    expect(client.pending).toBe(OUTBOX_LIMIT);
  });

  it('never silently drops a push: a full box of pushes refuses the next one', () => {
    const box = new Outbox();
    for (let i = 0; i < OUTBOX_LIMIT; i++) box.add({ type: 'push', text: `p${String(i)}` });
    expect(box.add({ type: 'push', text: 'otra' })).toMatchObject({ result: 'rejected' });
    expect(box.pending.every((m) => m.type === 'push')).toBe(true);
  });

  it('makes room for a push by dropping a reaction', () => {
    const box = new Outbox(2);
    box.add({ type: 'react', reaction: '👍' });
    box.add({ type: 'push', text: 'a' });
    expect(box.add({ type: 'push', text: 'b' })).toEqual({
      result: 'queued',
      dropped: { type: 'react', reaction: '👍' },
    });
  });

  it('holds a retried push (same ref) once', () => {
    const { client, socket } = setup();
    const push = { type: 'push', text: 'hola', ref: 'r-1' } as const;
    client.send(push);
    client.send(push);
    socket.open();
    expect(socket.sentOf('push')).toEqual([push]);
  });

  it('stays bounded when 100,000 sends are attempted offline', () => {
    const { client } = setup();
    for (let i = 0; i < 100_000; i++) client.send({ type: 'react', reaction: '👍' });
    expect(client.pending).toBe(OUTBOX_LIMIT);
  });
});

describe('backoff', () => {
  it('draws the first retry from 0.5–3 s and grows, capped', () => {
    expect(reconnectDelay(1, () => 0)).toBe(BACKOFF.firstMin);
    expect(reconnectDelay(1, () => 0.999_999)).toBeCloseTo(BACKOFF.firstMax, -1);
    expect(reconnectDelay(3, () => 0)).toBeGreaterThan(reconnectDelay(1, () => 0));
    expect(reconnectDelay(50, () => 0.99)).toBeLessThanOrEqual(BACKOFF.max);
  });

  it('spreads 1,000 clients: no 100 ms window holds them all, nor a tenth of them', () => {
    const buckets = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const bucket = Math.floor(reconnectDelay(1) / 100);
      buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
    }
    expect(Math.max(...buckets.values())).toBeLessThan(100);
  });
});
