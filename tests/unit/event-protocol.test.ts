import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../party/core/limits';
import { RoomCore } from '../../party/core/room';
import { type Decision, emptyState, type MemberState } from '../../party/core/state';
import { type ClientMessage, parseClientMessage } from '../../party/wire/clientMessages';
import {
  CLIENT_EVENTS,
  checkEmit,
  EVENT_SPECS,
  eventSchemas,
  parseEventPayload,
} from '../../party/wire/events';
import { encodeServer, parseServerMessage } from '../../party/wire/serverMessages';
import {
  appendEntry,
  entryFor,
  followPoll,
  LOG_SIZE,
  parsePayload,
  share,
} from '../../src/demos/event-protocol/frameLog';

function room(id = 'demo') {
  let now = 1_000_000;
  const core = new RoomCore(id, emptyState(), { teacherKey: 'profe', now: () => now });
  return { core, tick: (ms: number) => (now += ms) };
}

const reader: MemberState = { role: 'reader' };
/** A reader with its page's id: votes count readers, so only these may vote. */
const voter = (n: number): MemberState => ({ role: 'reader', reader: `lector${String(n)}0000` });
const teacher: MemberState = { role: 'teacher' };
const emit = (event: string, payload: unknown): ClientMessage => ({ type: 'emit', event, payload });

/** Runs one message and returns the decision plus the member to use next. */
function run(core: RoomCore, member: MemberState, message: ClientMessage): Decision & { next: MemberState } {
  const decision = core.receive(message, member);
  return { ...decision, next: decision.member ?? member };
}

describe('events: the catalogue', () => {
  it('has a schema, words and a valid example for every event', () => {
    expect(EVENT_SPECS.map((s) => s.name).sort()).toEqual(Object.keys(eventSchemas).sort());
    for (const spec of EVENT_SPECS) {
      expect(spec.fields.length, spec.name).toBeGreaterThan(0);
      expect(eventSchemas[spec.name].safeParse(spec.example).success, spec.name).toBe(true);
    }
  });

  it('lists in words exactly the fields each schema accepts', () => {
    for (const spec of EVENT_SPECS) {
      expect(Object.keys(spec.example as object).sort(), spec.name).toEqual(
        spec.fields.map((f) => f.name).sort(),
      );
    }
  });

  it.each(CLIENT_EVENTS.map((name) => [name]))('accepts the example of %s', (name) => {
    const spec = EVENT_SPECS.find((s) => s.name === name);
    expect(checkEmit(name, spec?.example)).toMatchObject({ ok: true, value: { event: name } });
  });

  it('trims texts before checking them', () => {
    expect(checkEmit('chat:mensaje', { texto: '  hola  ' })).toEqual({
      ok: true,
      value: { event: 'chat:mensaje', payload: { texto: 'hola' } },
    });
  });
});

describe('events: invalid emits name the event, the field and the rule', () => {
  it.each([
    ['an unknown event', 'encuesta:cerrar', {}, 'unknown_event', /«encuesta:cerrar» no existe.*chat:mensaje/],
    ['a server-only event', 'encuesta:resultado', {}, 'server_event', /solo la sala/],
    ['a payload that is not an object', 'chat:mensaje', 'hola', 'invalid_payload', /objeto JSON.*«texto»/],
    [
      'a missing field',
      'chat:mensaje',
      {},
      'invalid_payload',
      /Falta el campo «texto».*Regla: texto, de 1 a 280/,
    ],
    ['an empty text', 'chat:mensaje', { texto: '   ' }, 'invalid_payload', /«texto».*está vacío/],
    ['a text too long', 'chat:mensaje', { texto: 'x'.repeat(281) }, 'invalid_payload', /supera los 280/],
    [
      'a string for a number',
      'encuesta:voto',
      { id: 'e1', opcion: 'HTTP' },
      'invalid_payload',
      /«opcion».*debe ser un número.*Regla: número entero/,
    ],
    [
      'a fraction for an index',
      'encuesta:voto',
      { id: 'e1', opcion: 0.5 },
      'invalid_payload',
      /«opcion».*número entero/,
    ],
    [
      'a negative index',
      'encuesta:voto',
      { id: 'e1', opcion: -1 },
      'invalid_payload',
      /«opcion».*menor que 0/,
    ],
    [
      'a cursor off the screen',
      'cursor:mover',
      { x: 2, y: 0 },
      'invalid_payload',
      /«x».*mayor que 1.*de 0 a 1/,
    ],
    [
      'a poll with one option',
      'encuesta:crear',
      { pregunta: '¿?', opciones: ['Sí'] },
      'invalid_payload',
      /«opciones».*menos de 2 elementos/,
    ],
    [
      'an empty option',
      'encuesta:crear',
      { pregunta: '¿?', opciones: ['Sí', ''] },
      'invalid_payload',
      /«opciones\.1».*vacío/,
    ],
    [
      'an extra field',
      'chat:mensaje',
      { texto: 'hola', html: '<b>' },
      'invalid_payload',
      /no admite el campo «html»/,
    ],
  ])('refuses %s', (_name, event, payload, code, message) => {
    const checked = checkEmit(event, payload);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.error.code).toBe(code);
    expect(checked.error.message).toMatch(message);
  });

  it('says which field was at fault in a machine-readable form too', () => {
    const checked = checkEmit('encuesta:crear', { pregunta: 'p', opciones: ['a', 7] });
    expect(checked.ok ? null : checked.error.field).toBe('opciones.1');
  });

  it('shortens a long unknown name in the error', () => {
    const checked = checkEmit('x'.repeat(60), {});
    expect(checked.ok ? '' : checked.error.message).toContain('…');
  });
});

