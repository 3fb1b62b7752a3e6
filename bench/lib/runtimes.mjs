// @ts-check
/**
 * How many `partykit dev` runtimes `bench:room` needs. In `partykit dev`, workerd holds two
 * descriptors per reader; over the process's open-file limit it dies mid-run and every later
 * run is refused, so a class too large for one runtime is dealt out to several.
 */
import { readFileSync } from 'node:fs';

/** The open-file limit the runtime inherits, on Linux (`Max open files`, soft), or null. */
function openFileLimit() {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    return Number.isFinite(soft) ? soft : null;
  } catch {
    return null;
  }
}

/**
 * The runtimes to start (ROOM_BENCH_RUNTIMES, or as many as the largest class needs), with a
 * warning when one runtime would still hold more readers than the limit allows. Rooms are
 * dealt out in turn; the question round's class is one room.
 * @param {{ rooms: number, perRoom: number }[]} scenarios
 * @param {number} questionReaders
 */
export function runtimesNeeded(scenarios, questionReaders) {
  const fileLimit = openFileLimit();
  // Two descriptors per reader, with a fifth of the limit to spare.
  const perRuntime = fileLimit === null ? Number.POSITIVE_INFINITY : Math.floor((0.8 * fileLimit) / 2);
  const largestClass = Math.max(...scenarios.map((s) => s.rooms * s.perRoom), questionReaders);
  const count = Math.max(1, Number(process.env.ROOM_BENCH_RUNTIMES ?? Math.ceil(largestClass / perRuntime)));
  const largest = Math.max(...scenarios.map((s) => Math.ceil(s.rooms / count) * s.perRoom), questionReaders);
  if (largest > perRuntime) {
    console.warn(
      `Aviso: ${largest} lectores en un runtime piden unos ${2 * largest} descriptores a workerd, y el límite de este proceso es ${fileLimit} ` +
        '(ulimit -n). Si el runtime local muere a mitad (ECONNREFUSED), es ese límite, no la sala: súbelo, reparte las salas (ROOM_BENCH_RUNTIMES) o usa un escenario menor.',
    );
  }
  return count;
}
