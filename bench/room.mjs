// @ts-check
/**
 * `npm run bench:room`: the room's fan-out against two baselines on loopback, in the same
 * run. For each scenario it measures the time to connect every reader and the latency from
 * a teacher's push to each reader receiving it (p50/p99).
 *
 * - `piso` (the runtime's floor): a minimal PartyKit server (bench/floorParty.ts) in the same
 *   `partykit dev`, hibernation on, broadcast only. What the room costs above it is its own
 *   code. Goal: the room within 1.1× of it on p99 and on connect time.
 * - `ws`: a bare `ws` server in Node, the outside reference: what any runtime costs.
 *
 * Besides the wall time to connect, it reads from /proc the CPU each server's processes
 * spent while the class connected, per reader: the readers share the same two cores, so a
 * server that waits on them looks as fast as a cheaper one, and only its CPU tells them apart.
 *
 * One `partykit dev` holds every room, unless a scenario's readers would need more open files
 * than the process may have (workerd holds two per reader): then the rooms are dealt out to
 * as many runtimes as it takes (or ROOM_BENCH_RUNTIMES), the room's and the floor's alike,
 * so the ratio still compares the same conditions.
 *
 * Each scenario runs ROOM_BENCH_RUNS times (default 3) per backend, interleaved with the
 * order turned each round (each backend goes first once in three), after one unmeasured
 * warm-up class per backend; the table shows medians. ROOM_BENCH_PUSHES (default 20)
 * pushes per room; ROOM_BENCH_SCENARIOS e.g. "100,1000,10x1000".
 *
 * Then the live class, in the same run and room process: ROOM_BENCH_QUESTION readers (default
 * 1000; 0 skips it) take a push round (the fan-out reference) and then a question, which each
 * answers as soon as it arrives. Question to histogram: from the teacher's `ask` to the
 * teacher's histogram counting the k-th answer, p50/p99 over the class, against the push
 * fan-out's p99 in the same class.
 */
import { once } from 'node:events';
import { cpus } from 'node:os';
import { startPartykit } from '../scripts/tools/partykit.mjs';
import { startGroup } from '../scripts/tools/processes.mjs';
import { ROOT } from '../scripts/tools/root.mjs';
import { cpuOf } from './lib/cpu.mjs';
import { fanoutRun } from './lib/fanout.mjs';
import { questionRun } from './lib/question.mjs';
import { runtimesNeeded } from './lib/runtimes.mjs';
import { ms, ratio, sleep, table } from './lib/stats.mjs';

const PUSHES = Number(process.env.ROOM_BENCH_PUSHES ?? 20);
const QUESTION_READERS = Number(process.env.ROOM_BENCH_QUESTION ?? 1000);
const RUNS = Math.max(1, Number(process.env.ROOM_BENCH_RUNS ?? 3));
const SCENARIOS = (process.env.ROOM_BENCH_SCENARIOS ?? '100,1000,10x1000').split(',').map((s) => {
  const [rooms, perRoom] = s.includes('x') ? s.split('x').map(Number) : [1, Number(s)];
  return {
    rooms: rooms ?? 1,
    perRoom: perRoom ?? 0,
    label: s.includes('x') ? `${rooms} salas × ${perRoom}` : `${perRoom} lectores`,
  };
});

/** @typedef {import('./lib/fanout.mjs').Backend} Backend */
const run = (/** @type {Backend} */ backend, /** @type {{ rooms: number, perRoom: number }} */ scenario) =>
  fanoutRun(backend, scenario, PUSHES);

// Under ten thousand connections a few TCP resets can surface outside any socket's own
// error handler; count them and carry on, since the lost column reports their effect.
let resets = 0;
process.on('uncaughtException', (error) => {
  if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ECONNRESET') throw error;
  resets++;
});

const RUNTIMES = runtimesNeeded(SCENARIOS, QUESTION_READERS);

