// @ts-check
/**
 * `npm run bench:sockets`: what sharing one socket per page saves the room. A thousand
 * readers open lesson 04 as it was built before (every live island its own socket to room
 * `demo`: three per reader) and as it is now (one shared socket), and the teacher pushes. Measured in the same `partykit dev`, interleaved:
 * deliveries per push (one send per socket) and the latency p99 until each socket has it.
 *
 * BENCH_SOCKETS_READERS (default 1000), BENCH_SOCKETS_RUNS (default 3, the table shows
 * medians), BENCH_SOCKETS_PUSHES (default 5).
 */
import { cpus } from 'node:os';
import { startPartykit } from '../scripts/tools/partykit.mjs';
import { LOCAL_TEACHER_KEY } from '../scripts/tools/teacherKey.mjs';
import { join } from './lib/readers.mjs';
import { ms, percentile, ratio, sleep, table, waitFor } from './lib/stats.mjs';

const READERS = Number(process.env.BENCH_SOCKETS_READERS ?? 1000);
const RUNS = Math.max(1, Number(process.env.BENCH_SOCKETS_RUNS ?? 3));
const PUSHES = Number(process.env.BENCH_SOCKETS_PUSHES ?? 5);

/**
 * Sockets per reader on lesson 04 while the reader reads: before the page-level registry,
 * one per live island; now one shared (the handshake demo's own opens, shows its frames
 * and closes, so it holds none).
 */
const DESIGNS = [
  { name: 'antes: un socket por isla', sockets: 3 },
  { name: 'ahora: uno compartido por la página', sockets: 1 },
];

let opened = 0;

/** One socket of one simulated reader, whose page's sockets share its reader id. */
const open = (
  /** @type {string} */ url,
  /** @type {number} */ reader,
  /** @type {(text: string) => void} */ onMessage,
) => {
  opened++;
  return join(url, onMessage, reader);
};

/** @param {string} url @param {number} perReader @param {number} run */
async function measure(url, perReader, run) {
  /** @type {Map<string, number>} */
  const sentAt = new Map();
  /** @type {number[]} */
  const latencies = [];
  let deliveries = 0;
  const onMessage = (/** @type {string} */ text) => {
    const match = /"text":"(s\d+-\d+)"/.exec(text);
    const at = match?.[1] ? sentAt.get(match[1]) : undefined;
    if (at === undefined) return;
    latencies.push(performance.now() - at);
    deliveries++;
  };
  /** @type {import('ws').WebSocket[]} */
  const sockets = [];
  const base = run * READERS;
  for (let start = 0; start < READERS; start += 100) {
    const batch = [];
    for (let r = start; r < Math.min(READERS, start + 100); r++) {
      for (let s = 0; s < perReader; s++) batch.push(open(url, base + r + 1, onMessage));
    }
    sockets.push(...(await Promise.all(batch)));
  }
  const teacher = await open(url, 9_000_000 + run, () => {});
  teacher.send(JSON.stringify({ type: 'auth', key: LOCAL_TEACHER_KEY }));
  await sleep(100);
  for (let k = 0; k < PUSHES; k++) {
    const text = `s${String(run)}-${String(k)}`;
    sentAt.set(text, performance.now());
    teacher.send(JSON.stringify({ type: 'push', text }));
    await sleep(300);
  }
  const expected = PUSHES * sockets.length;
  await waitFor(() => deliveries >= expected, 30_000);
  for (const socket of [...sockets, teacher]) socket.terminate();
  return { perPush: deliveries / PUSHES, p99: percentile(latencies, 99), lost: expected - deliveries };
}

const room = await startPartykit();
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => void room.stop().then(() => process.exit(130)));
}
console.log(
  `Sockets por página: ${READERS} lectores en la lección 04, ${PUSHES} notificaciones, ${RUNS === 1 ? 'una ejecución' : `mediana de ${RUNS}`}, en ${cpus().length} núcleos\n`,
);
/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
/** @type {Record<string, { perPush: number, p99: number, lost: number }[]>} */
const results = {};
try {
  let run = 0;
  for (let i = 0; i < RUNS; i++) {
    for (const design of DESIGNS) {
      // A fresh room per run, so neither design inherits the other's history or sockets.
      const url = `ws://${room.host}/parties/main/sockets-${String(++run)}`;
      const result = await measure(url, design.sockets, run);
      results[design.name] = [...(results[design.name] ?? []), result];
      console.error(`  ${design.name} #${i + 1}: ${JSON.stringify(result)}`);
      await sleep(1000);
    }
  }
} finally {
  await room.stop();
}
const [before, after] = DESIGNS.map((d) => {
  const r = results[d.name] ?? [];
  return {
    name: d.name,
    perPush: median(r.map((x) => x.perPush)),
    p99: median(r.map((x) => x.p99)),
    lost: median(r.map((x) => x.lost)),
  };
});
if (!before || !after) throw new Error('sin resultados');
console.log();
table(
  ['diseño', 'entregas por push', 'p99', 'perdidas'],
  [before, after].map((d) => [d.name, String(Math.round(d.perPush)), ms(d.p99), String(d.lost)]),
);
console.log(
  `\nAhora ÷ antes: entregas ${ratio(after.perPush / before.perPush)}, p99 ${ratio(after.p99 / before.p99)} (${opened} sockets abiertos en total)`,
);
