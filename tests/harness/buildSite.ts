/**
 * Vitest global setup shared by the build and browser layers: the real site is built ONCE
 * per run into a temp directory and provided to both as `dist` (`inject('dist')`). Vitest
 * runs every selected project's global setups one after another in its main process before
 * any test, so the first call builds and the next reuses it; the last teardown removes the
 * build. Set `SITE_DIST` to reuse a build made with `npx astro build --outDir <dir>`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite } from '../../scripts/tools/build.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    dist: string;
  }
}

interface SharedBuild {
  dist: Promise<string>;
  /** Projects whose teardown has not run yet. */
  users: number;
  /** Whether this run made the directory (and so removes it). */
  owned: boolean;
}

// On globalThis, not in this module: each project may load its own copy of this file.
const KEY = Symbol.for('cliente-servidor.sharedSiteBuild');
const registry = globalThis as { [KEY]?: SharedBuild };

async function buildOnce(): Promise<string> {
  const dist = mkdtempSync(join(tmpdir(), 'cs-dist-'));
  const result = await buildSite(dist);
  console.info(`astro build (sitio real, compartido por build y e2e): ${result.seconds.toFixed(1)} s`);
  return dist;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let shared = registry[KEY];
  if (!shared) {
    const reuse = process.env['SITE_DIST'];
    shared = { dist: reuse ? Promise.resolve(reuse) : buildOnce(), users: 0, owned: !reuse };
    registry[KEY] = shared;
  }
  shared.users++;
  const build = shared;
  project.provide('dist', await build.dist);
  return async () => {
    build.users--;
    if (build.users > 0) return;
    delete registry[KEY];
    if (build.owned) rmSync(await build.dist, { recursive: true, force: true });
  };
}