const runtimes = await Promise.all(
  Array.from({ length: RUNTIMES }, () => startPartykit({ parties: { piso: 'bench/floorParty.ts' } })),
);
const baseline = startGroup(process.execPath, ['bench/wsBroadcast.mjs', '0'], { cwd: ROOT });
const stopAll = () => Promise.all([...runtimes.map((r) => r.stop()), baseline.stop()]);
// Ctrl-C or a timeout must not leave the servers running.
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    void stopAll().then(() => process.exit(130));
  });
}
/** The runtime that holds a run's room `index`: dealt out in turn. */
const host = (/** @type {number | undefined} */ index) =>
  /** @type {NonNullable<(typeof runtimes)[number]>} */ (runtimes[(index ?? 0) % runtimes.length]).host;
const [portLine] = await once(/** @type {NodeJS.ReadableStream} */ (baseline.child.stdout), 'data');
const wsPort = Number(String(portLine).trim());

const backends = {
  sala: {
    url: (/** @type {string} */ r, /** @type {number | undefined} */ i) =>
      `ws://${host(i)}/parties/main/banco-${r}`,
    teacherUrl: (/** @type {string} */ r, /** @type {number | undefined} */ i) =>
      `ws://${host(i)}/parties/main/banco-${r}`,
    auth: true,
    cpuMs: cpuOf(runtimes),
  },
  piso: {
    url: (/** @type {string} */ r, /** @type {number | undefined} */ i) =>
      `ws://${host(i)}/parties/piso/banco-${r}`,
    teacherUrl: (/** @type {string} */ r, /** @type {number | undefined} */ i) =>
      `ws://${host(i)}/parties/piso/banco-${r}`,
    auth: false,
    cpuMs: cpuOf(runtimes),
  },
  ws: {
    url: (/** @type {string} */ r) => `ws://127.0.0.1:${wsPort}/banco-${r}`,
    teacherUrl: (/** @type {string} */ r) => `ws://127.0.0.1:${wsPort}/banco-${r}`,
    auth: false,
    cpuMs: cpuOf([baseline]),
  },
};

