/**
 * The verdict on a pull request: the guard (who may change what) and the validator (is the
 * content right), computed by the code that runs this module on the pull request's files
 * read as data. The `feedback` workflow runs it from the base branch's checkout on a
 * separate worktree of the pull request's head, so a pull request cannot change how it is
 * judged; `validate` runs the same module on the pull request's own checkout as a fast,
 * read-only check that decides nothing.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { guardTerminal } from '../../src/core/terminal.ts';
import { annotation } from '../../src/core/workflow-commands.ts';
import { collections, initiativeIdOf, pathOf } from '../../src/model/collections.ts';
import { readEntryFile } from '../../src/model/files.ts';
import { reformAreaIds } from '../../src/schemas/vocabularies.ts';
import { formatGithub } from '../../src/validator/format-github.ts';
import { formatText } from '../../src/validator/format-text.ts';
import { type ValidationReport, validate } from '../../src/validator/index.ts';
import { type GuardReport, runGuard } from '../guard.ts';
import { isMain, readCommandLine } from '../lib/cli.ts';
import { explainGitHubError, type GitHub, UserError } from './client.ts';
import { type PrResult, type RawPrResult, toPrResult } from './result.ts';
import { findingsOf } from './validator.ts';

export interface VerdictOptions {
  /** A git repository holding both commits. */
  repo: string;
  /** The base branch (a ref or a commit). */
  base: string;
  /** The pull request's head (a ref or a commit). */
  head: string;
  /** Who opened the pull request, as GitHub says (never a name the author chose). */
  author: string;
  /** The pull request's branch: `cms/…` only makes a member's pull request stricter. */
  headRef?: string;
  pullRequest?: number;
  /** Reads the committee's team. */
  github?: GitHub;
  /**
   * Read the head's files in `repo`'s own working tree, which is the head (the read-only
   * check). Otherwise they are read from a separate worktree of `head`, made for the check.
   */
  inPlace?: boolean;
  /** "Today" for the deadline of new entries (YYYY-MM-DD); default the real date. */
  today?: string;
}

export interface Verdict {
  result: PrResult;
  guard: GuardReport;
  validation: ValidationReport;
  /** Changes outside one entry folder were left to the guard (a committee member's pull request). */
  anyPath: boolean;
}

function git(root: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

export function commitOf(root: string, ref: string): string {
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new UserError(`Không tìm thấy lần cập nhật "${ref}" trong kho git.`);
  }
}

/**
 * Run `work` on a worktree of `commit` made as plain data: symbolic links are written as
 * small text files (they point nowhere), no hook runs, Git LFS does not download. The
 * worktree is removed afterwards.
 */
export async function withWorktree<T>(
  repo: string,
  commit: string,
  work: (root: string) => Promise<T>,
): Promise<T> {
  const parent = mkdtempSync(join(tmpdir(), 'kho-pr-'));
  const root = join(parent, 'pr');
  git(
    repo,
    [
      '-c',
      'core.symlinks=false',
      '-c',
      `core.hooksPath=${parent}`,
      'worktree',
      'add',
      '--detach',
      '--quiet',
      root,
      commit,
    ],
    { ...process.env, GIT_LFS_SKIP_SMUDGE: '1' },
  );
  try {
    return await work(root);
  } finally {
    try {
      git(repo, ['worktree', 'remove', '--force', root]);
    } catch {
      // Removed below with the folder; `worktree prune` forgets it.
    }
    rmSync(parent, { recursive: true, force: true });
    git(repo, ['worktree', 'prune']);
  }
}

/** The initiatives a pull request adds or changes, with their title and areas (for the labels). */
function entriesOf(root: string, paths: string[]): RawPrResult['entries'] {
  const slugs = new Set(
    paths.map((path) => initiativeIdOf(path)).filter((slug) => slug !== undefined),
  );
  return [...slugs].sort().map((slug) => {
    const path = join(root, pathOf(collections.initiatives, slug));
    const data = existsSync(path) ? readEntryFile(path).data : undefined;
    const areas = Array.isArray(data?.areas)
      ? data.areas.filter((area): area is (typeof reformAreaIds)[number] =>
          (reformAreaIds as readonly unknown[]).includes(area),
        )
      : [];
    const title = typeof data?.title === 'string' ? data.title : undefined;
    return { slug, ...(title ? { title } : {}), areas: [...new Set(areas)] };
  });
}

