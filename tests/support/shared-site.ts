/**
 * The sample site built once per test run for each set of build options, and shared by every
 * test file that reads or serves it. Building it (astro build + Pagefind) is the slowest step of
 * those files; the first file that asks for a configuration builds it, the others wait for it.
 * The files share nothing else: each serves the folder itself, and none writes into it.
 *
 * The run's folder comes from the global setup (shared-sites-setup.ts), which removes every
 * build when the run ends. Run alone, outside that setup, a file builds its own copy.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { type BuiltSite, buildSite } from '../../scripts/build/build-site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder of this run's shared site builds, one sub-folder per set of options. */
    sharedSites: string;
  }
}

export type SiteOptions = NonNullable<Parameters<typeof buildSite>[0]>;

/** The built site's record, once written. */
export const SITE_RECORD = 'site.json';
/** Why the build failed, for the files waiting for it. */
const FAILURE = 'failure.txt';

/** The same key for the same build, however the options are written. */
export function siteKey(options: SiteOptions): string {
  const normal = {
    base: options.base ?? '/kho-sang-kien/',
    site: options.site ?? null,
    searchPartSize: options.searchPartSize ?? null,
  };
  return createHash('sha256').update(JSON.stringify(normal)).digest('hex').slice(0, 16);
}

/**
 * The site built with `options`, built by this call if no file of the run has built it yet.
 * The caller must not remove the folder (the run's teardown does).
 */
export async function sharedSite(options: SiteOptions = {}): Promise<BuiltSite> {
  const root = inject('sharedSites');
  if (!root) {
    // Outside the global setup: a build of this file's own, removed when its worker ends.
    const site = buildSite(options);
    process.once('exit', () => rmSync(site.outDir, { recursive: true, force: true }));
    return site;
  }
  const dir = join(root, siteKey(options));
  try {
    // Whoever creates the folder builds; creating a folder is atomic.
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return waitForBuild(dir);
  }
  try {
    const site = buildSite(options);
    writeFileSync(join(dir, `${SITE_RECORD}.part`), JSON.stringify(site));
    renameSync(join(dir, `${SITE_RECORD}.part`), join(dir, SITE_RECORD));
    return site;
  } catch (error) {
    writeFileSync(join(dir, FAILURE), String(error instanceof Error ? error.message : error));
    throw error;
  }
}

/** Wait for another file's build of the same site; its failure is this file's failure too. */
async function waitForBuild(dir: string): Promise<BuiltSite> {
  for (;;) {
    if (existsSync(join(dir, SITE_RECORD))) {
      return JSON.parse(readFileSync(join(dir, SITE_RECORD), 'utf8')) as BuiltSite;
    }
    if (existsSync(join(dir, FAILURE))) {
      throw new Error(`Bản dựng dùng chung thất bại:\n${readFileSync(join(dir, FAILURE), 'utf8')}`);
    }
    await sleep(500);
  }
}
