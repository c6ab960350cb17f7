/**
 * How the site's `astro build` is started, shared by `npm run build`, the
 * browser tests' build and the benchmark, so that all three measure the same thing.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { LAYOUT } from '../../src/model/layout.ts';

export const projectRoot = resolve(import.meta.dirname, '../..');

// Resolved the way Node resolves imports, so a checkout nested in the project (the CMS clone
// under .tmp/) finds the project's node_modules further up.
const ASTRO_BIN = join(
  dirname(createRequire(join(projectRoot, 'package.json')).resolve('astro/package.json')),
  'bin',
  'astro.mjs',
);

/**
 * Old-generation heap for `astro build`, in MB. Node sizes its heap from the machine's memory
 * (about 4 GB here) and collects lazily, so a 10,000-entry build peaked at 2.2–3.2 GB of RSS
 * while holding well under 640 MB of live data. A cap near the live size keeps the peak under
 * 2 GB for a few per cent more garbage-collection time; it grows with the number of initiatives
 * (about 64 kB of live heap each) so that a larger collection never runs out.
 */
export function astroHeapMb(root: string): number {
  const folder = join(root, LAYOUT.initiatives);
  const entries = existsSync(folder) ? readdirSync(folder).length : 0;
  return Math.max(1024, Math.ceil(384 + entries * 0.064));
}

/**
 * V8 grows its heap by up to four times what survived the last full collection, so a build
 * holding 450 MB of live data rose to 900 MB of heap between collections. A fixed 20 % keeps
 * the heap near the live data; measured on a 5,000-initiative slice, it cost no build time.
 */
const HEAP_GROWTH = '--heap-growing-percent=20';

/**
 * `node --max-old-space-size=… astro.mjs build …args`, to run from `root` with the environment
 * of astroBuildEnv.
 */
export function astroBuildCommand(root: string, args: string[] = []): [string, string[]] {
  return [
    process.execPath,
    [`--max-old-space-size=${astroHeapMb(root)}`, HEAP_GROWTH, ASTRO_BIN, 'build', ...args],
  ];
}

/**
 * The environment of an `astro build`: `env` with the settings of mimalloc, the allocator of
 * the bundler and compiler Astro loads (Rust modules). By default it commits a 1 GB arena
 * eagerly and keeps freed pages: a slice of 5,000 initiatives held 280 MB that it no longer
 * used. Released at once, the same slice peaked at 860 MB instead of 1,470 MB (with HEAP_GROWTH)
 * in the same time. A value the caller sets wins.
 */
export function astroBuildEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { MIMALLOC_PURGE_DELAY: '0', MIMALLOC_ARENA_EAGER_COMMIT: '0', ...env };
}
