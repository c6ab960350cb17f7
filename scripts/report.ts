/**
 * `npm run report`: the consolidated list of a campaign ("tổng hợp") as XLSX,
 * CSV and Markdown, from GitHub or from a local repository.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { guardTerminal } from '../src/core/terminal.ts';
import { createClient, explainGitHubError, parseRepo } from './github/client.ts';
import { existingFolder, exitCodeOf, isMain, readCommandLine, UsageError } from './lib/cli.ts';
import { buildReport } from './report/build.ts';
import { toCsv } from './report/csv.ts';
import { GitHubSource } from './report/github-source.ts';
import { LocalGitSource } from './report/local-source.ts';
import { toMarkdown } from './report/markdown.ts';
import type { SubmissionSource } from './report/source.ts';
import { writeBallotFiles, writeXlsx } from './report/xlsx.ts';
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
  -h, --help             in hướng dẫn này

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
    mkdirSync(out, { recursive: true });
    const stem = join(out, `tong-hop-${report.campaignId}`);
    const written: string[] = [];
    if (formats.includes('xlsx')) {
      await writeXlsx(report, `${stem}.xlsx`);
      written.push(`${stem}.xlsx`);
    }
    if (formats.includes('csv')) {
      writeFileSync(`${stem}.csv`, toCsv(report));
      written.push(`${stem}.csv`);
    }
    if (formats.includes('md')) {
      writeFileSync(`${stem}.md`, toMarkdown(report));
      written.push(`${stem}.md`);
    }
    if (values['ballot-files']) {
      const files = await writeBallotFiles(report, join(out, `phieu-cham-${report.campaignId}`));
      if (files.length === 0)
        console.error(
          `Đợt ${report.campaignId} chưa có danh sách Hội đồng nên chưa có phiếu để phát (mục "Hội đồng xét sáng kiến" của đợt phát động).`,
        );
      written.push(...files);
    }
    const invalid = report.rows.filter((row) => row.errors.length > 0).length;
    console.log(
      `Đã tổng hợp ${report.rows.length} sáng kiến của đợt ${report.campaignId} (${invalid} cần sửa) từ ${report.source}:\n${written.map((path) => `  ${path}`).join('\n')}`,
    );
    return 0;
  } catch (error) {
    console.error(
      error instanceof UsageError
        ? error.message
        : explainGitHubError(error, 'lập danh sách tổng hợp'),
    );
    return exitCodeOf(error);
  }
}

if (isMain(import.meta)) {
  guardTerminal();
  process.exitCode = await main(process.argv.slice(2));
}
