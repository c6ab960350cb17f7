import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The repository the local commands work on: `--repo`, else `KHO_REPO`, else
 * the CMS clone that `npm start` prepares (`.tmp/cms-repo`, where decap-server
 * keeps the `cms/` branches), else the current folder.
 */
export function resolveRepo(option?: string): string {
  if (option) return resolve(option);
  if (process.env.KHO_REPO) return resolve(process.env.KHO_REPO);
  const cmsClone = join(projectRoot, '.tmp', 'cms-repo');
  if (existsSync(join(cmsClone, '.git'))) return cmsClone;
  return process.cwd();
}
