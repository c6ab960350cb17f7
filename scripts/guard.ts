/**
 * `npm run guard`: who may change what in a pull request. See scripts/guard/rules.ts.
 */

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { guardTerminal } from '../src/core/terminal.ts';
import { annotation } from '../src/core/workflow-commands.ts';
import { collections, initiativeIdOf, placeOf } from '../src/model/collections.ts';
import {
  createClient,
  explainGitHubError,
  type GitHub,
  parseRepo,
  UserError,
} from './github/client.ts';
import { changedFilesFromGit, entriesOnBase, pullFromGitHub } from './guard/changes.ts';
import {
  type CommitteeConfig,
  isCommitteeMember,
  readCommitteeConfig,
  readCommitteeConfigFromGitHub,
} from './guard/members.ts';
import { type ChangedFile, checkChanges, type GuardVerdict } from './guard/rules.ts';
import { existingFolder, exitCodeOf, isMain, readCommandLine, UsageError } from './lib/cli.ts';

const HELP = `Cách dùng: npm run guard -- --author TÀI_KHOẢN [--base MỐC_GIT] [--head-ref NHÁNH]
       npm run guard -- --pr SỐ [--repo CHỦ/KHO]

Kiểm tra quyền thay đổi của một yêu cầu hợp nhất:
  • tệp do Hội đồng quản lý (đợt phát động, thang điểm, quyết định, danh mục đơn vị, phạm vi)
    và mã nguồn của hệ thống (src, scripts, .github, package*.json, astro.config.mjs…)
    chỉ thành viên Hội đồng được sửa;
  • yêu cầu gửi sáng kiến chỉ được thay đổi đúng một thư mục ${placeOf(collections.initiatives, '<mã>')}/;
    người ngoài Hội đồng chỉ được tạo bài mới (không sửa bài đã có, không xóa tệp của bài đó);
  • không liên kết tượng trưng (symlink), mô-đun con trong content/, không tệp ẩn
    (.gitattributes…) trong bài gửi.

Thành viên Hội đồng: danh sách "members" hoặc nhóm "team" trong .github/committee.yml
(đọc từ nhánh gốc khi có --base, để yêu cầu hợp nhất không tự thêm mình vào danh sách).
Nhóm được đọc bằng biến COMMITTEE_TOKEN nếu có (mã đọc được thành viên của tổ chức),
không thì bằng GITHUB_TOKEN.

  --author TÀI_KHOẢN  tài khoản GitHub của người tạo yêu cầu
  --base MỐC_GIT      nhánh gốc để so sánh bằng git (mặc định origin/main)
  --head-ref NHÁNH    tên nhánh của yêu cầu (nhánh cms/… là bài gửi qua trang quản trị)
  --pr SỐ             lấy tác giả và danh sách tệp từ API GitHub thay vì git
  --repo CHỦ/KHO      kho GitHub (mặc định: biến GITHUB_REPOSITORY)
  --api-url ĐỊA_CHỈ   địa chỉ API GitHub
  --root ĐƯỜNG_DẪN    thư mục kho git (mặc định: thư mục hiện tại)
  --json TỆP          ghi kết quả dạng JSON vào tệp
  --format github     in lỗi dạng chú thích của GitHub Actions
  -h, --help          in hướng dẫn này

Mã thoát: 0 khi hợp lệ, 1 khi có thay đổi không được phép, 2 khi tham số sai.`;

export interface GuardReport extends GuardVerdict {
  author: string;
  member: boolean;
  how: string;
  /** The pull request is a submission: one new initiative folder, validated strictly. */
  submission: boolean;
  files: ChangedFile[];
}

/**
 * The client that reads the committee's team: `COMMITTEE_TOKEN` when set (a token that may
 * read the organisation's members, which a workflow's own token may not), else `fallback`.
 */
export function teamReader(fallback?: GitHub, baseUrl?: string): GitHub | undefined {
  const token = process.env.COMMITTEE_TOKEN;
  if (!token) return fallback;
  return createClient({
    token,
    baseUrl: baseUrl ?? (fallback?.request.endpoint.DEFAULTS.baseUrl as string | undefined),
  });
}

