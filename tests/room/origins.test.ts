import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { roomUrl, setupRoom } from '../harness/room';
import { classStillWorks, from, KEY } from './hostileKit';

const COURSE = 'https://curso.example.org';
const room = setupRoom({ vars: { ALLOWED_ORIGINS: COURSE, TEACHER_KEY: KEY } });

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

describe('room: origin allow-list over HTTP', () => {
  const get = (path: string, headers: Record<string, string>) =>
    fetch(`${room.origin}/parties/main/clase-origen${path}`, { headers: from('visita', headers) });

  it("refuses another site's page on plain HTTP too: state, polling and demos", async () => {
    for (const path of ['', '?since=0', '/demo/status/200', '/demo/cookie/echo']) {
      const response = await get(path, { origin: 'https://malicioso.example' });
      expect(response.status, path).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'origin_refused' });
    }
    const push = await fetch(`${room.origin}/parties/main/clase-origen`, {
      method: 'POST',
      headers: from('visita', { origin: 'https://malicioso.example', authorization: `Bearer ${KEY}` }),
      body: JSON.stringify({ text: 'desde otro sitio' }),
    });
    expect(push.status).toBe(403);
    await classStillWorks(room.host, 'clase-origen', { origin: COURSE });
  });

  it('serves the listed origin, with its own origin echoed instead of *', async () => {
    const response = await get('', { origin: COURSE });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(COURSE);
  });

  it('gives credentialed CORS on the cookie demo only to a listed origin', async () => {
    const response = await get('/demo/cookie/echo', { origin: COURSE, cookie: 'demo_visita=abc' });
    expect(response.headers.get('access-control-allow-origin')).toBe(COURSE);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('still answers a client that sends no Origin (curl): CORS only binds browsers', async () => {
    expect((await get('', {})).status).toBe(200);
  });
});
