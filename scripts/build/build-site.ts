/**
 * Build the real site (astro build + Pagefind) into a temporary folder, with a
 * base path: used by the browser tests and the budgets script.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { astroBuildCommand, astroBuildEnv, projectRoot } from './astro-command.ts';
import { buildSearchIndex } from './search-index.ts';

export { projectRoot };

export interface BuiltSite {
  outDir: string;
  base: string;
  buildSeconds: number;
}

/**
 * The environment without what the test runner adds (vitest sets BASE_URL, MODE, DEV, PROD
 * and NODE_ENV=test), which would otherwise leak into Astro's `import.meta.env`.
 */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (
      ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV'].includes(key) ||
      key.startsWith('VITEST')
    ) {
      delete env[key];
    }
  }
  return env;
}

/**
 * Where the builds go: inside the project. Astro writes a build's server files to
 * `<project>/.astro/.prerender/` when its outDir lies outside the project, and removes them at
 * the end: two builds at once (two test files sharing different sites) broke each other.
 */
const SITES_FOLDER = join(projectRoot, '.tmp', 'sites');

/** `astro build` then the Pagefind index, into a fresh temporary folder. */
export function buildSite(
  options: { base?: string; site?: string; searchPartSize?: number } = {},
): BuiltSite {
  const base = options.base ?? '/kho-sang-kien/';
  mkdirSync(SITES_FOLDER, { recursive: true });
  const outDir = mkdtempSync(join(SITES_FOLDER, 'kho-site-'));
  const started = performance.now();
  const [command, args] = astroBuildCommand(projectRoot, ['--outDir', outDir]);
  const run = spawnSync(command, args, {
    cwd: projectRoot,
    encoding: 'utf8',
    env: astroBuildEnv({
      ...cleanEnv(),
      BASE_PATH: base,
      SITE_URL: options.site ?? 'http://127.0.0.1:4321',
      ASTRO_TELEMETRY_DISABLED: '1',
    }),
  });
  if (run.status !== 0) {
    throw new Error(
      `astro build thất bại:\n${run.stdout.slice(-4000)}\n${run.stderr.slice(-4000)}`,
    );
  }
  buildSearchIndex(outDir, { partSize: options.searchPartSize });
  return { outDir, base, buildSeconds: (performance.now() - started) / 1000 };
}
