/** Temporary git repositories for the committee scripts' tests. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { branchOfSlug } from '../../scripts/report/source.ts';

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

export function write(root: string, path: string, text: string | Buffer): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/**
 * A repository on `main` with the project's real content data (units, campaign), committed;
 * with `allContent`, the whole sample content (initiatives, decision, adoptions) too.
 */
export function makeRepo(
  projectRoot: string,
  extra: Record<string, string> = {},
  allContent = false,
): string {
  const root = mkdtempSync(join(tmpdir(), 'kho-repo-'));
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'config', 'user.name', 'Kiểm thử');
  git(root, 'config', 'user.email', 'kiem-thu@example.invalid');
  git(root, 'config', 'commit.gpgsign', 'false');
  git(root, 'config', 'core.quotepath', 'false');
  const paths = allContent
    ? ['content']
    : ['content/units.yaml', 'content/scope-levels.yaml', 'content/campaigns/2024-tanh-linh.md'];
  for (const path of paths) {
    cpSync(join(projectRoot, path), join(root, path), { recursive: true });
  }
  for (const [path, text] of Object.entries(extra)) write(root, path, text);
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'Khởi tạo');
  return root;
}

/**
 * Save an entry on the branch the admin's Save makes (`cms/initiatives/<slug>/index`), the
 * way decap-server's git mode does.
 */
export function cmsBranch(
  root: string,
  slug: string,
  files: Record<string, string | Buffer>,
  status: 'draft' | 'pending_review' | 'pending_publish',
): string {
  const branch = branchOfSlug(slug);
  git(root, 'checkout', '-q', '-b', branch, 'main');
  for (const [name, text] of Object.entries(files))
    write(root, `content/initiatives/${slug}/${name}`, text);
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', `Create Initiatives “${slug}”`);
  git(root, 'config', `branch.${branch}.description`, `decap-cms/${status}`);
  git(root, 'checkout', '-q', 'main');
  return branch;
}
