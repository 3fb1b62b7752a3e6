import { describe, expect, it } from 'vitest';
import { HANGUP_CODES } from '../../party/wire/vocabulary';
import { connectClient, setupRoom } from '../harness/room';

const room = setupRoom();

describe('room: what the connection inspector asks for', () => {
  it.each(HANGUP_CODES.map((code) => [code]))('closes the connection with %i when asked', async (code) => {
    const client = await connectClient(room.host, 'demo-cortes');
    await client.next('welcome');
    client.send({ type: 'hangup', code });
    const closed = await client.closed;
    expect(closed.code).toBe(code);
    expect(closed.reason).toMatch(/a petición de la página/);
  });

  it('echoes a text back to the sender only', async () => {
    const a = await connectClient(room.host, 'demo-eco');
    const b = await connectClient(room.host, 'demo-eco');
    await Promise.all([a.next('welcome'), b.next('welcome')]);
    a.send({ type: 'echo', text: 'eco n.º 1', ref: 'e' });
    expect(await a.next('echo')).toMatchObject({ text: 'eco n.º 1', ref: 'e' });
    b.send({ type: 'ping', t: 2 });
    await b.next('pong');
    expect(b.received.map((m) => m.type)).not.toContain('echo');
    await Promise.all([a.close(), b.close()]);
  });
});
