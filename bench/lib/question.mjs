// @ts-check
/** The live-class part of `bench:room`: from the teacher's question to the histogram. */
import { LOCAL_TEACHER_KEY } from '../../scripts/tools/teacherKey.mjs';
import { join, pool } from './readers.mjs';
import { percentile, sleep, waitFor } from './stats.mjs';

/** @typedef {import('ws').WebSocket} WebSocket */

let asked = 0;

/**
 * One class of `perRoom` readers in the room: a push round for the fan-out, then a question.
 * @param {{ url: (room: string, index?: number) => string }} backend
 * @param {number} perRoom
 * @param {(backend: any, scenario: { rooms: number, perRoom: number }) => Promise<{ p99: number }>} run the push round
 */
export async function questionRun(backend, perRoom, run) {
  const fanout = await run({ ...backend, teacherUrl: backend.url, auth: true }, { rooms: 1, perRoom });
  const id = `banco-${String(++asked)}`;
  const url = backend.url(`pregunta-${String(asked)}`);
  /** @type {WebSocket[]} */
  const readers = [];
  const onMessage = (/** @type {WebSocket | undefined} */ socket, /** @type {string} */ text) => {
    if (socket && text.startsWith('{"type":"question"')) {
      socket.send(JSON.stringify({ type: 'answer', id, choice: [readers.indexOf(socket) % 3] }));
    }
  };
  await pool(
    Array.from({ length: perRoom }, (_, i) => i),
    100,
    async (i) => {
      const socket = await join(url, (text) => onMessage(readers[i], text));
      readers[i] = socket;
    },
  );
  /** @type {number[]} */
  const counted = [];
  let askedAt = 0;
  const teacher = await join(url, (text) => {
    if (!text.startsWith('{"type":"results"')) return;
    const total = Number(/"total":(\d+)/.exec(text)?.[1] ?? 0);
    while (counted.length < total) counted.push(performance.now() - askedAt);
  });
  teacher.send(JSON.stringify({ type: 'auth', key: LOCAL_TEACHER_KEY }));
  await sleep(100);
  askedAt = performance.now();
  const question = { id, lesson: '/', prompt: '¿Banco?', kind: 'single', options: ['a', 'b', 'c'] };
  teacher.send(JSON.stringify({ type: 'ask', question }));
  await waitFor(() => counted.length >= perRoom, 60_000);
  for (const socket of [...readers, teacher]) socket.terminate();
  return {
    pushP99: fanout.p99,
    p50: percentile(counted, 50),
    p99: percentile(counted, 99),
    lost: perRoom - counted.length,
  };
}
