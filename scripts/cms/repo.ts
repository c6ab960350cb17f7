import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

async function tryGit(cwd: string, ...args: string[]): Promise<string | undefined> {
  try {
    return await git(cwd, ...args);
  } catch {
    return undefined;
  }
}

export const CMS_BRANCH = 'main';

/** decap-server commits with `git add .`: the clone must never pick up build or cache output. */
const localIgnores = ['node_modules', '.astro/', 'dist/', '.tmp/'];

/**
 * A dedicated clone for decap-server: its own identity (every save is a commit),
 * file names shown as UTF-8, branch `main` checked out. Re-used when it exists and
 * fast-forwarded to the source's `main` when that is possible without losing work.
 */
export async function prepareCmsRepo(options: {
  source: string;
  dir: string;
  log?: (line: string) => void;
  /** A file only the clone has (the practice campaign): commits touching only it do not block following the source. */
  practicePath?: string;
}): Promise<void> {
  const { source, dir } = options;
  if (!existsSync(join(dir, '.git'))) {
    await mkdir(dirname(dir), { recursive: true });
    const sourceHasMain = await tryGit(
      source,
      'rev-parse',
      '--verify',
      '--quiet',
      `refs/heads/${CMS_BRANCH}`,
    );
    await run('git', ['clone', '--quiet', '--no-hardlinks', source, dir]);
    // Without a local `main` in the source (a CI checkout, a detached HEAD), start it here.
    if (sourceHasMain) await git(dir, 'checkout', '--quiet', CMS_BRANCH);
    else await git(dir, 'checkout', '--quiet', '-B', CMS_BRANCH);
  } else {
    await tryGit(dir, 'fetch', '--quiet', 'origin');
    const current = await tryGit(dir, 'symbolic-ref', '--short', 'HEAD');
    const clean = (await tryGit(dir, 'status', '--porcelain')) === '';
    const upstream = await tryGit(dir, 'rev-parse', '--verify', '--quiet', `origin/${CMS_BRANCH}`);
    if (current === CMS_BRANCH && clean && upstream) {
      await dropPracticeCommits(dir, `origin/${CMS_BRANCH}`, options.practicePath);
      const merged = await tryGit(dir, 'merge', '--ff-only', '--quiet', `origin/${CMS_BRANCH}`);
      if (merged === undefined) {
        options.log?.(
          `Kho nội dung CMS có bài đã công bố chưa có trong kho gốc; giữ nguyên nhánh ${CMS_BRANCH} của kho CMS.`,
        );
      }
    }
  }
  await git(dir, 'config', 'user.name', 'Trang quản trị (máy cục bộ)');
  await git(dir, 'config', 'user.email', 'cms@kho-sang-kien.invalid');
  await git(dir, 'config', 'core.quotepath', 'false');
  await git(dir, 'config', 'commit.gpgsign', 'false');
  const excludeFile = join(dir, '.git', 'info', 'exclude');
  const existing = existsSync(excludeFile) ? await readFile(excludeFile, 'utf8') : '';
  const missing = localIgnores.filter((line) => !existing.split('\n').includes(line));
  if (missing.length > 0) {
    await mkdir(dirname(excludeFile), { recursive: true });
    await appendFile(excludeFile, `\n${missing.join('\n')}\n`);
  }
}

/**
 * When every commit of `main` that the source lacks touches only `practicePath`, go back to
 * the source's `main`: the practice file is written again afterwards, and the clone keeps
 * following the source instead of being stuck on a commit of its own.
 */
async function dropPracticeCommits(dir: string, upstream: string, practicePath?: string) {
  if (!practicePath) return;
  const own = (await tryGit(dir, 'rev-list', `${upstream}..${CMS_BRANCH}`))
    ?.split('\n')
    .filter(Boolean);
  if (!own || own.length === 0) return;
  for (const commit of own) {
    const files = await tryGit(
      dir,
      'diff-tree',
      '--no-commit-id',
      '--name-only',
      '-r',
      '-m',
      commit,
    );
    if (files === undefined || files.split('\n').some((file) => file !== practicePath)) return;
  }
  await git(dir, 'reset', '--quiet', '--hard', upstream);
}

/**
 * The site's copy of the CMS clone. decap-server switches its clone to a submission's
 * branch and back for every request; a dev server watching that clone would see drafts
 * come and go and reload the admin page in a loop. The site is served from this mirror
 * instead, which follows the clone's `main` only: it changes when something is published.
 */
export async function prepareSiteMirror(options: { repoDir: string; siteDir: string }) {
  const { repoDir, siteDir } = options;
  if (!existsSync(join(siteDir, '.git'))) {
    await mkdir(dirname(siteDir), { recursive: true });
    await run('git', [
      'clone',
      '--quiet',
      '--no-hardlinks',
      '--branch',
      CMS_BRANCH,
      repoDir,
      siteDir,
    ]);
  }
  const excludeFile = join(siteDir, '.git', 'info', 'exclude');
  const existing = existsSync(excludeFile) ? await readFile(excludeFile, 'utf8') : '';
  const missing = localIgnores.filter((line) => !existing.split('\n').includes(line));
  if (missing.length > 0) await appendFile(excludeFile, `\n${missing.join('\n')}\n`);
  await syncSiteMirror(options);
}

/** Bring the mirror to the clone's `main`; it holds nothing of its own, so it follows exactly. */
export async function syncSiteMirror(options: { repoDir: string; siteDir: string }) {
  await git(options.siteDir, 'fetch', '--quiet', options.repoDir, CMS_BRANCH);
  await git(options.siteDir, 'checkout', '--quiet', '-B', CMS_BRANCH, 'FETCH_HEAD');
  await git(options.siteDir, 'reset', '--quiet', '--hard', 'FETCH_HEAD');
}

/** The commit `main` points at in `dir`. */
export async function headOf(dir: string): Promise<string | undefined> {
  return tryGit(dir, 'rev-parse', '--verify', '--quiet', `refs/heads/${CMS_BRANCH}`);
}

/** Call `onChange` whenever `main` moves in `dir`; returns a function that stops watching. */
export function watchMain(
  dir: string,
  onChange: () => Promise<void>,
  intervalMs = 1000,
): () => void {
  let last: string | undefined;
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      const head = await headOf(dir);
      if (head && last && head !== last) await onChange();
      if (head) last = head;
    } catch {
      // A save in progress holds git's lock; the next tick tries again.
    } finally {
      busy = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
