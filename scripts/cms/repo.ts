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
