import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../scripts/build/astro-command.ts';
import { cleanEnv } from '../../scripts/build/build-site.ts';

/**
 * `npm run build`'s script (scripts/build/site.ts) run in the project copy `tree`, into `out`,
 * with `env` over a clean environment; its log. Throws with the end of the log when it fails.
 */
export function runBuildScript(tree: string, out: string, env: NodeJS.ProcessEnv): string {
  const run = spawnSync(
    process.execPath,
    [join(projectRoot, 'scripts/build/site.ts'), '--outDir', out],
    {
      cwd: tree,
      encoding: 'utf8',
      maxBuffer: 1024 * 1024 * 1024,
      env: { ...cleanEnv(), KHO_INDEX_CACHE: join(tree, '.index-cache'), ...env },
    },
  );
  if (run.status !== 0) {
    throw new Error(`npm run build thất bại:\n${run.stdout.slice(-3000)}\n${run.stderr}`);
  }
  return run.stdout;
}