describe('protocol: the new messages', () => {
  it('parses emit, echo and hangup from a client', () => {
    expect(parseClientMessage(JSON.stringify(emit('chat:mensaje', { texto: 'a' }))).ok).toBe(true);
    expect(parseClientMessage('{"type":"echo","text":"hola"}').ok).toBe(true);
    expect(parseClientMessage('{"type":"hangup","code":1011}').ok).toBe(true);
  });

  it('refuses a hangup code the room will not send, naming the allowed ones', () => {
    const parsed = parseClientMessage('{"type":"hangup","code":1006}');
    expect(parsed.ok ? '' : parsed.error.message).toMatch(/«code».*«1000», «1001», «1008», «1011»/);
  });

  it('refuses an event name longer than 40 characters', () => {
    const parsed = parseClientMessage(JSON.stringify(emit('x'.repeat(41), {})));
    expect(parsed.ok ? '' : parsed.error.code).toBe('too_long');
  });

  it('parses event and echo frames from the room', () => {
    expect(
      parseServerMessage('{"type":"event","event":"chat:mensaje","payload":{"texto":"a"},"at":1}').ok,
    ).toBe(true);
    expect(parseServerMessage('{"type":"echo","text":"a","at":1}').ok).toBe(true);
  });
});

describe('room core: relayed events', () => {
  it('relays a valid event to everyone with the trimmed payload and the time', () => {
    const { core } = room();
    const decision = run(core, reader, emit('chat:mensaje', { texto: ' hola ' }));
    expect(decision.toListeners).toEqual({
      type: 'event',
      event: 'chat:mensaje',
      payload: { texto: 'hola' },
      at: 1_000_000,
    });
    expect(decision.reply).toBeUndefined();
  });

  it('answers an invalid event to the sender only, with its ref, and relays nothing', () => {
    const { core } = room();
    const decision = core.receive(
      { ...emit('encuesta:voto', { id: 'e1' }), ref: 'r1' } as ClientMessage,
      reader,
    );
    expect(decision.toListeners).toBeUndefined();
    expect(decision.reply).toMatchObject({
      type: 'error',
      code: 'invalid_payload',
      ref: 'r1',
      field: 'opcion',
    });
  });

  it('limits each member, so a flood gets «espera» and the room keeps relaying others', () => {
    const { core } = room();
    let flooder = reader;
    const answers: string[] = [];
    for (let i = 0; i < LIMITS.memberEvents.burst + 3; i++) {
      const d = run(core, flooder, emit('cursor:mover', { x: 0.1, y: 0.1 }));
      flooder = d.next;
      answers.push(d.toListeners ? 'relayed' : (d.reply as { code: string }).code);
    }
    expect(answers.filter((a) => a === 'relayed')).toHaveLength(LIMITS.memberEvents.burst);
    expect(answers.at(-1)).toBe('rate_limited');
    expect(run(core, reader, emit('chat:mensaje', { texto: 'sigo aquí' })).toListeners).toBeDefined();
  });

  it('limits the whole room, so many readers together cannot flood everyone else', () => {
    const { core } = room();
    let relayed = 0;
    for (let i = 0; i < LIMITS.roomEvents.burst + 5; i++) {
      // A fresh member each time: only the room budget can stop them.
      const fresh = core.newMember(undefined, `10.0.0.${String(i)}`);
      if (run(core, fresh, emit('cursor:mover', { x: 0, y: 0 })).toListeners) relayed += 1;
    }
    expect(relayed).toBe(LIMITS.roomEvents.burst);
  });

  it('spends the member budget on invalid emits too', () => {
    const { core } = room();
    let member = reader;
    for (let i = 0; i < LIMITS.memberEvents.burst; i++) member = run(core, member, emit('nada', {})).next;
    expect(run(core, member, emit('chat:mensaje', { texto: 'a' })).reply).toMatchObject({
      code: 'rate_limited',
    });
  });
});

