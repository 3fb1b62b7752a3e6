/**
 * `partykit dev` never hibernates, so this builds the server object fresh before every
 * event, as a woken room would be, over a fake room whose storage and attachments persist.
 * Whatever the room needs after waking must be in those, not in fields.
 */
import type * as Party from 'partykit/server';
import { describe, expect, it } from 'vitest';
import type { MemberState } from '../../party/core/state';
import Server from '../../party/server';
import { parseServerMessage, type ServerMessage } from '../../party/wire/serverMessages';
import { OLDEST_PROTOCOL_VERSION, PROTOCOL_VERSION } from '../../party/wire/version';

const KEY = 'clave-de-prueba-larga';

class FakeConnection {
  readyState = 1;
  sent: ServerMessage[] = [];
  closedWith: { code: number; reason: string } | undefined;
  attachment: string | null = null;
  /** Tags the runtime keeps with the socket, as `getConnectionTags` returned them. */
  tags: string[] = [];
  constructor(
    readonly id: string,
    readonly uri: string,
  ) {}
  get state() {
    return this.attachment === null ? null : JSON.parse(this.attachment);
  }
  setState(state: unknown) {
    // Serialized like a hibernation attachment: only data survives.
    this.attachment = JSON.stringify(state);
    return state;
  }
  send(raw: string) {
    const parsed = parseServerMessage(raw);
    if (!parsed.ok) throw new Error(`fuera de protocolo: ${raw}`);
    this.sent.push(parsed.value);
  }
  close(code = 1000, reason = '') {
    this.readyState = 3;
    this.closedWith = { code, reason };
  }
  last<T extends ServerMessage['type']>(type: T) {
    return this.sent.filter((m) => m.type === type).at(-1) as Extract<ServerMessage, { type: T }> | undefined;
  }
}

/**
 * With `alarmBorn`, the room behaves as PartyKit builds it when the sweep alarm wakes an
 * evicted room: no request ever set its id, so reading `room.id` throws for good.
 */
function fakeRoom(id: string, { alarmBorn = false, failPuts = 0, failAnswerPuts = 0 } = {}) {
  const data = new Map<string, unknown>();
  /** Writes of the room state that fail before storage works again. */
  let failing = failPuts;
  /** Writes of live answers (multi-key puts) that fail before storage works again. */
  let failingAnswers = failAnswerPuts;
  let alarm: number | null = null;
  const connections = new Map<string, FakeConnection>();
  const room = {
    get id(): string {
      if (alarmBorn) throw new Error('Party.id is not yet initialized. This is probably a bug in PartyKit.');
      return id;
    },
    env: { TEACHER_KEY: KEY },
    storage: {
      get: async (key: string) => structuredClone(data.get(key)),
      put: async (key: string | Record<string, unknown>, value?: unknown) => {
        if (key === 'state' && failing > 0) {
          failing--;
          throw new Error('disco lleno');
        }
        if (typeof key !== 'string' && failingAnswers > 0) {
          failingAnswers--;
          throw new Error('disco lleno');
        }
        const entries = typeof key === 'string' ? { [key]: value } : key;
        for (const [k, v] of Object.entries(entries)) data.set(k, structuredClone(v));
      },
      delete: async (key: string | string[]) => {
        for (const k of Array.isArray(key) ? key : [key]) data.delete(k);
      },
      list: async ({ prefix = '' }: { prefix?: string } = {}) =>
        new Map([...data].filter(([key]) => key.startsWith(prefix)).map(([k, v]) => [k, structuredClone(v)])),
      getAlarm: async () => alarm,
      setAlarm: async (at: number) => {
        alarm = at;
      },
      deleteAlarm: async () => {
        alarm = null;
      },
    },
    getConnections: (tag?: string) =>
      [...connections.values()].filter((c) => tag === undefined || c.tags.includes(tag)),
    getConnection: (cid: string) => connections.get(cid),
    broadcast: (raw: string) => {
      for (const c of connections.values()) if (c.readyState === 1) c.send(raw);
    },
  };
  /** A brand-new server object, started as after a wake-up. */
  const wake = async () => {
    const server = new Server(room as unknown as Party.Room);
    await server.onStart();
    return server;
  };
  /** Each socket is a reader of its own unless the query says otherwise. */
  const connect = async (cid: string, query = '', headers: Record<string, string> = {}) => {
    const withReader = query.includes('reader=')
      ? query
      : `${query}${query ? '&' : '?'}reader=lector${cid}00000`;
    const url = `http://sala/parties/main/${id}${withReader}`;
    const connection = new FakeConnection(cid, url);
    connections.set(cid, connection);
    const request = { method: 'GET', url, headers: new Headers(headers) } as unknown as Party.Request;
    const server = await wake();
    connection.tags = server.getConnectionTags(connection as unknown as Party.Connection, { request });
    await server.onConnect(connection as unknown as Party.Connection<MemberState>, { request });
    return connection;
  };
  const message = async (connection: FakeConnection, body: unknown) => {
    await (await wake()).onMessage(
      JSON.stringify(body),
      connection as unknown as Party.Connection<MemberState>,
    );
  };
  const request = async (
    method: string,
    rest = '',
    init: { body?: string; headers?: Record<string, string> } = {},
  ) =>
    (await wake()).onRequest(
      new Request(`http://sala/parties/main/${id}${rest}`, { method, ...init }) as unknown as Party.Request,
    );
  const close = async (connection: FakeConnection) => {
    connection.readyState = 3;
    await (await wake()).onClose(connection as unknown as Party.Connection);
  };
  const fireAlarm = async () => {
    alarm = null;
    await (await wake()).onAlarm();
  };
  return { connect, message, request, close, fireAlarm, connections, alarm: () => alarm };
}

