import { defineConfig } from 'vitest/config';

/**
 * The real site, built once per run and shared by the build and browser layers (each gets
 * it as `inject('dist')`); `SITE_DIST=<dir>` reuses a build made beforehand.
 */
const SHARED_BUILD = 'tests/harness/buildSite.ts';

// Four layers, from many and fast to few and slow (see ARCHITECTURE.md).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/content/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'room',
          include: ['tests/room/**/*.test.ts'],
          // Each file starts its own `partykit dev`; on two cores the storm test needs the
          // machine to itself, so files run one at a time.
          fileParallelism: false,
          // Projects run in groups, one group after another, so the timing-sensitive room
          // and browser tests never share the two cores with each other.
          sequence: { groupOrder: 1 },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'build',
          include: ['tests/build/**/*.test.ts'],
          // Real `astro build`s in project copies, each breaking the content one way; a later
          // group, so they do not compete for the two cores with the room and browser tests.
          // Each file builds its own copy, so two files build side by side, one per core.
          globalSetup: [SHARED_BUILD],
          maxWorkers: 2,
          sequence: { groupOrder: 2 },
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.spec.ts'],
          globalSetup: [SHARED_BUILD],
          // Two files at a time: each serves the site and the room on ports of its own and
          // launches its own Chromium, and most of a spec's time is spent waiting on the page
          // (hydration, the room, a reader's pause), so one core is rarely busy with both.
          maxWorkers: 2,
          sequence: { groupOrder: 3 },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
