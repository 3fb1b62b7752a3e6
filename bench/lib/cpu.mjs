// @ts-check
/**
 * CPU time a process group has used, from /proc (Linux): what a server spent on a run,
 * whether or not the simulated readers, sharing the same cores, kept it waiting.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ), 100 on Linux. */
const TICKS_PER_S = 100;

/**
 * User plus system CPU of every live process in group `pgid`, in ms, or null where /proc
 * is not there to read.
 * @param {number} pgid
 * @returns {number | null}
 */
export function groupCpuMs(pgid) {
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  let ticks = 0;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended while we looked
    }
    // After "pid (comm) ": state, ppid, pgrp, …, utime (14th field), stime (15th); man 5 proc.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== pgid) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / TICKS_PER_S;
}

/**
 * The CPU, in ms, that the process groups of these servers have used so far, or null.
 * @param {{ child: import('node:child_process').ChildProcess }[]} groups
 */
export const cpuOf = (groups) => () => {
  let total = 0;
  for (const { child } of groups) {
    const used = child.pid === undefined ? null : groupCpuMs(child.pid);
    if (used === null) return null;
    total += used;
  }
  return total;
};