describe('server: hibernation-safe state', () => {
  it('keeps roles, seq and history when every event meets a fresh server', async () => {
    const room = fakeRoom('clase-1');
    const teacher = await room.connect('t');
    const reader = await room.connect('r');
    await room.message(teacher, { type: 'auth', key: KEY });
    expect(teacher.last('role')).toEqual({ type: 'role', role: 'teacher' });

    await room.message(teacher, { type: 'push', text: 'uno' });
    await room.message(teacher, { type: 'push', text: 'dos', ref: 'x' });
    expect(teacher.last('ack')).toEqual({ type: 'ack', ref: 'x', seq: 2 });
    expect(
      reader.sent.filter((m) => m.type === 'notification').map((m) => m.type === 'notification' && m.seq),
    ).toEqual([1, 2]);

    await room.message(reader, { type: 'push', text: 'no debería' });
    expect(reader.last('error')?.code).toBe('forbidden');

    const late = await room.connect('l', '?since=1');
    expect(late.last('welcome')?.history.map((n) => n.text)).toEqual(['dos']);
  });

  it('keeps rate limits across wake-ups, so a flood is still cut off', async () => {
    const room = fakeRoom('demo');
    const flooder = await room.connect('f');
    for (let i = 0; i < 60 && !flooder.closedWith; i++) await room.message(flooder, { type: 'ping', t: i });
    expect(flooder.closedWith?.code).toBe(1008);
  });

  it('keeps the poll and who voted across wake-ups, and tells a late client the count', async () => {
    const room = fakeRoom('demo');
    const a = await room.connect('a', '?events=1');
    const b = await room.connect('b');
    const emit = (event: string, payload: unknown) => ({ type: 'emit', event, payload });
    await room.message(a, emit('encuesta:crear', { pregunta: '¿HTTP o FTP?', opciones: ['HTTP', 'FTP'] }));
    await room.message(a, emit('encuesta:voto', { id: 'e1', opcion: 0 }));
    await room.message(b, emit('encuesta:voto', { id: 'e1', opcion: 1 }));
    await room.message(a, emit('encuesta:voto', { id: 'e1', opcion: 1 }));
    expect(a.last('event')).toMatchObject({
      event: 'encuesta:error',
      payload: { mensaje: 'Ya votaste en esta encuesta.' },
    });
    // b did not join the playground: events never reach it.
    expect(b.last('event')).toBeUndefined();
    expect(a.last('event')).toMatchObject({ event: 'encuesta:error' });
    expect(a.sent.filter((m) => m.type === 'event').at(-2)).toMatchObject({
      event: 'encuesta:resultado',
      payload: { votos: [1, 1], total: 2 },
    });

    const late = await room.connect('l', '?events=1');
    expect(late.sent.map((m) => m.type)).toEqual(['welcome', 'event', 'event']);
    expect(late.last('event')).toMatchObject({
      event: 'encuesta:resultado',
      payload: { votos: [1, 1], total: 2 },
    });
    const plain = await room.connect('p');
    expect(plain.sent.map((m) => m.type)).toEqual(['welcome']);
  });

  it('keeps the live question, its answers and the teachers across wake-ups', async () => {
    const room = fakeRoom('clase-1');
    const teacher = await room.connect('t');
    const a = await room.connect('a');
    await room.message(a, { type: 'page', path: '/glosario/' });
    await room.message(teacher, { type: 'auth', key: KEY });
    // On unlocking: the class by page, counts only, and the session's results so far.
    expect(teacher.last('class')?.pages).toEqual([{ path: '/glosario/', count: 1 }]);
    expect(teacher.last('questionLog')).toEqual({ type: 'questionLog', results: [] });
    const question = { id: 'q1', lesson: '/', prompt: '¿?', kind: 'single', options: ['a', 'b'] };
    await room.message(teacher, { type: 'ask', question });
    expect(a.last('question')?.question.id).toBe('q1');
    await room.message(a, { type: 'answer', id: 'q1', choice: [0] });
    await room.message(a, { type: 'answer', id: 'q1', choice: [1] });
    const b = await room.connect('b');
    expect(b.last('question')?.mine).toBeUndefined();
    await room.message(b, { type: 'answer', id: 'q1', choice: [1] });
    // Each answer met a fresh server: the teacher is still known, and each reader counted once.
    expect(teacher.last('results')).toEqual({ type: 'results', id: 'q1', counts: [0, 2], total: 2 });
    expect(a.sent.some((m) => m.type === 'results')).toBe(false);
    const again = await room.connect('a2', '?reader=lectora00000');
    expect(again.last('question')?.mine).toEqual([1]);
    // Closed, the answers go with it: the next question starts from nobody.
    await room.message(teacher, { type: 'closeQuestion', id: 'q1' });
    expect(b.last('questionClosed')).toEqual({ type: 'questionClosed', id: 'q1', counts: [0, 2], total: 2 });
    await room.message(teacher, { type: 'ask', question: { ...question, id: 'q2' } });
    const later = await room.connect('a3', '?reader=lectora00000');
    expect(later.last('question')).toMatchObject({ question: { id: 'q2' } });
    expect(later.last('question')?.mine).toBeUndefined();
    await room.message(b, { type: 'answer', id: 'q2', choice: [0] });
    expect(teacher.last('results')).toEqual({ type: 'results', id: 'q2', counts: [1, 0], total: 1 });
  });

  it('tells a reader whose answer could not be stored, and does not count it', async () => {
    const room = fakeRoom('clase-1', { failAnswerPuts: 1 });
    const teacher = await room.connect('t');
    const a = await room.connect('a');
    await room.message(teacher, { type: 'auth', key: KEY });
    const question = { id: 'q1', lesson: '/', prompt: '¿?', kind: 'single', options: ['a', 'b'] };
    await room.message(teacher, { type: 'ask', question });
    await room.message(a, { type: 'answer', id: 'q1', choice: [0] });
    await expect.poll(() => a.last('error')?.code).toBe('storage_failed');
    expect(a.last('answered')).toBeUndefined();
    expect(teacher.last('results')).toBeUndefined();
    // Storage works again: the same answer counts once.
    await room.message(a, { type: 'answer', id: 'q1', choice: [0] });
    await expect
      .poll(() => teacher.last('results'))
      .toEqual({ type: 'results', id: 'q1', counts: [1, 0], total: 1 });
  });

  it('follows the welcome with the handshake report when asked', async () => {
    const room = fakeRoom('demo');
    const client = await room.connect('h', '?handshake=1', {
      upgrade: 'websocket',
      connection: 'Upgrade',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      'sec-websocket-version': '13',
    });
    expect(client.sent.map((m) => m.type)).toEqual(['welcome', 'handshake']);
    expect(client.last('handshake')?.accept).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    expect(client.last('handshake')?.request.path).toBe('/parties/main/demo?handshake=1&reader=lectorh00000');
  });

  it('closes a connection with the code it asked for', async () => {
    const room = fakeRoom('demo');
    const client = await room.connect('c');
    await room.message(client, { type: 'hangup', code: 1011 });
    expect(client.closedWith?.code).toBe(1011);
  });

  it('stores under 16 KB per connection', async () => {
    const room = fakeRoom('demo');
    const busy = await room.connect('b');
    await room.message(busy, { type: 'auth', key: KEY });
    for (let i = 0; i < 10; i++) {
      await room.message(busy, { type: 'react', reaction: '👍' });
      await room.message(busy, { type: 'push', text: 'x'.repeat(280) });
      await room.message(busy, { type: 'emit', event: 'chat:mensaje', payload: { texto: 'x'.repeat(280) } });
    }
    expect(new TextEncoder().encode(busy.attachment ?? '').length).toBeLessThan(16 * 1024);
  });
});

