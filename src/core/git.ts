/** Small, safe wrappers around the git command line (no shell, arguments as a list). */
import { execFileSync } from 'node:child_process';

export class GitError extends Error {
  override name = 'GitError';
}

function git(root: string, args: readonly string[]): string {
  try {
    return execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (cause) {
    const stderr = String((cause as { stderr?: unknown }).stderr ?? '').trim();
    throw new GitError(stderr.split('\n')[0] || 'lệnh git thất bại');
  }
}

export function isGitRepository(root: string): boolean {
  try {
    return git(root, ['rev-parse', '--is-inside-work-tree']).trim() === 'true';
  } catch {
    return false;
  }
}

/** Whether `ref` names a commit. */
export function refExists(root: string, ref: string): boolean {
  if (ref.startsWith('-')) return false;
  try {
    git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

export interface ChangedFile {
  /** Repository-relative path, forward slashes. */
  path: string;
  /** A added, M modified, D deleted, T type change (renames are split into D + A). */
  status: 'A' | 'M' | 'D' | 'T';
}

function parseNameStatus(output: string): ChangedFile[] {
  const parts = output.split('\0').filter((part) => part !== '');
  const out: ChangedFile[] = [];
  for (let index = 0; index + 1 < parts.length; index += 2) {
    const status = (parts[index] as string).charAt(0);
    if (status === 'A' || status === 'M' || status === 'D' || status === 'T') {
      out.push({ path: parts[index + 1] as string, status });
    }
  }
  return out;
}

/**
 * Files changed since `ref`: committed changes since the merge base (what a
 * pull request shows), plus uncommitted and untracked files (a local run).
 * A file added since `ref` stays "A" even if modified afterwards.
 */
export function changedFilesSince(root: string, ref: string): ChangedFile[] {
  const committed = parseNameStatus(
    git(root, ['diff', '--name-status', '-z', '--no-renames', `${ref}...HEAD`, '--']),
  );
  const working = parseNameStatus(
    git(root, ['diff', '--name-status', '-z', '--no-renames', 'HEAD', '--']),
  );
  const untracked = git(root, ['ls-files', '--others', '--exclude-standard', '-z'])
    .split('\0')
    .filter((path) => path !== '')
    .map((path): ChangedFile => ({ path, status: 'A' }));
  const byPath = new Map<string, ChangedFile>();
  for (const change of [...committed, ...working, ...untracked]) {
    const previous = byPath.get(change.path);
    if (previous?.status === 'A' && change.status !== 'D') continue;
    byPath.set(change.path, change);
  }
  return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** The repository's top folder. */
export function topLevel(root: string): string {
  return git(root, ['rev-parse', '--show-toplevel']).trim();
}
