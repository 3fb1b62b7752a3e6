// @ts-check
/**
 * Production builds of the site started from a script, a test or a bench: `astro build` in
 * a child Node with the environment `npm run build` would see.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './root.mjs';

/**
 * The environment `npm run build` would see. Vitest sets `DEV`, `PROD`, `MODE`,
 * `NODE_ENV=test`… in its workers so tests see an `import.meta.env`; a child `astro build`
 * would take them as its own and build a development flavour of the site (Starlight leaves
 * search out, ignores `BASE_PATH`).
 * @param {Record<string, string>} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
export function productionBuildEnv(extra = {}) {
  /** @type {NodeJS.ProcessEnv} */
  const clean = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(BASE_URL|MODE|DEV|PROD|SSR|TEST|VITEST.*)$/.test(key)) continue;
    clean[key] = value;
  }
  return {
    ...clean,
    NODE_ENV: 'production',
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    PUBLIC_PARTYKIT_HOST: '',
    BASE_PATH: '',
    SITE_URL: '',
    ...extra,
  };
}

/**
 * @typedef {object} RunResult
 * @property {number | null} code
 * @property {string} output  stdout and stderr together, without colour codes.
 * @property {number} seconds
 */

/**
 * Runs the Node that runs this process (the project's Node 24) in `cwd`, in the build
 * environment plus `env`.
 * @param {string} cwd
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 * @returns {Promise<RunResult>}
 */
export function runNode(cwd, args, env = {}) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: productionBuildEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    /** @param {Buffer} chunk */
    const collect = (chunk) => {
      output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({
        code,
        // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes.
        output: output.replace(/\u001b\[[0-9;]*m/g, ''),
        seconds: (performance.now() - started) / 1000,
      }),
    );
  });
}

/**
 * `astro build` with extra CLI `args` (such as `--outDir`) and `env`, in the real project
 * unless `cwd` names a copy; `nodeArgs` go to Node itself, before the Astro CLI.
 * @param {string[]} args
 * @param {{ env?: Record<string, string>, cwd?: string, nodeArgs?: string[] }} [options]
 * @returns {Promise<RunResult>}
 */
export function astroBuild(args, { env = {}, cwd = ROOT, nodeArgs = [] } = {}) {
  return runNode(cwd, [...nodeArgs, join(cwd, 'node_modules/astro/bin/astro.mjs'), 'build', ...args], env);
}

/**
 * The real site built into `outDir`; throws with the build's output if it fails.
 * @param {string} outDir
 * @returns {Promise<RunResult>}
 */
export async function buildSite(outDir) {
  const result = await astroBuild(['--outDir', outDir]);
  if (result.code !== 0)
    throw new Error(`astro build falló (código ${String(result.code)}):\n${result.output.slice(-8000)}`);
  return result;
}
