/**
 * Vitest global setup for the browser tests: builds the site once into a temp directory,
 * so every spec serves the same production build. Set `SITE_DIST` to reuse a build.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { productionBuildEnv } from '../../scripts/tools/build.mjs';
import { ROOT } from '../../scripts/tools/root.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    dist: string;
  }
}

export default function setup(project: TestProject): void {
  let dist = process.env['SITE_DIST'];
  if (!dist) {
    dist = mkdtempSync(join(tmpdir(), 'cs-dist-'));
    execFileSync(join(ROOT, 'node_modules/.bin/astro'), ['build', '--outDir', dist], {
      cwd: ROOT,
      stdio: 'inherit',
      env: productionBuildEnv(),
    });
  }
  project.provide('dist', dist);
}