describe('server: an instance the sweep alarm woke (no room id, ever)', () => {
  it('handles connect, message, request and close without reading room.id', async () => {
    const room = fakeRoom('clase-1', { alarmBorn: true });
    await room.fireAlarm();
    const teacher = await room.connect('t');
    const reader = await room.connect('r');
    expect(reader.last('welcome')).toMatchObject({ room: 'clase-1', count: 2 });
    await room.message(teacher, { type: 'auth', key: KEY });
    await room.message(teacher, { type: 'push', text: 'Tras la alarma', ref: 'a1' });
    expect(teacher.last('ack')).toEqual({ type: 'ack', ref: 'a1', seq: 1 });
    expect(reader.last('notification')?.text).toBe('Tras la alarma');

    const state = await room.request('GET');
    expect(state.status).toBe(200);
    expect(await state.json()).toMatchObject({ room: 'clase-1', lastSeq: 1 });
    const pushed = await room.request('POST', '', {
      body: JSON.stringify({ text: 'Por HTTP' }),
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    });
    expect(pushed.status).toBe(201);
    expect(reader.last('notification')?.seq).toBe(2);
    const demo = await room.request('GET', '/demo/status/404');
    expect(demo.status).toBe(404);

    await room.close(reader);
    await room.close(teacher);
    expect(teacher.closedWith).toBeDefined();
  });

  it('leaves no alarm behind once the last reader has gone, and keeps one while someone stays', async () => {
    const room = fakeRoom('clase-1');
    const a = await room.connect('a');
    const b = await room.connect('b');
    expect(room.alarm()).not.toBeNull();
    await room.close(a);
    expect(room.alarm()).not.toBeNull();
    await room.close(b);
    expect(room.alarm()).toBeNull();
  });

  it('routes demo endpoints by path segment, also in rooms named like the path prefix', async () => {
    for (const name of ['m', 'p', 'parties', 'main']) {
      const response = await fakeRoom(name).request('GET', '/demo/status/404');
      expect(response.status, name).toBe(404);
    }
  });
});

