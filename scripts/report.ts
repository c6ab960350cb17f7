/**
 * `npm run report`: the consolidated list of a campaign ("tổng hợp") as XLSX,
 * CSV and Markdown, from GitHub or from a local repository.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { guardTerminal } from '../src/core/terminal.ts';
import { writeErrorMessage } from '../src/documents/common/output.ts';
import { createClient, explainGitHubError, parseRepo, UserError } from './github/client.ts';
import {
  EXIT,
  existingFolder,
  exitCodeOf,
  isMain,
  readCommandLine,
  UsageError,
} from './lib/cli.ts';
import { buildReport } from './report/build.ts';
import { toCsv } from './report/csv.ts';
import { GitHubSource } from './report/github-source.ts';
import { lostEntries } from './report/keep.ts';
import { LocalGitSource } from './report/local-source.ts';
import { toMarkdown } from './report/markdown.ts';
import type { SubmissionSource } from './report/source.ts';
import { buildBallotBooks, buildWorkbook, writeBook } from './report/xlsx.ts';
import { resolveRepo } from './review/repo.ts';

const HELP = `Cách dùng: npm run report -- --campaign MÃ_ĐỢT [--github CHỦ/KHO] [--repo ĐƯỜNG_DẪN] [--out THƯ_MỤC] [--ballot-files]

Lập danh sách tổng hợp sáng kiến của một đợt phát động: mọi bài đang chờ (yêu cầu hợp nhất
từ nhánh cms/ trên GitHub, hoặc nhánh cms/ trong kho trên máy) và mọi bài đã công bố, kèm
đơn vị, tác giả, nội dung cải cách, lĩnh vực, mục tiêu, chỉ số, kết quả kiểm tra tự động và
trạng thái xét. Ghi ra:
  tong-hop-<đợt>.xlsx  bảng tính có cột chấm điểm theo tiêu chí và cột biểu quyết (dùng cho decide)
  tong-hop-<đợt>.csv   UTF-8 có BOM, mở được bằng Excel
  tong-hop-<đợt>.md    bảng Markdown

  --campaign MÃ_ĐỢT      mã đợt phát động, ví dụ 2024-tanh-linh (bắt buộc khi có nhiều đợt)
  --github CHỦ/KHO       lấy bài đang chờ từ GitHub (cần GITHUB_TOKEN); bài đã công bố lấy từ
                         bản sao nhánh chính trong thư mục hiện tại
  --api-url ĐỊA_CHỈ      địa chỉ API GitHub (GitHub Enterprise, máy chủ thử)
  --repo ĐƯỜNG_DẪN       kho git trên máy (mặc định: biến KHO_REPO, kho của npm start,
                         hoặc thư mục hiện tại)
  --base NHÁNH           nhánh chính (mặc định main)
  --out THƯ_MỤC          thư mục ghi kết quả (mặc định: bao-cao)
  --format DANH_SÁCH     các dạng cần ghi, cách nhau bằng dấu phẩy: xlsx,csv,md (mặc định cả ba)
  --ballot-files         ghi thêm mỗi thành viên Hội đồng một tệp phiếu chấm điểm và biểu quyết
                         (phieu-cham-<đợt>/phieu-<số>-<mã>.xlsx) để phát và thu lại;
                         decide đọc chúng bằng --ballots
  --replace              ghi đè cả bảng tính, phiếu đã có điểm, biểu quyết hay đề nghị nhập tay
                         mà bảng mới không giữ (không có tùy chọn này thì từ chối, không ghi gì)
  -h, --help             in hướng dẫn này

Lập lại bảng (có bài nộp muộn, bài vừa sửa) vào thư mục đã có bảng cũ: điểm, biểu quyết, ghi
chú và đề nghị đã nhập trong bảng cũ được so với bảng mới; điều gì bảng mới không giữ (chưa ghi
vào kho bằng npm run decide) thì lệnh dừng, nêu từng ô, không ghi tệp nào.

Ví dụ: npm run report -- --campaign 2024-tanh-linh --out bao-cao`;

const OPTIONS = {
  campaign: { type: 'string' },
  github: { type: 'string' },
  'api-url': { type: 'string' },
  repo: { type: 'string' },
  base: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  'ballot-files': { type: 'boolean' },
  replace: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS });
}

export async function main(argv: string[]): Promise<number> {
  const parsed = readCommandLine(() => parse(argv), HELP);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const formats = (values.format ?? 'xlsx,csv,md').split(',').map((item) => item.trim());
  const unknown = formats.filter((item) => !['xlsx', 'csv', 'md'].includes(item));
  if (unknown.length > 0) {
    console.error(`Định dạng không hỗ trợ: ${unknown.join(', ')} (chỉ có xlsx, csv, md).`);
    return 2;
  }
  try {
    const base = values.base ?? 'main';
    const source: SubmissionSource = values.github
      ? new GitHubSource(
          createClient({ baseUrl: values['api-url'] }),
          parseRepo(values.github),
          resolve(values.repo ?? '.'),
          base,
        )
      : new LocalGitSource(existingFolder(resolveRepo(values.repo), '--repo'), base);
    const report = await buildReport(source, values.campaign);
    const out = resolve(values.out ?? 'bao-cao');
    const stem = join(out, `tong-hop-${report.campaignId}`);
    const ballotFolder = join(out, `phieu-cham-${report.campaignId}`);
    const workbook = formats.includes('xlsx')
      ? { path: `${stem}.xlsx`, book: buildWorkbook(report) }
      : undefined;
    const ballots = values['ballot-files']
      ? buildBallotBooks(report).map(({ name, book }) => ({ path: join(ballotFolder, name), book }))
      : [];
    if (!values.replace)
      await refuseToLose([...(workbook ? [workbook] : []), ...ballots], report.campaignId);
    const written: string[] = [];
    const write = async (path: string, save: () => Promise<void> | void) => {
      try {
        mkdirSync(dirname(path), { recursive: true });
        await save();
      } catch (error) {
        const message = writeErrorMessage(shownPath(path), error);
        // A file where a folder should be is the command line's fault; a full disk is not.
        const code = (error as { code?: unknown } | undefined)?.code;
        throw ['EEXIST', 'ENOTDIR', 'EISDIR'].includes(String(code))
          ? new UsageError(message)
          : new UserError(message);
      }
      written.push(path);
    };
    if (workbook) await write(workbook.path, () => writeBook(workbook.book, workbook.path));
    if (formats.includes('csv'))
      await write(`${stem}.csv`, () => writeFileSync(`${stem}.csv`, toCsv(report)));
    if (formats.includes('md'))
      await write(`${stem}.md`, () => writeFileSync(`${stem}.md`, toMarkdown(report)));
    if (values['ballot-files']) {
      if (ballots.length === 0)
        console.error(
          `Đợt ${report.campaignId} chưa có danh sách Hội đồng nên chưa có phiếu để phát (${report.rosterPlace}).`,
        );
      for (const { path, book } of ballots) await write(path, () => writeBook(book, path));
    }
    const invalid = report.rows.filter((row) => row.errors.length > 0).length;
    console.log(
      `Đã tổng hợp ${report.rows.length} sáng kiến của đợt ${report.campaignId} (${invalid} cần sửa) từ ${report.source}:\n${written.map((path) => `  ${path}`).join('\n')}`,
    );
    return 0;
  } catch (error) {
    console.error(
      error instanceof UsageError || error instanceof WouldLose
        ? error.message
        : explainGitHubError(error, 'lập danh sách tổng hợp'),
    );
    return exitCodeOf(error);
  }
}

/** A path under the working folder as typed from there, any other in full. */
function shownPath(path: string): string {
  const from = relative(process.cwd(), path);
  return from && !from.startsWith('..') && !isAbsolute(from) ? from : path;
}

