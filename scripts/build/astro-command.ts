/**
 * How the site's `astro build` is started, shared by `npm run build`, the
 * browser tests' build and the benchmark, so that all three measure the same thing.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { collections } from '../../src/model/collections.ts';

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
  const folder = join(root, collections.initiatives.folder);
  const entries = existsSync(folder) ? readdirSync(folder).length : 0;
  return Math.max(1024, Math.ceil(384 + entries * 0.064));
}

/** `node --max-old-space-size=… astro.mjs build …args`, to run from `root`. */
export function astroBuildCommand(root: string, args: string[] = []): [string, string[]] {
  return [
    process.execPath,
    [`--max-old-space-size=${astroHeapMb(root)}`, ASTRO_BIN, 'build', ...args],
  ];
}
