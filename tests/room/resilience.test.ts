import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { connectClient, roomUrl, setupRoom, type TestClient } from '../harness/room';

const SILENCE_MS = 3000;

const room = setupRoom({ vars: { SILENCE_MS: String(SILENCE_MS) } });

const countOf = async (name: string) =>
  (await (await fetch(`${room.origin}/parties/main/${name}`)).json()).count as number;

/** Keeps a test client alive past the silence window, as a real page's heartbeat does. */
function keepAlive(client: TestClient): () => void {
  const timer = setInterval(() => client.send({ type: 'ping', t: Date.now() }), 500);
  return () => clearInterval(timer);
}

describe('room: presence tells the truth', () => {
  it('ends where it started after a tab is reloaded 50 times', async () => {
    const observer = await connectClient(room.host, 'recargas');
    await observer.next('welcome');
    const stop = keepAlive(observer);
    for (let i = 0; i < 50; i++) {
      const tab = await connectClient(room.host, 'recargas');
      await tab.next('welcome');
      await tab.close();
    }
    await expect.poll(() => countOf('recargas'), { timeout: 5000 }).toBe(1);
    stop();
    await observer.close();
  });

  it('counts out a client frozen with SIGSTOP within the silence window', async () => {
    const observer = await connectClient(room.host, 'congelada');
    await observer.next('welcome');
    const stop = keepAlive(observer);
    const frozen = spawn(
      process.execPath,
      ['tests/harness/idleClient.mjs', roomUrl(room.host, 'congelada', '?reader=congelado0001')],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve) => frozen.stdout.once('data', () => resolve()));
    expect(await countOf('congelada')).toBe(2);

    frozen.kill('SIGSTOP');
    const frozenAt = Date.now();
    await expect.poll(() => countOf('congelada'), { timeout: 4 * SILENCE_MS, interval: 200 }).toBe(1);
    expect(Date.now() - frozenAt).toBeLessThan(3 * SILENCE_MS);
    expect((await observer.next('presence', 1000)).count).toBeGreaterThanOrEqual(1);

    frozen.kill('SIGKILL');
    stop();
    await observer.close();
  });
});
