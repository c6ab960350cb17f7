import { execFileSync } from 'node:child_process';
import { formatNumber } from '../../src/core/numbers.ts';
import { collections, initiativeIdOf, pathOf } from '../../src/model/collections.ts';
import { type GitHub, type RepoRef, UserError } from '../github/client.ts';
import type { ChangedFile } from './rules.ts';

const STATUS: Record<string, ChangedFile['status']> = {
  A: 'added',
  M: 'modified',
  D: 'removed',
  R: 'renamed',
  C: 'copied',
  T: 'changed',
};

function git(root: string, args: string[]): string {
  // Paths are data: a folder named `*` must not match every folder.
  return execFileSync('git', ['--literal-pathspecs', '-c', 'core.quotepath=false', ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
}

/**
 * Files changed on `head` since it left `base` (what a pull request shows), with their git
 * modes: a symbolic link (120000) or a submodule (160000) looks like any other path in a
 * list of names, and only the mode tells it from a file.
 */
export function changedFilesFromGit(root: string, base: string, head = 'HEAD'): ChangedFile[] {
  let out: string;
  try {
    out = git(root, ['diff', '--raw', '--no-abbrev', '-M', '-z', `${base}...${head}`, '--']);
  } catch {
    throw new UserError(
      `Không so sánh được với nhánh gốc "${base}": kiểm tra tên nhánh (ví dụ origin/main) và lịch sử git.`,
    );
  }
  const parts = out.split('\0');
  const files: ChangedFile[] = [];
  for (let index = 0; index < parts.length; ) {
    const header = parts[index++] ?? '';
    if (!header.startsWith(':')) continue;
    const [previousMode = '', mode = '', , , code = ''] = header.slice(1).split(' ');
    const status = STATUS[code[0] ?? ''] ?? 'changed';
    if (status === 'renamed' || status === 'copied') {
      const previousPath = parts[index++] ?? '';
      files.push({ path: parts[index++] ?? '', status, previousPath, mode, previousMode });
    } else {
      files.push({ path: parts[index++] ?? '', status, mode, previousMode });
    }
  }
  return files;
}

/**
 * The initiative folders among `slugs` that already hold an entry on the base branch: at
 * its tip, or where the pull request's branch left it (a file the pull request modifies or
 * removes existed there).
 */
export function entriesOnBase(
  root: string,
  base: string,
  head: string,
  slugs: Iterable<string>,
): Set<string> {
  const paths = [...new Set(slugs)].map((slug) => pathOf(collections.initiatives, slug));
  const found = new Set<string>();
  if (paths.length === 0) return found;
  const commits = [base];
  try {
    commits.push(git(root, ['merge-base', base, head]).trim());
  } catch {
    // Unrelated histories: the base's tip is all there is to compare with.
  }
  for (const commit of commits) {
    const out = git(root, ['ls-tree', '-z', '--name-only', commit, '--', ...paths]);
    for (const path of out.split('\0')) {
      const slug = initiativeIdOf(path);
      if (slug) found.add(slug);
    }
  }
  return found;
}

export interface PullInfo {
  author: string;
  headRef: string;
  headSha: string;
  baseRef: string;
  state: string;
  files: ChangedFile[];
  /** Initiative folders the pull request touches that already hold an entry on the base branch. */
  existingEntries: Set<string>;
}

/**
 * A pull request's author, branch and changed files from the GitHub API. The list of files
 * carries no mode, so modes are read from the head commit's tree.
 */
/** How many files of a pull request GitHub's API lists, at most. */
export const MAX_LISTED_FILES = 3000;

export async function pullFromGitHub(
  github: GitHub,
  repo: RepoRef,
  number: number,
): Promise<PullInfo> {
  const { data: pull } = await github.rest.pulls.get({ ...repo, pull_number: number });
  const listed = await github.paginate(github.rest.pulls.listFiles, {
    ...repo,
    pull_number: number,
    per_page: 100,
  });
  // GitHub lists at most 3,000 files of a pull request: a file past them would go unjudged.
  const changed = (pull as { changed_files?: number }).changed_files;
  if (
    listed.length >= MAX_LISTED_FILES ||
    (typeof changed === 'number' && listed.length < changed)
  ) {
    throw new UserError(
      `Yêu cầu hợp nhất #${number} thay đổi ${formatNumber(Math.max(listed.length, changed ?? 0))} tệp trở lên, quá số tệp GitHub liệt kê qua API (${formatNumber(MAX_LISTED_FILES)}): không xét được hết; hãy chạy guard trên bản sao git (--base).`,
    );
  }
  const { data: tree } = await github.rest.git.getTree({
    ...repo,
    tree_sha: pull.head.sha,
    recursive: 'true',
  });
  if (tree.truncated) {
    throw new UserError(
      `Cây tệp của lần cập nhật ${pull.head.sha.slice(0, 7)} quá lớn để đọc qua API; hãy chạy guard trên bản sao git (--base).`,
    );
  }
  const modes = new Map(
    tree.tree.map((item): [string, string] => [item.path ?? '', item.mode ?? '']),
  );
  const files = listed.map(
    (file): ChangedFile => ({
      path: file.filename,
      status: file.status as ChangedFile['status'],
      ...(file.previous_filename ? { previousPath: file.previous_filename } : {}),
      ...(file.status === 'removed' ? {} : { mode: modes.get(file.filename) ?? '' }),
    }),
  );
  const existingEntries = new Set<string>();
  const touched = new Set<string>();
  for (const file of files) {
    for (const path of [file.path, file.previousPath]) {
      const slug = path ? initiativeIdOf(path) : undefined;
      if (!slug) continue;
      touched.add(slug);
      // Anything but an added file was there where the branch left the base.
      if (file.status !== 'added') existingEntries.add(slug);
    }
  }
  for (const slug of touched) {
    if (existingEntries.has(slug)) continue;
    try {
      await github.rest.repos.getContent({
        ...repo,
        path: pathOf(collections.initiatives, slug),
        ref: pull.base.ref,
      });
      existingEntries.add(slug);
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }
  return {
    author: pull.user?.login ?? '',
    headRef: pull.head.ref,
    headSha: pull.head.sha,
    baseRef: pull.base.ref,
    state: pull.state,
    files,
    existingEntries,
  };
}
