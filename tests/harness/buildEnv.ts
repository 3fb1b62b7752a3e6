/**
 * The environment `npm run build` would see, for builds started from inside Vitest.
 * Vitest sets `DEV`, `PROD`, `MODE`, `NODE_ENV=test`… in its workers so tests see an
 * `import.meta.env`; a child `astro build` would take them as its own and build a
 * development flavour of the site (Starlight leaves search out, ignores `BASE_PATH`).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../scripts/lib/processes.mjs';

export function productionBuildEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
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

export interface RunResult {
  code: number | null;
  /** stdout and stderr together, without colour codes. */
  output: string;
  seconds: number;
}

/** Runs the Node that runs the tests (the project's Node 24) in `cwd`, in the build environment plus `env`. */
export function runNode(cwd: string, args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: productionBuildEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
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
 */
export function astroBuild(
  args: string[],
  {
    env = {},
    cwd = ROOT,
    nodeArgs = [],
  }: { env?: Record<string, string>; cwd?: string; nodeArgs?: string[] } = {},
): Promise<RunResult> {
  return runNode(cwd, [...nodeArgs, join(cwd, 'node_modules/astro/bin/astro.mjs'), 'build', ...args], env);
}
