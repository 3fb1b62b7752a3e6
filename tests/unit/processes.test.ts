/**
 * Waiting for a server before using it: what `npm start`, `npm run preview` and every test
 * that serves the site rely on. `partykit dev` answers its room before its static files are
 * served, so "it answered" and "it answered 200" are different waits.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeRoomConfig } from '../../scripts/tools/partykit.mjs';
import { waitForHttp } from '../../scripts/tools/processes.mjs';
import { describeLocalKey, MIN_TEACHER_KEY, randomTeacherKey } from '../../scripts/tools/teacherKey.mjs';

const MODULE = new URL('../../scripts/tools/teacherKey.mjs', import.meta.url).href;

/** A loopback server that answers 503 to its first `failures` requests, then 200. */
async function warmingServer(
  failures: number,
): Promise<{ url: string; server: Server; requests: () => number }> {
  let requests = 0;
  const server = createServer((_request, response) => {
    requests++;
    response.statusCode = requests <= failures ? 503 : 200;
    response.end(requests <= failures ? '' : 'listo');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${String(port)}/`, server, requests: () => requests };
}

describe('waitForHttp', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('with ok, keeps polling through error statuses until the URL answers 200', async () => {
    const warming = await warmingServer(3);
    server = warming.server;
    await waitForHttp(warming.url, { ok: true, timeoutMs: 10_000 });
    expect(warming.requests()).toBe(4);
  });

  it('without ok, any answer will do: a room says 400 to a made-up room id and is up', async () => {
    const warming = await warmingServer(3);
    server = warming.server;
    await waitForHttp(warming.url, { timeoutMs: 10_000 });
    expect(warming.requests()).toBe(1);
  });

  it('gives up with a Spanish message naming the URL when it never answers 200', async () => {
    const warming = await warmingServer(Number.POSITIVE_INFINITY);
    server = warming.server;
    await expect(waitForHttp(warming.url, { ok: true, timeoutMs: 600 })).rejects.toThrow(
      `Nada respondió en ${warming.url} a tiempo.`,
    );
  });

  it('stops waiting as soon as the process it waits for has exited, with its output', async () => {
    const url = 'http://127.0.0.1:9/';
    const exited = Promise.resolve(1);
    await expect(
      waitForHttp(url, { exited, output: () => 'Error: puerto ocupado', timeoutMs: 10_000 }),
    ).rejects.toThrow(/terminó antes de responder[\s\S]*puerto ocupado/);
  });
});

describe('the local teacher key', () => {
  const keyOf = (env: NodeJS.ProcessEnv) =>
    execFileSync(
      process.execPath,
      ['--input-type=module', '-e', `import('${MODULE}').then((m) => console.log(m.LOCAL_TEACHER_KEY))`],
      { env, encoding: 'utf8' },
    ).trim();
  const { TEACHER_KEY: _unset, ...env } = process.env;

  it('is drawn anew by every start, unless TEACHER_KEY is set', () => {
    const first = keyOf(env);
    const second = keyOf(env);
    expect(first.length).toBeGreaterThanOrEqual(MIN_TEACHER_KEY);
    expect(second).not.toBe(first);
    expect(keyOf({ ...env, TEACHER_KEY: 'una-clave-fija-de-prueba' })).toBe('una-clave-fija-de-prueba');
  });

  it('is written for partykit dev in a file only its user can read', () => {
    const key = randomTeacherKey();
    const dir = writeRoomConfig({ TEACHER_KEY: key });
    try {
      const file = join(dir, 'partykit.json');
      expect(JSON.parse(readFileSync(file, 'utf8')).vars).toEqual({ TEACHER_KEY: key });
      expect(statSync(file).mode & 0o077).toBe(0);
      expect(statSync(dir).mode & 0o077).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is printed, and a TEACHER_KEY the room would refuse stops the start with the reason', () => {
    const key = randomTeacherKey();
    const shown = describeLocalKey(key);
    expect(shown.ok && shown.lines.join('\n')).toContain(key);
    expect(describeLocalKey('corta')).toEqual({
      ok: false,
      error: expect.stringMatching(/TEACHER_KEY tiene 5 caracteres; la sala exige al menos 16/),
    });
  });
});