export async function judge(options: VerdictOptions): Promise<Verdict> {
  const baseSha = commitOf(options.repo, options.base);
  const headSha = commitOf(options.repo, options.head);
  const guard = await runGuard({
    root: options.repo,
    base: baseSha,
    head: headSha,
    author: options.author,
    headRef: options.headRef,
    github: options.github,
  });
  // Strictness follows who opened the pull request (the guard's trusted membership), not its
  // branch name: anyone outside the committee is held to one entry folder.
  const anyPath = !guard.submission;
  const check = async (root: string) => {
    const validation = await validate({
      root,
      changedSince: baseSha,
      onlyEntryFolder: !anyPath,
      today: options.today,
      workers: 0,
    });
    const paths = guard.files.filter((file) => file.status !== 'removed').map((file) => file.path);
    return { validation, entries: entriesOf(root, paths) };
  };
  const { validation, entries } = options.inPlace
    ? await check(options.repo)
    : await withWorktree(options.repo, headSha, check);
  const result = toPrResult({
    pullRequest: options.pullRequest ?? 1,
    headSha,
    entries,
    findings: findingsOf(validation),
    guard: { ok: guard.ok, problems: guard.problems },
  });
  return { result, guard, validation, anyPath };
}

const HELP = `Cách dùng: node scripts/github/verdict.ts --author TÀI_KHOẢN [--base MỐC_GIT] [--head-ref NHÁNH]

Kiểm tra một yêu cầu hợp nhất ngay trên bản sao của nó: phạm vi thay đổi (guard) rồi nội dung
(validator) của những gì đã thay đổi so với nhánh gốc. Người ngoài Hội đồng chỉ được tạo một
thư mục sáng kiến; thành viên Hội đồng (theo danh sách trên nhánh gốc hoặc nhóm trên GitHub)
được thay đổi nhiều hơn. Tên nhánh không làm yêu cầu được dễ hơn.

Kết quả này chỉ để người gửi thấy lỗi sớm: nhãn, bình luận và trạng thái bắt buộc do quy
trình feedback đặt, bằng mã của nhánh gốc.

  --author TÀI_KHOẢN  tài khoản GitHub của người tạo yêu cầu
  --base MỐC_GIT      nhánh gốc (mặc định origin/main)
  --head-ref NHÁNH    tên nhánh của yêu cầu
  --root ĐƯỜNG_DẪN    thư mục kho git (mặc định: thư mục hiện tại)
  --format ĐỊNH_DẠNG  text (mặc định) hoặc github (chú thích của GitHub Actions)
  --today NGÀY        coi hôm nay là ngày này (YYYY-MM-DD, giờ Việt Nam) khi xét hạn nộp
  -h, --help          in hướng dẫn này

Mã thoát: 0 khi hợp lệ, 1 khi có lỗi, 2 khi tham số sai.`;

export async function main(argv: string[]): Promise<number> {
  const parsed = readCommandLine(
    () =>
      parseArgs({
        args: argv,
        options: {
          author: { type: 'string' },
          base: { type: 'string' },
          'head-ref': { type: 'string' },
          root: { type: 'string' },
          format: { type: 'string' },
          today: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    HELP,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'github') {
    console.error(`Dạng "${format}" không hỗ trợ; chọn text hoặc github.`);
    return 2;
  }
  if (!values.author) {
    console.error(`Thiếu --author (tài khoản GitHub của người tạo yêu cầu).\n\n${HELP}`);
    return 2;
  }
  try {
    const verdict = await judge({
      repo: values.root ?? process.cwd(),
      base: values.base ?? 'origin/main',
      head: 'HEAD',
      author: values.author,
      headRef: values['head-ref'],
      inPlace: true,
      today: values.today,
    });
    const { guard, validation, result } = verdict;
    const who = `${guard.author} (${guard.member ? 'thành viên Hội đồng' : 'không thuộc Hội đồng'}: ${guard.how})`;
    console.log(
      verdict.anyPath
        ? `Yêu cầu của ${who}: được thay đổi ngoài thư mục sáng kiến.`
        : `Yêu cầu gửi sáng kiến của ${who}: chỉ được tạo một thư mục sáng kiến.`,
    );
    for (const problem of guard.problems) {
      console.log(
        format === 'github'
          ? annotation('error', { file: problem.file, title: 'Phạm vi thay đổi' }, problem.message)
          : `- ${problem.file ? `${problem.file}: ` : ''}${problem.message}`,
      );
    }
    process.stdout.write(format === 'github' ? formatGithub(validation) : formatText(validation));
    return result.validation.ok && result.guard.ok ? 0 : 1;
  } catch (error) {
    console.error(explainGitHubError(error, 'kiểm tra yêu cầu hợp nhất'));
    return 1;
  }
}

if (isMain(import.meta)) {
  guardTerminal();
  process.exitCode = await main(process.argv.slice(2));
}
