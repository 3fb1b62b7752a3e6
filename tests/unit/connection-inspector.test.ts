import { describe, expect, it, vi } from 'vitest';
import { encodeServer } from '../../party/wire/serverMessages';
import { PROTOCOL_VERSION } from '../../party/wire/version';
import {
  CLOSE_CODES,
  closeMeaning,
  EXPLAINED_CODES,
  readyStateText,
} from '../../src/demos/connection-inspector/closeCodes';
import { droppable } from '../../src/demos/connection-inspector/droppableSocket';
import {
  appendLog,
  backoffWindow,
  describeEvent,
  LOG_SIZE,
  type LogEntry,
  seconds,
} from '../../src/demos/connection-inspector/inspector';
import { BACKOFF } from '../../src/lib/backoff';
import { frameLabel } from '../../src/lib/frameLabel';
import { connectRoom, PAGE_READER, type SocketEvent } from '../../src/lib/room-client';
import { FakeSocket } from './fakeSocket';

describe('connection inspector: close codes in Spanish', () => {
  it.each(EXPLAINED_CODES.map((code) => [code]))('explains %i', (code) => {
    const meaning = closeMeaning(code);
    expect(meaning.label).toBe(String(code));
    expect(meaning.name).toBe(CLOSE_CODES[code]?.name);
    expect(meaning.meaning.length).toBeGreaterThan(30);
  });

  it('says what each one means', () => {
    expect(closeMeaning(1000).meaning).toMatch(/normal/i);
    expect(closeMeaning(1001).meaning).toMatch(/se va|se apaga/);
    expect(closeMeaning(1006).meaning).toMatch(/sin trama de cierre.*Nunca viaja por la red/);
    expect(closeMeaning(1008).meaning).toMatch(/política.*demasiados mensajes/i);
    expect(closeMeaning(1009).meaning).toMatch(/demasiado grande.*64 KB/);
    expect(closeMeaning(1011).meaning).toMatch(/Error interno/);
  });

  it("explains the room's own 4000, any application code, library codes and a close without code", () => {
    expect(closeMeaning(4000).meaning).toMatch(/un minuto/);
    expect(closeMeaning(4321).name).toBe('Código de la aplicación');
    expect(closeMeaning(3003).name).toBe('Código registrado');
    expect(closeMeaning(1234).name).toBe('Código desconocido');
    expect(closeMeaning(undefined)).toMatchObject({ label: 'sin código' });
  });

  it('names every readyState', () => {
    expect(readyStateText(0)).toMatch(/^0 · CONNECTING: conectando/);
    expect(readyStateText(1)).toMatch(/^1 · OPEN/);
    expect(readyStateText(2)).toMatch(/^2 · CLOSING/);
    expect(readyStateText(3)).toMatch(/^3 · CLOSED: cerrada/);
    expect(readyStateText(9)).toMatch(/desconocido/);
  });
});

describe('connection inspector: the log', () => {
  it('writes each socket event as one line, close codes explained', () => {
    expect(describeEvent({ type: 'open' }).text).toMatch(/^open/);
    expect(describeEvent({ type: 'send', data: '{"type":"ping","t":1}' }).text).toBe('→ ping · 27 B');
    expect(describeEvent({ type: 'receive', data: '{"type":"pong","t":1}' }).text).toBe('← pong · 23 B');
    const close = describeEvent({ type: 'close', code: 1008, reason: 'Demasiados mensajes', wasClean: true });
    expect(close.text).toBe('close · código 1008 (Policy Violation) · «Demasiados mensajes»');
    expect(close.detail).toMatch(/Violación de política/);
    expect(describeEvent({ type: 'close', code: 1006, reason: '', wasClean: false }).text).toMatch(
      /no limpio/,
    );
  });

  it('labels frames by type, emits and events by name', () => {
    expect(frameLabel('{"type":"emit","event":"chat:mensaje"}')).toBe('emit chat:mensaje');
    expect(frameLabel('{"type":"welcome"}')).toBe('welcome');
    expect(frameLabel('<b>hola</b>')).toBe('texto');
  });

  it('keeps the newest lines first, up to a limit', () => {
    let log: LogEntry[] = [];
    for (let i = 0; i < LOG_SIZE + 3; i++) log = appendLog(log, { id: i, at: 0, kind: 'note', text: '' });
    expect(log).toHaveLength(LOG_SIZE);
    expect(log[0]?.id).toBe(LOG_SIZE + 2);
  });

  it('gives the backoff window of each attempt, growing up to the cap', () => {
    expect(backoffWindow(1)).toEqual({ min: BACKOFF.firstMin, max: BACKOFF.firstMax });
    expect(backoffWindow(2)).toEqual({
      min: BACKOFF.firstMin * BACKOFF.growth,
      max: BACKOFF.firstMax * BACKOFF.growth,
    });
    expect(backoffWindow(50)).toEqual({ min: BACKOFF.max, max: BACKOFF.max });
    expect(seconds(2345)).toBe('2,3 s');
    expect(seconds(-5)).toBe('0,0 s');
  });
});

