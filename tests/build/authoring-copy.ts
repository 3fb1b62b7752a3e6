/**
 * A throwaway copy of the project for the authoring tests, built the way
 * `lessons-build.test.ts` builds its broken copy: `node_modules` is a symlink to the real
 * one, Node and Vite keep the symlinked paths, and the copy keeps Astro's and Vite's caches
 * to itself. Fixtures go into the copy, never into the real content.
 */
import { cpSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { ROOT } from '../../scripts/lib/processes.mjs';
import { astroBuild, type RunResult, runNode } from '../harness/buildEnv';

export const FIXTURES = join(ROOT, 'tests/build/authoring-fixtures');

const SKIP = new Set(['node_modules', 'dist', '.astro', '.git', '.partykit', '.cache', 'test-results']);

export { productionBuildEnv as buildEnv, type RunResult } from '../harness/buildEnv';

export interface ProjectCopy {
  dir: string;
  /** `astro build` in the copy, into `outDir` (default `<copy>/dist`), with extra env. */
  build(options?: { outDir?: string; env?: Record<string, string> }): Promise<RunResult>;
  /** Runs a command in the copy with the Node that runs the tests. */
  run(args: string[], env?: Record<string, string>): Promise<RunResult>;
  remove(): void;
}

export function copyProject(): ProjectCopy {
  const dir = mkdtempSync(join(tmpdir(), 'cs-authoring-'));
  cpSync(ROOT, dir, {
    recursive: true,
    filter: (source) => !SKIP.has(relative(ROOT, source).split(sep)[0] ?? ''),
  });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(
    join(dir, 'astro.temp.config.mjs'),
    [
      "import config from './astro.config.mjs';",
      'export default {',
      '  ...config,',
      `  cacheDir: ${JSON.stringify(join(dir, '.cache/astro'))},`,
      '  vite: {',
      '    ...config.vite,',
      `    cacheDir: ${JSON.stringify(join(dir, '.cache/vite'))},`,
      '    resolve: { ...config.vite?.resolve, preserveSymlinks: true },',
      '  },',
      '};',
      '',
    ].join('\n'),
  );
  return {
    dir,
    run: (args, env = {}) => runNode(dir, args, env),
    build: ({ outDir = join(dir, 'dist'), env = {} } = {}) =>
      astroBuild(['--config', 'astro.temp.config.mjs', '--outDir', outDir], {
        env,
        cwd: dir,
        nodeArgs: ['--preserve-symlinks', '--preserve-symlinks-main'],
      }),
    remove() {
      // Remove the link first, so nothing below can ever reach the real node_modules.
      try {
        unlinkSync(join(dir, 'node_modules'));
      } catch {
        // Already gone.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
