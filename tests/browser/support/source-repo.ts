/** The git repositories the admin's tests start from: clones of the project's committed files. */
import { execFileSync } from 'node:child_process';
import { projectRoot } from './site.ts';

export const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/** Today in Vietnam, shifted by `days`, as YYYY-MM-DD. */
export function vnDate(days = 0): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(date);
}

/** A clone of the project into `dir`, on `main`, with an identity to commit test content as. */
export function cloneProject(dir: string): void {
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', projectRoot, dir]);
  git(dir, 'config', 'user.name', 'Người kiểm thử');
  git(dir, 'config', 'user.email', 'kiem-thu@kho-sang-kien.invalid');
  git(dir, 'checkout', '--quiet', '-B', 'main');
}