/** A stand-in for the browser's WebSocket: an EventTarget with a readyState. */
class FakeWebSocket extends EventTarget {
  static instances: FakeWebSocket[] = [];
  readyState = 1;
  closeCalls = 0;
  constructor(
    readonly url: string | URL,
    readonly protocols?: string | string[],
  ) {
    super();
    FakeWebSocket.instances.push(this);
  }
  close() {
    this.closeCalls += 1;
    this.readyState = 2;
  }
  /** The real close event the network would deliver later. */
  deliverClose(code: number) {
    this.readyState = 3;
    this.dispatchEvent(new CloseEvent('close', { code, wasClean: true }));
  }
}

describe('connection inspector: simulating a dropped network', () => {
  const make = () => droppable(FakeWebSocket as unknown as typeof WebSocket);

  it('reports a 1006, not clean, and swallows the real close that follows', () => {
    const net = make();
    const socket = new net.WebSocket('ws://sala') as unknown as FakeWebSocket;
    const seen: { code: number; wasClean: boolean }[] = [];
    const listener = (e: Event) =>
      seen.push({ code: (e as CloseEvent).code, wasClean: (e as CloseEvent).wasClean });
    socket.addEventListener('close', listener);
    expect(net.drop()).toBe(true);
    expect(seen).toEqual([{ code: 1006, wasClean: false }]);
    expect(socket.closeCalls).toBe(1);
    socket.deliverClose(1005);
    expect(seen).toHaveLength(1);
  });

  it('drops only the newest socket, once, and not one that is already closed', () => {
    const net = make();
    const old = new net.WebSocket('ws://sala') as unknown as FakeWebSocket;
    const fresh = new net.WebSocket('ws://sala') as unknown as FakeWebSocket;
    expect(net.drop()).toBe(true);
    expect(fresh.closeCalls).toBe(1);
    expect(old.closeCalls).toBe(0);
    expect(net.drop()).toBe(false);
  });

  it('lets listeners be removed, so partysocket can detach from an old socket', () => {
    const net = make();
    const socket = new net.WebSocket('ws://sala') as unknown as FakeWebSocket;
    const listener = vi.fn();
    socket.addEventListener('message', listener);
    socket.removeEventListener('message', listener);
    socket.dispatchEvent(new Event('message'));
    expect(listener).not.toHaveBeenCalled();
  });

  it('passes events through untouched while the socket is not dropped', () => {
    const net = make();
    const socket = new net.WebSocket('ws://sala') as unknown as FakeWebSocket;
    const handler = { handleEvent: vi.fn() };
    socket.addEventListener('close', handler);
    socket.deliverClose(1000);
    expect(handler.handleEvent).toHaveBeenCalledOnce();
  });
});

describe('room-client: what the inspector reads', () => {
  function setup() {
    let socket: FakeSocket | undefined;
    const events: SocketEvent[] = [];
    const client = connectRoom({
      room: 'demo',
      host: '127.0.0.1:1999',
      query: { handshake: '1' },
      createSocket: (settings) => {
        socket = new FakeSocket(settings);
        return socket;
      },
      onSocketEvent: (e) => events.push(e),
      random: () => 0.5,
      environment: { onOnline: () => () => {}, onVisible: () => () => {} },
    });
    if (!socket) throw new Error('no socket');
    return { client, socket, events };
  }

  it('adds the extra query to every connect, next to since', () => {
    const { socket } = setup();
    expect(socket.settings.query()).toEqual({
      reader: PAGE_READER,
      v: String(PROTOCOL_VERSION),
      handshake: '1',
    });
  });

  it('reports open, every frame sent and received, errors and closes with their code', () => {
    vi.useFakeTimers();
    try {
      const { client, socket, events } = setup();
      socket.readyState = 1;
      socket.emit('open');
      const pong = encodeServer({ type: 'pong', t: 1 });
      socket.emit('message', new MessageEvent('message', { data: pong }));
      socket.emit('error');
      socket.readyState = 3;
      socket.emit('close', new CloseEvent('close', { code: 1011, reason: 'fallo', wasClean: true }));
      expect(events.map((e) => e.type)).toEqual(['open', 'send', 'receive', 'error', 'close']);
      expect(events[1]).toMatchObject({ type: 'send', data: expect.stringContaining('"ping"') });
      expect(events[2]).toEqual({ type: 'receive', data: pong });
      expect(events[4]).toEqual({ type: 'close', code: 1011, reason: 'fallo', wasClean: true });
      client.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports no code for a close partysocket made up itself', () => {
    vi.useFakeTimers();
    try {
      const { client, socket, events } = setup();
      // In browsers partysocket re-creates its own close events without a numeric code.
      socket.emit('close', Object.assign(new Event('close'), { code: 'close' }));
      expect(events.at(-1)).toEqual({ type: 'close', code: undefined, reason: '', wasClean: false });
      client.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows the readyState and what waits in the buffer while closed', () => {
    vi.useFakeTimers();
    try {
      const { client, socket } = setup();
      expect(client.readyState).toBe(0);
      socket.readyState = 3;
      client.send({ type: 'echo', text: 'uno' });
      client.send({ type: 'echo', text: 'dos' });
      expect(client.queued.map((m) => (m.type === 'echo' ? m.text : ''))).toEqual(['uno', 'dos']);
      socket.readyState = 1;
      socket.emit('open');
      expect(client.readyState).toBe(1);
      expect(client.queued).toEqual([]);
      expect(socket.sent.map((s) => JSON.parse(s).type)).toEqual(['echo', 'echo', 'ping']);
      client.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
