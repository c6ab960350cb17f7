/**
 * `npm run guard`: who may change what in a pull request. See scripts/guard/rules.ts.
 */

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { collections, placeOf } from '../src/model/collections.ts';
import { createClient, explainGitHubError, parseRepo, UserError } from './github/client.ts';
import { changedFilesFromGit, pullFromGitHub } from './guard/changes.ts';
import { isCommitteeMember, readCommitteeConfig } from './guard/members.ts';
import { type ChangedFile, checkChanges, type GuardVerdict } from './guard/rules.ts';
import { isMain, readCommandLine } from './lib/cli.ts';

const HELP = `Cách dùng: npm run guard -- --author TÀI_KHOẢN [--base NHÁNH_GỐC] [--head-ref NHÁNH]
       npm run guard -- --pr SỐ [--repo chủ/kho]

Kiểm tra quyền thay đổi của một yêu cầu hợp nhất:
  • tệp do Hội đồng quản lý (đợt phát động, thang điểm, quyết định, danh mục đơn vị, phạm vi)
    và mã nguồn của hệ thống (src, scripts, .github, package*.json, astro.config.mjs…)
    chỉ thành viên Hội đồng được sửa;
  • yêu cầu gửi sáng kiến chỉ được thay đổi đúng một thư mục ${placeOf(collections.initiatives, '<mã>')}/.

Thành viên Hội đồng: danh sách "members" hoặc nhóm "team" trong .github/committee.yml
(đọc từ nhánh gốc khi có --base, để yêu cầu hợp nhất không tự thêm mình vào danh sách).

  --author LOGIN    tài khoản GitHub của người tạo yêu cầu
  --base REF        nhánh gốc để so sánh bằng git (mặc định origin/main)
  --head-ref NAME   tên nhánh của yêu cầu (nhánh cms/… là bài gửi qua trang quản trị)
  --pr N            lấy tác giả và danh sách tệp từ API GitHub thay vì git
  --repo OWNER/REPO kho GitHub (mặc định: biến GITHUB_REPOSITORY)
  --api-url URL     địa chỉ API GitHub
  --root PATH       thư mục kho git (mặc định: thư mục hiện tại)
  --json FILE       ghi kết quả dạng JSON vào tệp
  --format github   in lỗi dạng chú thích của GitHub Actions
  -h, --help        in hướng dẫn này

Mã thoát: 0 khi hợp lệ, 1 khi có thay đổi không được phép, 2 khi tham số sai.`;

export interface GuardReport extends GuardVerdict {
  author: string;
  member: boolean;
  how: string;
  files: ChangedFile[];
}

export async function runGuard(options: {
  root: string;
  author?: string;
  base?: string;
  headRef?: string;
  pr?: number;
  repo?: string;
  apiUrl?: string;
}): Promise<GuardReport> {
  const github =
    options.pr || process.env.GITHUB_TOKEN ? createClient({ baseUrl: options.apiUrl }) : undefined;
  let files: ChangedFile[];
  let author = options.author ?? '';
  let headRef = options.headRef;
  if (options.pr) {
    if (!github) throw new UserError('Thiếu GITHUB_TOKEN để đọc yêu cầu hợp nhất.');
    const pull = await pullFromGitHub(
      github,
      parseRepo(options.repo ?? process.env.GITHUB_REPOSITORY),
      options.pr,
    );
    files = pull.files;
    author ||= pull.author;
    headRef ??= pull.headRef;
  } else {
    files = changedFilesFromGit(options.root, options.base ?? 'origin/main');
  }
  if (!author) throw new UserError('Thiếu --author (tài khoản GitHub của người tạo yêu cầu).');
  const config = readCommitteeConfig(
    options.root,
    options.pr ? undefined : (options.base ?? 'origin/main'),
  );
  const membership = await isCommitteeMember(author, config, github);
  const verdict = checkChanges({ files, author, isMember: membership.member, headRef });
  return { ...verdict, author, member: membership.member, how: membership.how, files };
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
      root: values.root ?? process.cwd(),
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
        const file = problem.file ? ` file=${problem.file}` : '';
        console.log(
          `::error${file},title=Phạm vi thay đổi::${problem.message.replace(/%/g, '%25').replace(/\r?\n/g, '%0A')}`,
        );
      } else {
        console.error(`- ${problem.file ? `${problem.file}: ` : ''}${problem.message}`);
      }
    }
    return 1;
  } catch (error) {
    console.error(explainGitHubError(error, 'kiểm tra quyền thay đổi'));
    return 1;
  }
}

if (isMain(import.meta)) process.exitCode = await main(process.argv.slice(2));