describe('room core: the class poll of the worked example', () => {
  const crear = emit('encuesta:crear', {
    pregunta: '¿Qué protocolo usa el navegador?',
    opciones: ['HTTP', 'FTP'],
  });

  it('opens a poll and announces it to everyone as encuesta:nueva', () => {
    const { core } = room();
    const decision = run(core, reader, crear);
    expect(decision.persist).toBe(true);
    expect(decision.toListeners).toMatchObject({
      type: 'event',
      event: 'encuesta:nueva',
      payload: { id: 'e1', pregunta: '¿Qué protocolo usa el navegador?', opciones: ['HTTP', 'FTP'] },
    });
    expect(run(core, reader, crear).toListeners).toMatchObject({ payload: { id: 'e2' } });
  });

  it('counts a vote and publishes the result to everyone', () => {
    const { core } = room();
    run(core, reader, crear);
    const vote = run(core, voter(1), emit('encuesta:voto', { id: 'e1', opcion: 0 }));
    expect(vote.toListeners).toMatchObject({
      event: 'encuesta:resultado',
      payload: { id: 'e1', votos: [1, 0], total: 1 },
    });
    expect(vote.persist).toBe(true);
    const other = run(core, voter(2), emit('encuesta:voto', { id: 'e1', opcion: 1 }));
    expect(other.toListeners).toMatchObject({ payload: { votos: [1, 1], total: 2 } });
  });

  it('answers encuesta:error to the voter only: twice, a closed poll, an option that does not exist', () => {
    const { core } = room();
    expect(run(core, reader, emit('encuesta:voto', { id: 'e1', opcion: 0 })).reply).toMatchObject({
      event: 'encuesta:error',
      payload: { mensaje: 'No hay ninguna encuesta abierta.' },
    });
    run(core, reader, crear);
    run(core, voter(1), emit('encuesta:voto', { id: 'e1', opcion: 0 }));
    // The same reader on a new connection (a reconnect, another tab): still one vote.
    const again = run(core, { ...voter(1) }, emit('encuesta:voto', { id: 'e1', opcion: 1 }));
    expect(again.toListeners).toBeUndefined();
    expect(again.reply).toMatchObject({
      event: 'encuesta:error',
      payload: { mensaje: 'Ya votaste en esta encuesta.' },
    });
    expect(run(core, reader, emit('encuesta:voto', { id: 'e9', opcion: 0 })).reply).toMatchObject({
      payload: { mensaje: expect.stringMatching(/«e9» ya no está abierta: la abierta es «e1»/) },
    });
    expect(run(core, reader, emit('encuesta:voto', { id: 'e1', opcion: 4 })).reply).toMatchObject({
      payload: { mensaje: 'La opción 4 no existe: elige de 0 a 1.' },
    });
    expect(run(core, reader, emit('encuesta:voto', { id: 'e1', opcion: 0 })).reply).toMatchObject({
      payload: { mensaje: expect.stringMatching(/recárgala para poder votar/) },
    });
  });

  it('lets only the teacher open a poll in a class room', () => {
    const { core } = room('clase-1');
    expect(run(core, reader, crear).reply).toMatchObject({
      event: 'encuesta:error',
      payload: { mensaje: expect.stringMatching(/Solo el docente/) },
    });
    expect(run(core, teacher, crear).toListeners).toMatchObject({ event: 'encuesta:nueva' });
  });

  it('gives a late client the open poll and its latest count', () => {
    const { core } = room();
    expect(core.pollState()).toEqual([]);
    run(core, reader, crear);
    run(core, voter(1), emit('encuesta:voto', { id: 'e1', opcion: 1 }));
    expect(core.pollState().map((m) => (m.type === 'event' ? [m.event, m.payload] : null))).toEqual([
      [
        'encuesta:nueva',
        { id: 'e1', pregunta: '¿Qué protocolo usa el navegador?', opciones: ['HTTP', 'FTP'] },
      ],
      ['encuesta:resultado', { id: 'e1', votos: [0, 1], total: 1 }],
    ]);
    // Every message the room makes parses with the room's own schemas.
    for (const m of core.pollState()) expect(parseServerMessage(encodeServer(m)).ok).toBe(true);
  });

  it('keeps the poll in the state it persists', () => {
    const { core } = room();
    run(core, reader, crear);
    const again = new RoomCore('demo', core.checkpoint());
    expect(again.pollState()).toHaveLength(2);
  });
});

