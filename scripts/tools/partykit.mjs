// @ts-check
/**
 * `partykit dev` for `npm start`, the preview, the tests and the benches: on a free port,
 * in its own process group, with the teacher key in a private config file rather than on
 * the command line, waited for until it answers.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseEnv } from 'node:util';
import { freePort, startGroup, waitForHttp } from './processes.mjs';
import { ROOT } from './root.mjs';
import { LOCAL_TEACHER_KEY } from './teacherKey.mjs';

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
