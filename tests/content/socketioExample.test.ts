/**
 * Lesson 05's Socket.IO server, run as the lesson shows it (socket.io 4.8, Node's own
 * `node`, only the port swapped for a free one), against real socket.io-client 4.8 clients:
 * it answers the page's origin and no other (CORS), only the teacher creates polls, bad
 * payloads get `encuesta:error` and the server keeps serving, votes are counted once and
 * late joiners get the state. A plain WebSocket client cannot talk to it, as the lesson says.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { exampleImporting } from './lessonCode';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const KEY = 'clave-de-prueba';
const PAGE_ORIGIN = 'http://localhost:5173';

let server: ChildProcess | undefined;
let url = '';
let output = '';
const sockets: Socket[] = [];

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

/** Resolves with the first `event` on `socket`, or rejects after `ms`. */
function next<T>(socket: Socket, event: string, ms = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`sin «${event}» en ${String(ms)} ms; servidor: ${output}`)),
      ms,
    );
    socket.once(event, (data: T) => {
      clearTimeout(timer);
      resolve(data);
    });
  });
}

async function connect(auth?: { clave: string }): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, ...(auth ? { auth } : {}) });
  sockets.push(socket);
  await next(socket, 'connect');
  return socket;
}

beforeAll(async () => {
  const port = await freePort();
  const code = exampleImporting('socket.io').code;
  expect(code).toContain('new Server(3000');
  // Evaluated as an ES module from the project root, so `socket.io` resolves like `node servidor.mjs`.
  server = spawn(
    process.execPath,
    ['--input-type=module', '-e', code.replace('new Server(3000', `new Server(${String(port)}`)],
    {
      cwd: repoRoot,
      env: { ...process.env, CLAVE_DOCENTE: KEY },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  server.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  server.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  url = `http://127.0.0.1:${String(port)}`;
  // Wait until it listens: the polling handshake answers once the server is up.
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(`${url}/socket.io/?EIO=4&transport=polling`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (attempt > 100 || server.exitCode !== null) throw new Error(`el servidor no arrancó: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});

afterAll(() => {
  for (const socket of sockets) socket.disconnect();
  server?.kill();
});

describe('lesson 05: the Socket.IO poll server, run', () => {
  it('allows the page’s origin by CORS and no other', async () => {
    const handshake = (origin: string) =>
      fetch(`${url}/socket.io/?EIO=4&transport=polling`, { headers: { Origin: origin } });
    const allowed = await handshake(PAGE_ORIGIN);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);
    const other = await handshake('http://otra-pagina.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets only the teacher create a poll and refuses bad payloads without falling over', async () => {
    const student = await connect();
    const refused = next<{ mensaje: string }>(student, 'encuesta:error');
    student.emit('encuesta:crear', { pregunta: '¿Sí?', opciones: ['Sí', 'No'] });
    expect((await refused).mensaje).toMatch(/Solo quien es docente/);

    const teacher = await connect({ clave: KEY });
    for (const bad of [
      null,
      'texto',
      7,
      { pregunta: '', opciones: ['a', 'b'] },
      { pregunta: 'p', opciones: [1, 2] },
    ]) {
      const error = next<{ mensaje: string }>(teacher, 'encuesta:error');
      teacher.emit('encuesta:crear', bad);
      expect((await error).mensaje, JSON.stringify(bad)).toMatch(/no válida/);
    }
    const wrongKey = await connect({ clave: 'otra' });
    const denied = next<{ mensaje: string }>(wrongKey, 'encuesta:error');
    wrongKey.emit('encuesta:crear', { pregunta: '¿Sí?', opciones: ['Sí', 'No'] });
    expect((await denied).mensaje).toMatch(/Solo quien es docente/);
  });

  it('broadcasts a poll, counts one vote per connection and catches up late joiners', async () => {
    const teacher = await connect({ clave: KEY });
    const student = await connect();
    const seen = next<{ id: string; pregunta: string; opciones: string[] }>(student, 'encuesta:nueva');
    teacher.emit('encuesta:crear', {
      pregunta: '¿Qué protocolo usa el navegador?',
      opciones: ['HTTP', 'FTP'],
    });
    const poll = await seen;
    expect(poll.opciones).toEqual(['HTTP', 'FTP']);

    const counted = next<{ votos: number[]; total: number }>(teacher, 'encuesta:resultado');
    student.emit('encuesta:voto', { id: poll.id, opcion: 0 });
    expect(await counted).toMatchObject({ id: poll.id, votos: [1, 0], total: 1 });

    for (const bad of [
      { id: poll.id, opcion: 0 },
      { id: poll.id, opcion: 5 },
      { id: 'otra', opcion: 0 },
      null,
    ]) {
      const error = next<{ mensaje: string }>(student, 'encuesta:error');
      student.emit('encuesta:voto', bad);
      expect((await error).mensaje, JSON.stringify(bad)).toMatch(/Ya votaste|Voto no válido/);
    }

    const late = io(url, { transports: ['websocket'], reconnection: false });
    sockets.push(late);
    const [caughtUp, result] = await Promise.all([
      next<{ id: string }>(late, 'encuesta:nueva'),
      next<{ votos: number[] }>(late, 'encuesta:resultado'),
    ]);
    expect(caughtUp.id).toBe(poll.id);
    expect(result.votos).toEqual([1, 0]);
  });

  it('cannot be reached by a plain WebSocket client', async () => {
    // At the server's address, a plain `new WebSocket(url)` never opens.
    const plain = new WebSocket(url.replace('http', 'ws'));
    const outcome = await new Promise<string>((resolve) => {
      plain.once('open', () => resolve('open'));
      plain.once('error', () => resolve('error'));
      plain.once('close', () => resolve('close'));
    });
    plain.terminate();
    expect(outcome).not.toBe('open');

    // Even at Socket.IO's own path, what arrives is Engine.IO framing, not the lesson's events.
    const raw = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
    const [first] = (await once(raw, 'message')) as [Buffer];
    raw.terminate();
    expect(first.toString()).toMatch(/^0\{"sid":/);
  });
});