describe('room core: echo and hangup', () => {
  it('echoes a text to the sender only', () => {
    const { core } = room();
    expect(core.receive({ type: 'echo', text: 'hola', ref: 'x' }, reader)).toEqual({
      reply: { type: 'echo', text: 'hola', ref: 'x', at: 1_000_000 },
    });
  });

  it('closes the connection with the code asked for, and says why in Spanish', () => {
    const { core } = room();
    for (const code of [1000, 1001, 1008, 1011] as const) {
      const decision = core.receive({ type: 'hangup', code }, reader);
      expect(decision.close?.code).toBe(code);
      expect(decision.close?.reason).toMatch(/a petición de la página/);
      // A close reason must fit in 123 bytes.
      expect(new TextEncoder().encode(decision.close?.reason).length).toBeLessThanOrEqual(123);
    }
  });
});

describe('room core: the polling endpoint', () => {
  it('returns only what is new since a seq', () => {
    const { core } = room('clase-1');
    for (const text of ['uno', 'dos', 'tres']) core.accept({ text }, true, 'local');
    expect(core.changesSince(1)).toMatchObject({
      room: 'clase-1',
      lastSeq: 3,
      gap: false,
      notifications: [
        { seq: 2, text: 'dos' },
        { seq: 3, text: 'tres' },
      ],
    });
    expect(core.changesSince(3).notifications).toEqual([]);
  });
});

describe('event playground: frame log and poll view', () => {
  it('logs emits out and events and errors in, with the frame size, and ignores the rest', () => {
    const out = entryFor(
      { type: 'send', data: '{"type":"emit","event":"chat:mensaje","payload":{"texto":"ñ"}}' },
      1,
    );
    expect(out).toMatchObject({
      direction: 'emit',
      name: 'chat:mensaje',
      payload: '{"texto":"ñ"}',
      bytes: 63,
      error: false,
    });
    const heard = entryFor(
      {
        type: 'receive',
        data: '{"type":"event","event":"encuesta:error","payload":{"mensaje":"No"},"at":1}',
      },
      2,
    );
    expect(heard).toMatchObject({ direction: 'on', name: 'encuesta:error', error: true });
    const error = entryFor(
      { type: 'receive', data: '{"type":"error","code":"invalid_payload","message":"Falta «texto»"}' },
      3,
    );
    expect(error).toMatchObject({ direction: 'on', name: 'error', payload: 'Falta «texto»', error: true });
    expect(entryFor({ type: 'send', data: '{"type":"ping","t":1}' }, 4)).toBeNull();
    expect(entryFor({ type: 'receive', data: 'no es json' }, 5)).toBeNull();
    expect(entryFor({ type: 'open' }, 6)).toBeNull();
  });

  it('keeps the newest entries first, up to a limit', () => {
    let log = [] as ReturnType<typeof appendEntry>;
    for (let i = 0; i < LOG_SIZE + 5; i++) {
      log = appendEntry(log, { id: i, direction: 'on', name: 'x', payload: '', bytes: 1, error: false });
    }
    expect(log).toHaveLength(LOG_SIZE);
    expect(log[0]?.id).toBe(LOG_SIZE + 4);
  });

  it('reads the payload the reader typed, and explains invalid JSON without sending it', () => {
    expect(parsePayload('{"texto": "hola"}')).toEqual({ ok: true, value: { texto: 'hola' } });
    expect(parsePayload('  ')).toEqual({ ok: true, value: {} });
    const bad = parsePayload('{texto: hola}');
    expect(bad.ok ? '' : bad.message).toMatch(/no es JSON válido/);
  });

  it('follows the poll through encuesta:nueva and encuesta:resultado, ignoring another poll', () => {
    const nueva = {
      type: 'event' as const,
      event: 'encuesta:nueva',
      payload: { id: 'e1', pregunta: 'p', opciones: ['a', 'b'] },
      at: 1,
    };
    let poll = followPoll(null, nueva);
    expect(poll).toEqual({ id: 'e1', pregunta: 'p', opciones: ['a', 'b'], votos: [0, 0], total: 0 });
    poll = followPoll(poll, {
      type: 'event',
      event: 'encuesta:resultado',
      payload: { id: 'e1', votos: [2, 1], total: 3 },
      at: 2,
    });
    expect(poll?.votos).toEqual([2, 1]);
    expect(
      followPoll(poll, {
        type: 'event',
        event: 'encuesta:resultado',
        payload: { id: 'e0', votos: [9, 9], total: 18 },
        at: 3,
      })?.total,
    ).toBe(3);
    // A malformed payload changes nothing.
    expect(followPoll(poll, { type: 'event', event: 'encuesta:nueva', payload: { id: 1 }, at: 4 })).toBe(
      poll,
    );
    expect(parseEventPayload('encuesta:resultado', { id: 'e1', votos: [-1], total: 0 })).toBeNull();
    expect(share(2, 3)).toBe(67);
    expect(share(0, 0)).toBe(0);
  });
});
