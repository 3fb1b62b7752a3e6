import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../party/core/limits';
import type { ClientMessage } from '../../party/wire/clientMessages';
import { connectClient, setupRoom, type TestClient } from '../harness/room';

const room = setupRoom();

async function join(name: string): Promise<TestClient> {
  const client = await connectClient(room.host, name, '?events=1');
  await client.next('welcome');
  return client;
}

const emit = (event: string, payload: unknown, ref?: string): ClientMessage =>
  ref ? { type: 'emit', event, payload, ref } : { type: 'emit', event, payload };

describe('room: events in the playground', () => {
  it('hands a valid event to the others and back to the sender, not to pages outside the playground', async () => {
    const a = await join('demo-eventos');
    const b = await join('demo-eventos');
    const outside = await connectClient(room.host, 'demo-eventos');
    await outside.next('welcome');
    a.send(emit('chat:mensaje', { texto: '<b>hola</b>' }));
    for (const client of [b, a]) {
      expect(await client.next('event')).toMatchObject({
        event: 'chat:mensaje',
        payload: { texto: '<b>hola</b>' },
      });
    }
    outside.send({ type: 'ping', t: 3 });
    await outside.next('pong');
    expect(outside.received.map((m) => m.type)).not.toContain('event');
    await Promise.all([a.close(), b.close(), outside.close()]);
  });

  it('answers an invalid payload with an error naming the field and the rule, to the sender only', async () => {
    const a = await join('demo-invalido');
    const b = await join('demo-invalido');
    a.send(emit('encuesta:voto', { id: 'e1', opcion: 'HTTP' }, 'r1'));
    const error = await a.next('error');
    expect(error).toMatchObject({ code: 'invalid_payload', ref: 'r1', field: 'opcion' });
    expect(error.message).toMatch(/«opcion».*número.*Regla/);
    a.send(emit('no:existe', {}));
    expect((await a.next('error')).message).toMatch(/«no:existe» no existe/);
    // The next event b hears is the valid one that followed: the invalid ones never reached it.
    a.send(emit('cursor:mover', { x: 0.5, y: 0.5 }));
    expect(await b.next('event')).toMatchObject({ event: 'cursor:mover' });
    expect(b.received.filter((m) => m.type === 'error')).toEqual([]);
    await Promise.all([a.close(), b.close()]);
  });

  it('runs the class poll: new poll to all, results to all, a second vote refused to the voter only', async () => {
    // The open room, where anyone may open a poll.
    const a = await join('demo');
    const b = await join('demo');
    a.send(
      emit('encuesta:crear', { pregunta: '¿Qué protocolo usa el navegador?', opciones: ['HTTP', 'FTP'] }),
    );
    for (const client of [a, b])
      expect(await client.next('event')).toMatchObject({ event: 'encuesta:nueva', payload: { id: 'e1' } });
    a.send(emit('encuesta:voto', { id: 'e1', opcion: 0 }));
    for (const client of [a, b]) {
      expect(await client.next('event')).toMatchObject({
        event: 'encuesta:resultado',
        payload: { votos: [1, 0], total: 1 },
      });
    }
    a.send(emit('encuesta:voto', { id: 'e1', opcion: 1 }));
    expect(await a.next('event')).toMatchObject({
      event: 'encuesta:error',
      payload: { mensaje: 'Ya votaste en esta encuesta.' },
    });
    b.send(emit('encuesta:voto', { id: 'e1', opcion: 1 }));
    expect(await b.next('event')).toMatchObject({
      event: 'encuesta:resultado',
      payload: { votos: [1, 1], total: 2 },
    });

    const late = await connectClient(room.host, 'demo', '?events=1');
    expect((await late.next('event')).event).toBe('encuesta:nueva');
    expect(await late.next('event')).toMatchObject({
      event: 'encuesta:resultado',
      payload: { votos: [1, 1], total: 2 },
    });
    await Promise.all([a.close(), b.close(), late.close()]);
  });

  it('slows a flood down without cutting it off, and the others still hear and are heard', async () => {
    const flooder = await join('demo-inundacion');
    const other = await join('demo-inundacion');
    const burst = LIMITS.memberEvents.burst + 4;
    for (let i = 0; i < burst; i++) flooder.send(emit('cursor:mover', { x: 0, y: i / burst }));
    for (let i = 0; i < 4; i++) expect((await flooder.next('error')).code).toBe('rate_limited');
    other.send(emit('chat:mensaje', { texto: 'sigo aquí' }));
    let heard = await other.next('event');
    while (heard.event !== 'chat:mensaje') heard = await other.next('event');
    expect(heard).toMatchObject({ payload: { texto: 'sigo aquí' } });
    // Only the flooder's budget reached the others.
    expect(other.received.filter((m) => m.type === 'event')).toHaveLength(LIMITS.memberEvents.burst + 1);
    flooder.send({ type: 'ping', t: 1 });
    expect(await flooder.next('pong')).toEqual({ type: 'pong', t: 1 });
    await Promise.all([flooder.close(), other.close()]);
  });
});