describe('server: nothing lost without a word', () => {
  it('gives a seq only once storage holds the push: a failed write skips nothing', async () => {
    const room = fakeRoom('clase-1', { failPuts: 1 });
    const teacher = await room.connect('t');
    const reader = await room.connect('r');
    await room.message(teacher, { type: 'auth', key: KEY });
    await room.message(teacher, { type: 'push', text: 'se pierde', ref: 'p1' });
    expect(teacher.last('error')).toMatchObject({ code: 'storage_failed', ref: 'p1' });
    expect(teacher.last('ack')).toBeUndefined();
    expect(reader.last('notification')).toBeUndefined();

    await room.message(teacher, { type: 'push', text: 'se pierde', ref: 'p1' });
    await room.message(teacher, { type: 'push', text: 'segunda', ref: 'p2' });
    expect(teacher.sent.filter((m) => m.type === 'ack')).toEqual([
      { type: 'ack', ref: 'p1', seq: 1 },
      { type: 'ack', ref: 'p2', seq: 2 },
    ]);
    const seqs = reader.sent.flatMap((m) => (m.type === 'notification' ? [m.seq] : []));
    expect(seqs).toEqual([1, 2]);
    const state = await (await room.request('GET')).json();
    expect(state).toMatchObject({ lastSeq: 2 });
  });

  it('answers an HTTP push whose write failed with 503, and the retry takes the next seq', async () => {
    const room = fakeRoom('clase-1', { failPuts: 1 });
    const reader = await room.connect('r');
    const post = () =>
      room.request('POST', '', {
        body: JSON.stringify({ text: 'Por HTTP', ref: 'h-1' }),
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      });
    const failed = await post();
    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject({ code: 'storage_failed' });
    const ok = await post();
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ seq: 1 });
    // The same ref again: the same seq, and no second notification.
    const again = await post();
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ seq: 1, duplicate: true });
    expect(reader.sent.filter((m) => m.type === 'notification')).toHaveLength(1);
  });

  it('serves the versions in its window and closes any other with 4426 and a typed error', async () => {
    const room = fakeRoom('demo');
    for (const query of [`?v=${String(PROTOCOL_VERSION)}`, `?v=${String(OLDEST_PROTOCOL_VERSION)}`, '']) {
      expect((await room.connect(`v${query.length}`, query)).last('welcome'), query).toBeDefined();
    }
    // Version 4 spoke the Spanish wire names version 5 renamed: it must reload.
    const stale = await room.connect('s', '?v=4');
    // Closed on its first frame: a close from inside the upgrade never completes.
    await room.message(stale, { type: 'ping', t: 1 });
    expect(stale.sent).toEqual([
      {
        type: 'error',
        code: 'version_mismatch',
        message: 'Hay una versión nueva del curso: recarga la página.',
      },
    ]);
    expect(stale.closedWith?.code).toBe(4426);
  });

  it('counts one reader with several sockets once, across wake-ups', async () => {
    const room = fakeRoom('clase-1');
    await room.connect('a', '?reader=mismolector1');
    await room.connect('b', '?reader=mismolector1');
    await room.connect('c', '?reader=otrolector22');
    const anonymous = await room.connect('d', '?reader=<mal>');
    expect(anonymous.last('welcome')?.count).toBe(2);
  });

  it('takes one vote per reader: reconnecting does not vote again', async () => {
    const room = fakeRoom('demo');
    const emit = (event: string, payload: unknown) => ({ type: 'emit', event, payload });
    const first = await room.connect('a', '?events=1&reader=votante0001');
    await room.message(first, emit('encuesta:crear', { pregunta: '¿Sí?', opciones: ['sí', 'no'] }));
    await room.message(first, emit('encuesta:voto', { id: 'e1', opcion: 0 }));
    await room.close(first);
    const again = await room.connect('b', '?events=1&reader=votante0001');
    await room.message(again, emit('encuesta:voto', { id: 'e1', opcion: 1 }));
    expect(again.last('event')).toMatchObject({ payload: { mensaje: 'Ya votaste en esta encuesta.' } });
    const late = await room.connect('c', '?events=1&reader=otrovotante');
    expect(late.last('event')).toMatchObject({ event: 'encuesta:resultado', payload: { total: 1 } });
  });
});

