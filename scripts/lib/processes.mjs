// @ts-check
/**
 * Starting and stopping the servers this project runs: each in its own process group,
 * so stopping it also ends the workerd children `partykit dev` spawns.
 * Used by `npm start`, `npm run preview`, the tests and the benchmarks.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The shortest teacher key the room accepts. */
export const MIN_TEACHER_KEY = 16;

/** A fresh random teacher key: 32 hex characters, unguessable, never written in the repository. */
export function randomTeacherKey() {
  return randomBytes(16).toString('hex');
}

/**
 * The teacher key of the local rooms this process starts (npm start, preview, a test file, a
 * bench): `TEACHER_KEY` from the environment, or a random one drawn once per process, so a
 * key read in a guide or seen on another run opens nothing. Deployed rooms use a secret.
 */
export const LOCAL_TEACHER_KEY = process.env.TEACHER_KEY || randomTeacherKey();

/**
 * What `npm start` and the preview print about the key, like a notebook server its token;
 * or, for a `TEACHER_KEY` the room would refuse, the reason (Spanish), to stop before starting.
 * @param {string} key
 * @returns {{ ok: true, lines: string[] } | { ok: false, error: string }}
 */
export function describeLocalKey(key) {
  if (key.length < MIN_TEACHER_KEY)
    return {
      ok: false,
      error: `TEACHER_KEY tiene ${String(key.length)} caracteres; la sala exige al menos ${String(MIN_TEACHER_KEY)}. Quítala para usar una clave aleatoria.`,
    };
  const origin = process.env.TEACHER_KEY
    ? 'la de TEACHER_KEY'
    : 'nueva en cada arranque; fija una con TEACHER_KEY=…';
  return { ok: true, lines: [`clave de docente: ${key}`, `  (${origin}; escríbela en «Soy docente»)`] };
}
const BIN = join(ROOT, 'node_modules', '.bin');

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

/**
 * @typedef {object} PartykitOptions
 * @property {number} [port]
 * @property {string} [serve]  A directory of static assets served from the same origin.
 * @property {string} [persist]  Where room storage lives; a fresh temp dir by default.
 * @property {Record<string, string>} [vars]
 * @property {Record<string, string>} [parties]  Extra parties served beside `main` (name →
 *   entry file relative to the project), e.g. the bench's runtime floor; never deployed.
 * @property {(line: string) => void} [onLine]
 */

/**
 * The first file under `dir` as a URL path (`index.html` at the top when there is one):
 * what to ask for to know the static files are served.
 * @param {string} dir
 * @returns {string | undefined}
 */
function firstServedFile(dir) {
  const entries = readdirSync(dir, { withFileTypes: true, recursive: true }).filter((entry) =>
    entry.isFile(),
  );
  const paths = entries.map((entry) =>
    relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'),
  );
  const file =
    paths.find((path) => path === 'index.html') ?? paths.find((path) => path.endsWith('.html')) ?? paths[0];
  return file && `/${file}`;
}

/**
 * Starts `partykit dev`, reached on loopback, and waits until it answers. (It listens on every
 * interface whatever it is told: its CLI has no host option and it hands miniflare `0.0.0.0`;
 * the random key is what keeps a classroom network out.)
 *
 * With `serve`, the static files come from a second server `partykit dev` starts on a port
 * of its own, independently of the room: the room answering says nothing about them, so
 * this also waits for a served file to answer 200. If it never does (that second port was
 * taken), it starts once more rather than hand back a site that 404s.
 * @param {PartykitOptions} [options]
 */
export async function startPartykit(options = {}) {
  const attempts = options.serve ? 2 : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startPartykitOnce(options);
    } catch (error) {
      if (attempt >= attempts) throw error;
      console.warn(`partykit dev no sirvió los archivos; se reintenta.\n${String(error)}`);
    }
  }
}

/**
 * Writes the room's config with its vars into a fresh private temp dir (0700, file 0600),
 * for `partykit dev --config`. Its other ways in are worse: `--var` shows the key in `ps` to
 * every user of the machine, and a `.env.local` in the project would be shared by every
 * room started at once. The directory is removed as soon as the room answers.
 * @param {Record<string, string>} vars
 * @param {Record<string, string>} [parties]  Extra parties (name → file relative to the project).
 */
export function writeRoomConfig(vars, parties = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cs-room-config-'));
  const project = JSON.parse(readFileSync(join(ROOT, 'partykit.json'), 'utf8'));
  const extra = Object.fromEntries(Object.entries(parties).map(([name, file]) => [name, join(ROOT, file)]));
  const config = { ...project, main: join(ROOT, project.main), vars };
  if (Object.keys(extra).length > 0) config.parties = { ...project.parties, ...extra };
  writeFileSync(join(dir, 'partykit.json'), JSON.stringify(config, null, 2), { mode: 0o600 });
  return dir;
}

/**
 * `partykit dev` also reads `.env` and `.env.local` found upwards from the project, and they
 * win over its config: a var of ours defined there would silently replace the key printed.
 * @param {Record<string, string>} vars
 */
function refuseShadowedVars(vars) {
  for (let dir = ROOT; ; dir = dirname(dir)) {
    for (const name of ['.env', '.env.local']) {
      const file = join(dir, name);
      if (!existsSync(file)) continue;
      const shadowed = Object.keys(parseEnv(readFileSync(file, 'utf8'))).filter((key) => key in vars);
      if (shadowed.length > 0)
        throw new Error(
          `${file} define ${shadowed.join(', ')}, que partykit dev leería por encima de lo que se le pasa. ` +
            'Quítala de ese archivo y, si quieres una clave fija en local, usa TEACHER_KEY=… npm start.',
        );
    }
    if (dirname(dir) === dir) return;
  }
}

/** @param {PartykitOptions} options */
async function startPartykitOnce(options) {
  const port = options.port ?? (await freePort());
  const persist = resolve(ROOT, options.persist ?? mkdtempSync(join(tmpdir(), 'cs-room-')));
  const vars = { TEACHER_KEY: LOCAL_TEACHER_KEY, ...options.vars };
  refuseShadowedVars(vars);
  const configDir = writeRoomConfig(vars, options.parties);
  const args = [
    'dev',
    '--config',
    join(configDir, 'partykit.json'),
    '--port',
    String(port),
    '--disable-request-cf-fetch',
    '--no-hotkeys',
    '--persist',
    persist,
  ];
  if (options.serve) args.push('--serve', resolve(ROOT, options.serve));
  const managed = startGroup('partykit', args, {
    ...(options.onLine ? { onLine: options.onLine } : {}),
  });
  // partykit dev reads its config once, at start: once the room answers, the key has no
  // reason to stay on disk (and a group killed with SIGKILL could not clean up after it).
  const removeConfig = () => rmSync(configDir, { recursive: true, force: true });
  managed.exited.then(removeConfig);
  const origin = `http://127.0.0.1:${String(port)}`;
  const watch = { exited: managed.exited, output: managed.output };
  try {
    await waitForHttp(`${origin}/parties/main/__ready`, watch);
    removeConfig();
    const file = options.serve && firstServedFile(options.serve);
    if (file) await waitForHttp(`${origin}${file}`, { ...watch, ok: true, timeoutMs: 20_000 });
  } catch (error) {
    await managed.stop();
    throw error;
  }
  return {
    ...managed,
    port,
    origin,
    host: `127.0.0.1:${String(port)}`,
    persist,
    /** The teacher key this room was started with. */
    teacherKey: vars.TEACHER_KEY,
  };
}
