/**
 * A room deployed with a guessable teacher key refuses to start, and says why on every
 * request and connection, so the deployer notices at the first page load.
 */
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { roomUrl, setupRoom } from '../harness/room';

const logged: string[] = [];
const room = setupRoom({ vars: { TEACHER_KEY: 'corta' }, onLine: (line) => logged.push(line) });

describe('room: refuses to start with a short TEACHER_KEY', () => {
  it('answers every request with a 500 that names the problem, and logs it', async () => {
    for (const path of ['/parties/main/demo', '/parties/main/clase-1/demo/status/200']) {
      const response = await fetch(`${room.origin}${path}`);
      expect(response.status, path).toBe(500);
      expect(await response.json()).toMatchObject({
        code: 'config_invalid',
        type: 'error',
        message: expect.stringMatching(/TEACHER_KEY tiene 5 caracteres y el mínimo es 16/),
      });
    }
    await expect
      .poll(() => logged.some((line) => line.includes('TEACHER_KEY tiene 5 caracteres')))
      .toBe(true);
  });

  it('refuses every WebSocket upgrade', async () => {
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(roomUrl(room.host, 'demo'));
      socket.once('open', () => resolve(101));
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    });
    expect(status).toBe(500);
  });
});
