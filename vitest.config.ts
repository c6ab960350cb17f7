import { defineConfig } from 'vitest/config';

/**
 * Two test files at a time, whatever the machine: Vitest's default is one fewer than the
 * cores, which is a single file on a two-core runner, where most files spend their time
 * waiting on a child process (astro build, git, Chromium, LibreOffice) that leaves a core idle.
 * Every project takes the same number so that their files run side by side in one queue.
 * Not more: three files at a time took as long on CI (1,312.6 s against 1,315.6 s) and longer
 * on a quiet machine (1,181 s against 1,083 s), spending more CPU both times.
 */
const WORKERS = 2;

/**
 * Builds of the sample site, one per set of options, shared by the files of every project; and one
 * scratch folder per run, every file's temporary folder, removed when the run ends.
 */
const globalSetup = ['tests/support/shared-sites-setup.ts', 'tests/support/scratch-setup.ts'];
const setupFiles = ['tests/support/scratch.ts'];

/**
 * Files that start no server of their own, set no environment variable and replace no module
 * (some run a build or a command line as a child process). They share their worker's loaded
 * modules (zod, the schemas, the validator loaded once per worker, not once per file), which saved
 * about 0.7 s of CPU per file. The other unit files keep a process each: they start servers (the
 * GitHub-like server, decap-server) or set what the next file would read.
 */
const SHARED_MODULES = [
  'tests/core/**/*.test.ts',
  'tests/schemas/**/*.test.ts',
  'tests/model/**/*.test.ts',
  'tests/validator/**/*.test.ts',
  'tests/docs/**/*.test.ts',
  'tests/content/**/*.test.ts',
  'tests/loaders/**/*.test.ts',
  // All but catalog-source.test.ts, which replaces the validator's module (vi.mock).
  'tests/site/!(catalog-source).test.ts',
  'tests/documents/**/*.test.ts',
  'tests/decide/**/*.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/browser/**', ...SHARED_MODULES],
          testTimeout: 30_000,
          maxWorkers: WORKERS,
          globalSetup,
          setupFiles,
        },
      },
      {
        test: {
          name: 'unit-shared',
          include: SHARED_MODULES,
          isolate: false,
          testTimeout: 30_000,
          maxWorkers: WORKERS,
          globalSetup,
          setupFiles,
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
          setupFiles,
        },
      },
    ],
  },
});
