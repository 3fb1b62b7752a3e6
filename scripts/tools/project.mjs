// @ts-check
/**
 * Throwaway copies of the project, for builds that must not touch the real tree (tests
 * that break content on purpose, the site bench that grows the course): a copy gets the
 * sources, `node_modules` as a symlink to the real one, and Astro's and
 * Vite's caches of its own, so builds by others in the real tree never race it.
 */
import { cpSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { astroBuild, runNode } from './build.mjs';
import { ROOT } from './root.mjs';

/** What a copy leaves out: installed, built, cached or local state. */
const SKIP = new Set(['node_modules', 'dist', '.astro', '.git', '.partykit', '.cache', 'test-results']);

/**
 * @typedef {object} ProjectCopy
 * @property {string} dir
 * @property {(options?: { outDir?: string, env?: Record<string, string> }) => Promise<import('./build.mjs').RunResult>} build
 *   `astro build` in the copy, into `outDir` (default `<copy>/dist`), with extra env.
 * @property {(args: string[], env?: Record<string, string>) => Promise<import('./build.mjs').RunResult>} run
 *   Runs a command in the copy with the Node that runs this process.
 * @property {() => void} remove
 */

/**
 * A fresh copy of the project in a temp directory. Node and Vite keep the symlinked paths
 * (`--preserve-symlinks`, `preserveSymlinks`), so modules resolve inside the copy.
 * @returns {ProjectCopy}
 */
export function copyProject() {
  const dir = mkdtempSync(join(tmpdir(), 'cs-copy-'));
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
