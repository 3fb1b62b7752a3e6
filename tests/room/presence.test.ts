import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../party/wire/version';
import { connectClient, setupRoom } from '../harness/room';

const room = setupRoom();

describe('room: welcome and presence over real WebSockets', () => {
  it('welcomes each client and shows presence going 1 → 2 → 1', async () => {
    const a = await connectClient(room.host, 'presencia');
    expect(await a.next('welcome')).toMatchObject({
      type: 'welcome',
      version: PROTOCOL_VERSION,
      room: 'presencia',
      count: 1,
    });
    expect((await a.next('presence')).count).toBe(1);

    const b = await connectClient(room.host, 'presencia');
    expect((await b.next('welcome')).count).toBe(2);
    expect((await a.next('presence')).count).toBe(2);

    await b.close();
    expect((await a.next('presence')).count).toBe(1);
    await a.close();
  });

  it('counts a page with several demos (several sockets) as one reader', async () => {
    const a = await connectClient(room.host, 'una-pagina', '?reader=pagina0000000001');
    const b = await connectClient(room.host, 'una-pagina', '?reader=pagina0000000001');
    expect((await b.next('welcome')).count).toBe(1);
    const other = await connectClient(room.host, 'una-pagina', '?reader=pagina0000000002');
    expect((await other.next('welcome')).count).toBe(2);
    await b.close();
    await expect
      .poll(async () => (await (await fetch(`${room.origin}/parties/main/una-pagina`)).json()).count)
      .toBe(2);
    await Promise.all([a.close(), other.close()]);
  });

  it('keeps rooms apart', async () => {
    const a = await connectClient(room.host, 'sala-a');
    const b = await connectClient(room.host, 'sala-b');
    expect((await a.next('welcome')).count).toBe(1);
    expect((await b.next('welcome')).count).toBe(1);
    await Promise.all([a.close(), b.close()]);
  });

  it('answers a ping with a pong and a bad frame with a Spanish error, staying open', async () => {
    const a = await connectClient(room.host, 'ping');
    a.send({ type: 'ping', t: 7 });
    expect(await a.next('pong')).toEqual({ type: 'pong', t: 7 });
    a.sendRaw('esto no es json');
    expect((await a.next('error')).code).toBe('invalid_json');
    a.send({ type: 'ping', t: 8 });
    expect((await a.next('pong')).t).toBe(8);
    await a.close();
  });
});

describe('room: HTTP', () => {
  it('answers GET with the room state as JSON, including the count', async () => {
    const a = await connectClient(room.host, 'http-get');
    await a.next('welcome');
    const response = await fetch(`${room.origin}/parties/main/http-get`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toMatchObject({ room: 'http-get', count: 1 });
    await a.close();
  });
});
