/**
 * The build and browser layers share one real build per run: each project's global setup
 * gets the same directory, only one `astro build` runs, and the directory outlives the
 * first teardown (the other layer may still be reading it) and is gone after the last.
 * The build itself is replaced by one that writes a marker file, so this stays fast.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestProject } from 'vitest/node';

const builds = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../scripts/tools/build.mjs', () => ({
  buildSite: async (outDir: string) => {
    builds.count++;
    writeFileSync(join(outDir, 'index.html'), '<!doctype html>');
    return { code: 0, output: '', seconds: 0 };
  },
}));

const { default: setup } = await import('../harness/buildSite');

/** A stand-in for a Vitest project: records what the setup provides to it. */
function project(): { provided: Record<string, unknown>; project: TestProject } {
  const provided: Record<string, unknown> = {};
  const fake = {
    provide: (key: string, value: unknown) => {
      provided[key] = value;
    },
  };
  return { provided, project: fake as unknown as TestProject };
}

describe('one real build shared by the build and e2e layers', () => {
  afterEach(() => {
    builds.count = 0;
    vi.unstubAllEnvs();
  });

  it('builds once for both projects and removes the build after the last teardown', async () => {
    vi.stubEnv('SITE_DIST', undefined);
    const build = project();
    const e2e = project();
    const teardownBuild = await setup(build.project);
    const teardownE2e = await setup(e2e.project);

    expect(builds.count).toBe(1);
    const dist = build.provided['dist'];
    expect(typeof dist).toBe('string');
    expect(e2e.provided['dist']).toBe(dist);

    await teardownBuild();
    expect(existsSync(join(String(dist), 'index.html'))).toBe(true);
    await teardownE2e();
    expect(existsSync(String(dist))).toBe(false);
  });

  it('with SITE_DIST, builds nothing and leaves that directory alone', async () => {
    const reused = mkdtempSync(join(tmpdir(), 'cs-reused-'));
    try {
      vi.stubEnv('SITE_DIST', reused);
      const build = project();
      const e2e = project();
      const teardowns = [await setup(build.project), await setup(e2e.project)];
      expect(builds.count).toBe(0);
      expect([build.provided['dist'], e2e.provided['dist']]).toEqual([reused, reused]);
      for (const teardown of teardowns) await teardown();
      expect(existsSync(reused)).toBe(true);
    } finally {
      rmSync(reused, { recursive: true, force: true });
    }
  });
});