describe('server: bounded requests and a room that refuses to start misconfigured', () => {
  const big = 'x'.repeat(5000);
  const teacherPost = (body: string, headers: Record<string, string> = {}) => ({
    body,
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...headers },
  });

  it('answers 413 for a body over the limit, by Content-Length and by what it read', async () => {
    const room = fakeRoom('clase-1');
    const declared = await room.request(
      'POST',
      '',
      teacherPost(JSON.stringify({ text: big }), { 'content-length': '5020' }),
    );
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ code: 'payload_too_large' });
    const undeclared = await room.request('POST', '', teacherPost(JSON.stringify({ text: big })));
    expect(undeclared.status).toBe(413);
    const fine = await room.request('POST', '', teacherPost(JSON.stringify({ text: 'corto' })));
    expect(fine.status).toBe(201);
  });

  it('refuses every request and connection while TEACHER_KEY is too short, saying why', async () => {
    const lobby = { id: 'clase-1', env: { TEACHER_KEY: 'profe-local' } };
    const request = new Request('http://sala/parties/main/clase-1');
    const answer = Server.onBeforeRequest(
      request as unknown as Party.Request,
      lobby as unknown as Party.Lobby,
    );
    expect(answer).toBeInstanceOf(Response);
    const response = answer as Response;
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      code: 'config_invalid',
      type: 'error',
      message: expect.stringContaining('TEACHER_KEY'),
    });
    const upgrade = Server.onBeforeConnect(
      request as unknown as Party.Request,
      lobby as unknown as Party.Lobby,
    );
    expect((upgrade as Response).status).toBe(500);
  });
});

describe('server: a cut abuser is turned away at the door', () => {
  it('answers its next upgrades with 429 and Retry-After before they reach the room, not its neighbours', async () => {
    const room = fakeRoom('clase-puerta');
    const flooder = await room.connect('f', '', { 'cf-connecting-ip': '203.0.113.9' });
    for (let i = 0; i < 60 && !flooder.closedWith; i++) await room.message(flooder, { type: 'ping', t: i });
    expect(flooder.closedWith?.code).toBe(1008);
    const lobby = { id: 'clase-puerta', env: { TEACHER_KEY: KEY } } as unknown as Party.Lobby;
    const upgrade = (ip: string) =>
      Server.onBeforeConnect(
        new Request('http://sala/parties/main/clase-puerta', {
          headers: { 'cf-connecting-ip': ip },
        }) as unknown as Party.Request,
        lobby,
      );
    const refused = upgrade('203.0.113.9') as Response;
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ code: 'cooling_down' });
    expect(upgrade('203.0.113.10')).not.toBeInstanceOf(Response);
  });
});