console.log(
  `Banco de la sala: ${PUSHES} notificaciones por sala, ${RUNS === 1 ? 'una ejecución' : `mediana de ${RUNS} ejecuciones`}, en ${cpus().length} núcleos (${cpus()[0]?.model ?? '?'})` +
    (RUNTIMES > 1 ? `; las salas, repartidas entre ${RUNTIMES} runtimes (partykit dev)` : '') +
    '\n',
);
/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
/** @type {string[][]} */
const rows = [];
let worstP99 = 0;
let worstConnect = 0;
let worstCpu = 0;
/** @type {string[] | undefined} */
let questionRow;
try {
  // One unmeasured class per backend first: the first run in a fresh runtime also pays for
  // compiling its code, and whichever backend went first would carry that.
  for (const backend of Object.values(backends)) await run(backend, { rooms: 1, perRoom: 100 });
  for (const scenario of SCENARIOS) {
    /** @type {Record<string, Awaited<ReturnType<typeof run>>[]>} */
    const results = { sala: [], piso: [], ws: [] };
    // Interleaved, so a burst of load on the machine hits every backend alike, and in an
    // order that turns each round: a run's teardown (a thousand sockets closing) still
    // loads the machine when the next run starts, so no backend may always follow the same one.
    const names = /** @type {(keyof typeof backends)[]} */ (Object.keys(backends));
    for (let i = 0; i < RUNS; i++) {
      for (const name of names.map(
        (_, k) => /** @type {keyof typeof backends} */ (names[(k + i) % names.length]),
      )) {
        const backend = backends[name];
        const result = await run(backend, scenario);
        results[name]?.push(result);
        console.error(`  ${scenario.label} · ${name} #${i + 1}: ${JSON.stringify(result)}`);
        // Time for the runtime to close this class (a room's leaves are its own work) before
        // the next run starts counting CPU and connect time.
        await sleep(1000 + (scenario.rooms * scenario.perRoom) / 2);
      }
    }
    /** @param {string} name @param {'connectMs' | 'cpuUsPerReader' | 'p50' | 'p99' | 'lost' | 'unconnected'} key */
    const m = (name, key) => median((results[name] ?? []).map((r) => r[key]));
    const p99Ratio = m('sala', 'p99') / m('piso', 'p99');
    const connectRatio = m('sala', 'connectMs') / m('piso', 'connectMs');
    worstP99 = Math.max(worstP99, p99Ratio);
    worstConnect = Math.max(worstConnect, connectRatio);
    const cpuRatio = m('sala', 'cpuUsPerReader') / m('piso', 'cpuUsPerReader');
    worstCpu = Math.max(worstCpu, cpuRatio);
    const us = (/** @type {number} */ x) => (Number.isFinite(x) ? `${Math.round(x)} µs` : '—');
    rows.push([
      scenario.label,
      `${ms(m('sala', 'connectMs'))} / ${ms(m('piso', 'connectMs'))} / ${ms(m('ws', 'connectMs'))}`,
      ratio(connectRatio),
      `${us(m('sala', 'cpuUsPerReader'))} / ${us(m('piso', 'cpuUsPerReader'))} / ${us(m('ws', 'cpuUsPerReader'))}`,
      ratio(cpuRatio),
      `${ms(m('sala', 'p50'))} / ${ms(m('piso', 'p50'))} / ${ms(m('ws', 'p50'))}`,
      `${ms(m('sala', 'p99'))} / ${ms(m('piso', 'p99'))} / ${ms(m('ws', 'p99'))}`,
      ratio(p99Ratio),
      ratio(m('sala', 'p99') / m('ws', 'p99')),
      `${m('sala', 'lost')} / ${m('piso', 'lost')} / ${m('ws', 'lost')}`,
      `${m('sala', 'unconnected')} / ${m('piso', 'unconnected')} / ${m('ws', 'unconnected')}`,
    ]);
  }
  if (QUESTION_READERS > 0) {
    /** @type {Awaited<ReturnType<typeof questionRun>>[]} */
    const classes = [];
    for (let i = 0; i < RUNS; i++) {
      classes.push(await questionRun(backends.sala, QUESTION_READERS, run));
      console.error(`  pregunta · ${QUESTION_READERS} lectores #${i + 1}: ${JSON.stringify(classes.at(-1))}`);
      await sleep(1000);
    }
    /** @param {'pushP99' | 'p50' | 'p99' | 'lost'} key */
    const q = (key) => median(classes.map((c) => c[key]));
    questionRow = [
      `${QUESTION_READERS} lectores`,
      ms(q('p50')),
      ms(q('p99')),
      ms(q('pushP99')),
      ratio(q('p99') / q('pushP99')),
      String(q('lost')),
    ];
  }
} catch (error) {
  // Said here, not rethrown: the reset counter below would swallow an ECONNRESET that ends
  // the run, and Node would exit 0 with no table.
  console.error(error);
  process.exitCode = 1;
} finally {
  await stopAll();
}
if (process.exitCode === 1) process.exit(1);
console.log();
table(
  [
    'escenario',
    'conectar todos (sala / piso / ws)',
    'conectar sala ÷ piso',
    'CPU del servidor por lector al conectar (sala / piso / ws)',
    'CPU sala ÷ piso',
    'p50 (sala / piso / ws)',
    'p99 (sala / piso / ws)',
    'p99 sala ÷ piso',
    'p99 sala ÷ ws',
    'perdidas',
    'sin conectar',
  ],
  rows,
);
if (questionRow) {
  console.log(
    '\nClase en directo: de la pregunta del docente al histograma, en la misma sala y ejecución.\n',
  );
  table(
    [
      'clase',
      'pregunta → histograma p50',
      'p99',
      'difusión de un aviso p99',
      'p99 pregunta ÷ aviso',
      'respuestas perdidas',
    ],
    [questionRow],
  );
}
if (resets > 0) console.log(`\n${resets} conexiones reiniciadas por TCP durante la carga.`);
const mark = (/** @type {number} */ r) => (r <= 1.1 ? '✓' : '✗');
console.log(
  `\nObjetivo: la sala a ≤ 1,1× del piso de PartyKit. Peor caso: p99 ${ratio(worstP99)} ${mark(worstP99)}, conectar ${ratio(worstConnect)} ${mark(worstConnect)} (CPU al conectar ${ratio(worstCpu)})`,
);
