// @ts-check
/** One measured class of `bench:room`: connect time, the server's CPU, and push fan-out. */
import { LOCAL_TEACHER_KEY } from '../../scripts/tools/teacherKey.mjs';
import { join, pool } from './readers.mjs';
import { percentile, sleep, waitFor } from './stats.mjs';

let runs = 0;

/**
 * @typedef {object} Backend
 * @property {(room: string, index?: number) => string} url  Where a reader of room `index` connects.
 * @property {(room: string, index?: number) => string} teacherUrl
 * @property {boolean} auth  Whether the teacher signs in (the room) or just connects (the baselines).
 * @property {() => number | null} [cpuMs]  CPU the server's processes have used so far, in ms.
 */

/**
 * One class: the teachers open their rooms, the readers connect (timed, with the server's CPU),
 * then `pushes` notifications per room, each timed to every reader.
 * @param {Backend} backend
 * @param {{ rooms: number, perRoom: number }} scenario
 * @param {number} pushes
 */
export async function fanoutRun(backend, { rooms, perRoom }, pushes) {
  // Every run is a fresh class: its own rooms, so no run starts with another's history.
  const tag = `b${String(++runs)}`;
  const name = (/** @type {number} */ room) => `${tag}-${room}`;
  /** @type {Map<string, number>} */
  const sentAt = new Map();
  /** @type {number[]} */
  const latencies = [];
  let received = 0;
  const onMessage = (/** @type {string} */ text) => {
    if (!text.startsWith('{"type":"notification"')) return;
    const match = /"text":"(b\d+-\d+-\d+)"/.exec(text);
    if (!match?.[1]) return;
    const at = sentAt.get(match[1]);
    if (at !== undefined) latencies.push(performance.now() - at);
    received++;
  };
  // The teacher opens each room before the class arrives, as in a live class: the room's
  // wake (storage read, alarm) is not part of the readers' connect time, nor the floor's.
  const teachers = await Promise.all(
    Array.from({ length: rooms }, async (_, room) => {
      const teacher = await join(backend.teacherUrl(name(room), room), () => {});
      if (backend.auth) {
        teacher.send(JSON.stringify({ type: 'auth', key: LOCAL_TEACHER_KEY }));
        await sleep(50);
      }
      return teacher;
    }),
  );

  const targets = Array.from({ length: rooms * perRoom }, (_, i) => i % rooms);
  const cpuBefore = backend.cpuMs?.() ?? null;
  const started = performance.now();
  // Under ten thousand connects the runtime resets a few; such a reader is counted as not
  // connected (it receives nothing) instead of ending the run.
  let unconnected = 0;
  const joined = await pool(targets, 100, (room) =>
    join(backend.url(name(room), room), onMessage).catch(() => {
      unconnected++;
      return null;
    }),
  );
  const readers = joined.filter((socket) => socket !== null);
  const connectMs = performance.now() - started;
  const cpuAfter = backend.cpuMs?.() ?? null;
  const cpuUsPerReader =
    cpuBefore === null || cpuAfter === null ? Number.NaN : ((cpuAfter - cpuBefore) * 1000) / targets.length;

  for (let k = 0; k < pushes; k++) {
    teachers.forEach((teacher, room) => {
      const text = `${tag}-${room}-${k}`;
      sentAt.set(text, performance.now());
      teacher.send(JSON.stringify({ type: 'push', text }));
    });
    await sleep(150);
  }
  const expected = pushes * readers.length;
  await waitFor(() => received >= expected, 60_000);

  for (const socket of [...readers, ...teachers]) socket.terminate();
  return {
    connectMs,
    cpuUsPerReader,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    lost: expected - received,
    unconnected,
  };
}