/** A workbook already in place whose typed cells the new one would not keep. */
class WouldLose extends Error {
  override name = 'WouldLose';
  readonly exitCode = EXIT.content;
}

/**
 * Refuse, before writing anything, to replace a workbook or ballot in which the committee
 * typed marks, votes, notes or proposals that the new one would not carry: they are
 * recorded nowhere else until `decide` reads them. A file that is no workbook is not
 * replaced either: it is not one `report` wrote.
 */
async function refuseToLose(
  books: readonly { path: string; book: ExcelJS.Workbook }[],
  campaignId: string,
): Promise<void> {
  const lost: string[] = [];
  for (const { path, book } of books) {
    if (!existsSync(path)) continue;
    const shown = shownPath(path);
    const old = new ExcelJS.Workbook();
    try {
      await old.xlsx.readFile(path);
    } catch {
      lost.push(`${shown}: không đọc được như một bảng tính .xlsx.`);
      continue;
    }
    const cells = lostEntries(old, book);
    if (cells.length === 0) continue;
    const listed = cells.slice(0, 5).map((cell) => `    ${cell}`);
    if (cells.length > 5) listed.push(`    … và ${cells.length - 5} ô khác.`);
    lost.push(`${shown}: ${cells.length} ô đã nhập mà bảng mới không giữ:\n${listed.join('\n')}`);
  }
  if (lost.length === 0) return;
  throw new WouldLose(
    `Không ghi đè, chưa ghi tệp nào: bảng cũ có điều đã nhập mà chưa ghi vào kho.\n${lost.map((item) => `  ${item}`).join('\n')}\nGhi phiếu vào kho trước (npm run decide -- --campaign ${campaignId} --sheet TỆP.xlsx), hoặc lập bảng mới ở thư mục khác (--out THƯ_MỤC), hoặc thêm --replace để ghi đè.`,
  );
}

if (isMain(import.meta)) {
  guardTerminal();
  process.exitCode = await main(process.argv.slice(2));
}
