import { execFileSync } from 'node:child_process';
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

/** Files changed on HEAD since it left `base` (what a pull request would show). */
export function changedFilesFromGit(root: string, base: string, head = 'HEAD'): ChangedFile[] {
  let out: string;
  try {
    out = execFileSync(
      'git',
      ['-c', 'core.quotepath=false', 'diff', '--name-status', '-M', '-z', `${base}...${head}`],
      {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  } catch {
    throw new UserError(
      `Không so sánh được với nhánh gốc "${base}": kiểm tra tên nhánh (ví dụ origin/main) và lịch sử git.`,
    );
  }
  const parts = out.split('\0').filter((part) => part.length > 0);
  const files: ChangedFile[] = [];
  for (let index = 0; index < parts.length; ) {
    const code = parts[index++] ?? '';
    const status = STATUS[code[0] ?? ''] ?? 'changed';
    if (status === 'renamed' || status === 'copied') {
      const previousPath = parts[index++] ?? '';
      files.push({ path: parts[index++] ?? '', status, previousPath });
    } else {
      files.push({ path: parts[index++] ?? '', status });
    }
  }
  return files;
}

export interface PullInfo {
  author: string;
  headRef: string;
  headSha: string;
  state: string;
  files: ChangedFile[];
}

/** A pull request's author, branch and changed files from the GitHub API. */
export async function pullFromGitHub(
  github: GitHub,
  repo: RepoRef,
  number: number,
): Promise<PullInfo> {
  const { data: pull } = await github.rest.pulls.get({ ...repo, pull_number: number });
  const files = await github.paginate(github.rest.pulls.listFiles, {
    ...repo,
    pull_number: number,
    per_page: 100,
  });
  return {
    author: pull.user?.login ?? '',
    headRef: pull.head.ref,
    headSha: pull.head.sha,
    state: pull.state,
    files: files.map((file) => ({
      path: file.filename,
      status: file.status as ChangedFile['status'],
      ...(file.previous_filename ? { previousPath: file.previous_filename } : {}),
    })),
  };
}
