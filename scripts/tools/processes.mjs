// @ts-check
/**
 * Child processes each in its own process group, so stopping one also ends whatever it
 * spawned (the workerd children of `partykit dev`, Chromium's helpers); free loopback
 * ports; waiting for a server to answer. Used by the scripts, the tests and the benches.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { BIN, ROOT } from './root.mjs';

/**
 * Asks the OS for a free loopback port. If `preferred` is free it is used.
 * @param {number} [preferred]
 * @returns {Promise<number>}
 */
export function freePort(preferred = 0) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error) => {
      if (preferred !== 0) freePort(0).then(resolve, reject);
      else reject(error);
    });
    server.listen(preferred, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * @typedef {object} Managed
 * @property {import('node:child_process').ChildProcess} child
 * @property {(signal?: NodeJS.Signals) => Promise<void>} stop  Ends the whole process group.
 * @property {Promise<number | null>} exited
 * @property {() => string} output  Everything the process printed so far.
 */

/**
 * Spawns a command detached, in its own process group.
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, onLine?: (line: string) => void }} [options]
 * @returns {Managed}
 */
export function startGroup(command, args, options = {}) {
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, PATH: `${BIN}:${process.env.PATH ?? ''}`, ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let partial = '';
  /** @param {Buffer} chunk */
  const collect = (chunk) => {
    const text = chunk.toString();
    log = (log + text).slice(-200_000);
    if (!options.onLine) return;
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) options.onLine(line);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  /** @type {Promise<number | null>} */
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => log,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return killGroup(child.pid, 'SIGKILL');
      killGroup(child.pid, signal);
      const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
      // workerd may outlive its parent for a moment; make sure the group is gone.
      killGroup(child.pid, 'SIGKILL');
    },
  };
}

/**
 * @param {number | undefined} pid
 * @param {NodeJS.Signals} signal
 */
function killGroup(pid, signal) {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/**
 * Polls a URL until it answers (any HTTP status, or a 2xx with `ok`) or the time runs out.
 * @param {string} url
 * @param {{ timeoutMs?: number, ok?: boolean, exited?: Promise<unknown>, output?: () => string }} [options]
 */
export async function waitForHttp(url, options = {}) {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let dead = false;
  options.exited?.then(() => {
    dead = true;
  });
  while (Date.now() < deadline) {
    if (dead)
      throw new Error(`El proceso terminó antes de responder en ${url}.\n${options.output?.() ?? ''}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.body?.cancel();
      if (response.ok || !options.ok) return;
    } catch {
      // Nothing listens yet.
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`Nada respondió en ${url} a tiempo.\n${options.output?.() ?? ''}`);
}
