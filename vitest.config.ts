import { defineConfig } from 'vitest/config';

/**
 * Two test files at a time, whatever the machine: Vitest's default is one fewer than the
 * cores, which is a single file on a two-core runner, where most files spend their time
 * waiting on a child process (astro build, git, Chromium, LibreOffice) that leaves a core idle.
 * Both projects take the same number so that their files run side by side in one queue.
 */
const WORKERS = 2;

/** Builds of the sample site, one per set of options, shared by the files of both projects. */
const globalSetup = ['tests/support/shared-sites-setup.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/browser/**'],
          testTimeout: 30_000,
          maxWorkers: WORKERS,
          globalSetup,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          // Each file launches its own Chromium and serves its own folders on free ports.
          testTimeout: 180_000,
          hookTimeout: 600_000,
          maxWorkers: WORKERS,
          globalSetup,
        },
      },
    ],
  },
});