export async function runGuard(options: {
  root: string;
  author?: string;
  base?: string;
  /** The pull request's commit in local mode (default HEAD). */
  head?: string;
  headRef?: string;
  pr?: number;
  repo?: string;
  apiUrl?: string;
  /** Reads the pull request (with --pr) and the committee's team; from GITHUB_TOKEN when absent. */
  github?: GitHub;
}): Promise<GuardReport> {
  const github =
    options.github ??
    (options.pr || process.env.GITHUB_TOKEN
      ? createClient({ baseUrl: options.apiUrl })
      : undefined);
  let files: ChangedFile[];
  let existingEntries: Set<string>;
  let author = options.author ?? '';
  let headRef = options.headRef;
  const base = options.base ?? 'origin/main';
  let config: CommitteeConfig;
  if (options.pr) {
    if (!github) throw new UserError('Thiếu GITHUB_TOKEN để đọc yêu cầu hợp nhất.');
    const repo = parseRepo(options.repo ?? process.env.GITHUB_REPOSITORY);
    const pull = await pullFromGitHub(github, repo, options.pr);
    // The roster of the branch the pull request goes into, never the checkout's copy.
    config = await readCommitteeConfigFromGitHub(github, repo, pull.baseRef);
    files = pull.files;
    existingEntries = pull.existingEntries;
    author ||= pull.author;
    headRef ??= pull.headRef;
  } else {
    const head = options.head ?? 'HEAD';
    files = changedFilesFromGit(options.root, base, head);
    const slugs = files
      .flatMap((file) => [file.path, file.previousPath ?? ''])
      .map((path) => initiativeIdOf(path))
      .filter((slug): slug is string => slug !== undefined);
    existingEntries = entriesOnBase(options.root, base, head, slugs);
    config = readCommitteeConfig(options.root, base);
  }
  if (!author) throw new UsageError('Thiếu --author (tài khoản GitHub của người tạo yêu cầu).');
  // The roster is read from the base branch (above): a pull request cannot add its author to it.
  const membership = await isCommitteeMember(author, config, teamReader(github, options.apiUrl));
  const verdict = checkChanges({
    files,
    author,
    isMember: membership.member,
    headRef,
    existingEntries,
    how: membership.how,
  });
  return {
    ...verdict,
    author,
    member: membership.member,
    how: membership.how,
    submission: !membership.member || (headRef ?? '').startsWith('cms/'),
    files,
  };
}

export async function main(argv: string[]): Promise<number> {
  function parse() {
    return parseArgs({
      args: argv,
      options: {
        author: { type: 'string' },
        base: { type: 'string' },
        'head-ref': { type: 'string' },
        pr: { type: 'string' },
        repo: { type: 'string' },
        'api-url': { type: 'string' },
        root: { type: 'string' },
        json: { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  }
  const parsed = readCommandLine(parse, HELP);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const pr = values.pr === undefined ? undefined : Number(values.pr);
  if (pr !== undefined && !(Number.isInteger(pr) && pr > 0)) {
    console.error(`--pr phải là số của yêu cầu hợp nhất, không phải "${values.pr}".`);
    return 2;
  }
  try {
    const report = await runGuard({
      root: existingFolder(values.root ?? process.cwd(), '--root'),
      author: values.author,
      base: values.base,
      headRef: values['head-ref'],
      pr,
      repo: values.repo,
      apiUrl: values['api-url'],
    });
    if (values.json) {
      writeFileSync(
        values.json,
        `${JSON.stringify({ ok: report.ok, problems: report.problems }, null, 2)}\n`,
      );
    }
    const who = `${report.author} (${report.member ? 'thành viên Hội đồng' : 'không thuộc Hội đồng'}: ${report.how})`;
    if (report.ok) {
      console.log(`Hợp lệ: ${report.files.length} tệp thay đổi bởi ${who}.`);
      return 0;
    }
    console.error(`Không hợp lệ: ${report.files.length} tệp thay đổi bởi ${who}.`);
    for (const problem of report.problems) {
      if (values.format === 'github') {
        console.log(
          annotation('error', { file: problem.file, title: 'Phạm vi thay đổi' }, problem.message),
        );
      } else {
        console.error(`- ${problem.file ? `${problem.file}: ` : ''}${problem.message}`);
      }
    }
    return 1;
  } catch (error) {
    console.error(
      error instanceof UsageError
        ? error.message
        : explainGitHubError(error, 'kiểm tra quyền thay đổi'),
    );
    return exitCodeOf(error);
  }
}

if (isMain(import.meta)) {
  guardTerminal();
  process.exitCode = await main(process.argv.slice(2));
}
