/** Temporary git repositories for the committee scripts' tests. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

/**
 * When the fixtures' submissions are saved: within the sample 2024 campaign (04/09/2024 its last
 * day), so that a pending entry is judged as sent on time, as it was when its author saved it.
 */
export const SENT_ON_TIME = '2024-08-20T09:00:00+07:00';

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
    : [
        'content/units.yaml',
        'content/scope-levels.yaml',
        'content/organisers/ubnd-huyen-tanh-linh.yaml',
        'content/campaigns/2024-tanh-linh.md',
      ];
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
  sentAt = SENT_ON_TIME,
): string {
  const branch = branchOfSlug(slug);
  git(root, 'checkout', '-q', '-b', branch, 'main');
  for (const [name, text] of Object.entries(files))
    write(root, `content/initiatives/${slug}/${name}`, text);
  git(root, 'add', '.');
  execFileSync('git', ['commit', '-q', '-m', `Create Initiatives “${slug}”`], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_AUTHOR_DATE: sentAt, GIT_COMMITTER_DATE: sentAt },
  });
  git(root, 'config', `branch.${branch}.description`, `decap-cms/${status}`);
  git(root, 'checkout', '-q', 'main');
  return branch;
}

/** A repository as GitHub holds it, and the copies the workflows work in. */
export interface Hosted {
  /** Where pull requests are prepared (an author's clone). */
  work: string;
  /** The bare repository on "GitHub": `main` and the `refs/pull/<n>/head` of each pull request. */
  origin: string;
  /** The `feedback` workflow's checkout of the default branch (`actions/checkout`, full history). */
  checkout: string;
}

export function makeHosted(
  projectRoot: string,
  extra: Record<string, string> = {},
  allContent = false,
): Hosted {
  const work = makeRepo(projectRoot, extra, allContent);
  const origin = `${mkdtempSync(join(tmpdir(), 'kho-origin-'))}/kho.git`;
  git(work, 'clone', '-q', '--bare', work, origin);
  git(work, 'remote', 'add', 'origin', origin);
  const checkout = `${mkdtempSync(join(tmpdir(), 'kho-checkout-'))}/kho`;
  git(work, 'clone', '-q', origin, checkout);
  return { work, origin, checkout };
}

/**
 * Open pull request `number` from a new branch of `work`: write the files (a `symlink`
 * value makes a symbolic link to that target), commit, and publish the commit as GitHub
 * does, under `refs/pull/<number>/head`. Returns the head commit.
 */
export function openPull(
  hosted: Hosted,
  number: number,
  branch: string,
  files: Record<string, string | Buffer | { symlink: string }>,
): string {
  git(hosted.work, 'checkout', '-q', '-B', branch, 'main');
  for (const [path, content] of Object.entries(files)) {
    if (typeof content === 'object' && !Buffer.isBuffer(content)) {
      mkdirSync(dirname(join(hosted.work, path)), { recursive: true });
      rmSync(join(hosted.work, path), { force: true });
      symlinkSync(content.symlink, join(hosted.work, path));
    } else {
      write(hosted.work, path, content);
    }
  }
  git(hosted.work, 'add', '-A');
  git(hosted.work, 'commit', '-q', '-m', `Yêu cầu ${number}`);
  git(hosted.work, 'push', '-q', '-f', 'origin', `HEAD:refs/pull/${number}/head`);
  const head = git(hosted.work, 'rev-parse', 'HEAD');
  git(hosted.work, 'checkout', '-q', 'main');
  return head;
}
