import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { roomUrl, startPartykit } from '../harness/room';

let room: Awaited<ReturnType<typeof startPartykit>>;
beforeAll(async () => {
  room = await startPartykit({ vars: { ALLOWED_ORIGINS: 'https://curso.example.org' } });
});
afterAll(async () => {
  await room?.stop();
});

/** Resolves with the HTTP status of the upgrade: 101 when accepted. */
function upgradeStatus(origin: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(roomUrl(room.host, 'demo'), { origin });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
  });
}

describe('room: origin allow-list', () => {
  it('accepts a page from a listed origin', async () => {
    expect(await upgradeStatus('https://curso.example.org')).toBe(101);
  });

  it("refuses a connection from another site's page", async () => {
    expect(await upgradeStatus('https://otro-sitio.example')).toBe(403);
  });
});
