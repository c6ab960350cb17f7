/**
 * `npm run decide`: records the committee's decision for a campaign from the
 * filled-in scoring sheet into `content/decisions/<campaign>.yaml`.
 */

import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { stringify } from 'yaml';
import { contentPaths } from '../src/model/collections.ts';
import { loadContent } from '../src/model/files.ts';
import type { Decision } from '../src/schemas/index.ts';
import { writeAtomically } from './decide/atomic.ts';
import { decide, SheetError } from './decide/decide.ts';
import { UserError } from './github/client.ts';
import { runValidator } from './github/validator.ts';
import { isMain, readCommandLine } from './lib/cli.ts';

const HELP = `Cách dùng: npm run decide -- --campaign MÃ_ĐỢT --sheet TỆP.xlsx [--root ĐƯỜNG_DẪN] [--dry-run]

Ghi quyết định của Hội đồng cho một đợt phát động từ bảng chấm điểm (tệp .xlsx do
"npm run report" lập, đã điền điểm và phiếu) vào content/decisions/<đợt>.yaml.

Kiểm tra trước khi ghi:
  • điểm từng tiêu chí không vượt điểm tối đa của thang điểm đợt;
  • số phiếu: thành viên là tác giả của sáng kiến không biểu quyết (so khớp họ tên),
    ít nhất hai phần ba thành viên được biểu quyết tham gia, và "Có" công nhận cần ít nhất
    hai phần ba phiếu đồng ý;
  • mức xếp loại lấy theo tổng điểm và thang điểm của đợt.
Bảng có lỗi: in từng lỗi kèm dòng, cột; không ghi gì. Tệp quyết định được ghi trọn vẹn hoặc
giữ nguyên.

  --campaign ID   mã đợt phát động, ví dụ 2024-tanh-linh
  --sheet FILE    bảng chấm điểm .xlsx
  --root PATH     thư mục kho (mặc định: thư mục hiện tại)
  --dry-run       chỉ kiểm tra, không ghi tệp
  -h, --help      in hướng dẫn này

Ví dụ: npm run decide -- --campaign 2024-tanh-linh --sheet bao-cao/tong-hop-2024-tanh-linh.xlsx`;

export interface DecideResult {
  path: string;
  decision: Decision;
  written: boolean;
}

/**
 * Run the full validator on the new file in a copy of the content, so that the
 * cross-file rules (recusal, majority, references) agree before anything is written.
 */
async function checkWithValidator(root: string, campaign: string, text: string): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'kho-decide-'));
  try {
    cpSync(join(root, contentPaths.root), join(scratch, contentPaths.root), { recursive: true });
    const relative = `${contentPaths.decisions}/${campaign}.yaml`;
    mkdirSync(join(scratch, contentPaths.decisions), { recursive: true });
    writeFileSync(join(scratch, relative), text);
    const report = await runValidator({ root: scratch, paths: [relative] });
    const errors = report.findings.filter((finding) => finding.severity === 'error');
    if (errors.length > 0) {
      throw new SheetError(
        errors.map((finding) => `Bộ kiểm tra từ chối quyết định: ${finding.message}`),
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export async function runDecide(options: {
  root: string;
  campaign: string;
  sheet: string;
  dryRun?: boolean;
}): Promise<DecideResult> {
  if (!existsSync(options.sheet))
    throw new UserError(`Không thấy bảng chấm điểm "${options.sheet}".`);
  const content = await loadContent(options.root);
  const campaign = content.campaigns.find((item) => item.id === options.campaign);
  if (!campaign?.data) {
    const known = content.campaigns.map((item) => item.id).join(', ') || '(chưa có)';
    throw new UserError(
      campaign
        ? `Đợt phát động "${options.campaign}" có lỗi (chạy npm run validate để xem).`
        : `Không có đợt phát động "${options.campaign}". Các đợt hiện có: ${known}.`,
    );
  }
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.readFile(options.sheet);
  } catch {
    throw new UserError(
      `Không đọc được "${options.sheet}": tệp không phải bảng tính Excel (.xlsx).`,
    );
  }
  const initiatives = new Map(
    content.initiatives.map((item) => [
      item.id,
      {
        campaign: item.data?.campaign,
        authors: item.data?.authors.map((author) => author.name) ?? [],
      },
    ]),
  );
  const path = join(options.root, contentPaths.decisions, `${options.campaign}.yaml`);
  const previous = content.decisions.find((item) => item.id === options.campaign)?.data;
  const decision = decide({
    book,
    campaignId: options.campaign,
    campaign: campaign.data,
    scopeLevels: content.scopeLevels,
    initiatives,
    previous,
  });
  const header = `# Quyết định của Hội đồng xét sáng kiến, đợt ${options.campaign}. Ghi bằng "npm run decide" từ bảng ${basename(options.sheet)}.\n`;
  const text = header + stringify(decision, { lineWidth: 0 });
  await checkWithValidator(options.root, options.campaign, text);
  if (!options.dryRun) writeAtomically(path, text);
  return { path, decision, written: !options.dryRun };
}

const OPTIONS = {
  campaign: { type: 'string' },
  sheet: { type: 'string' },
  root: { type: 'string' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS });
}

export async function main(argv: string[]): Promise<number> {
  const parsed = readCommandLine(() => parse(argv), HELP);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (!values.campaign || !values.sheet) {
    console.error(`Thiếu --campaign hoặc --sheet.\n\n${HELP}`);
    return 2;
  }
  try {
    const result = await runDecide({
      root: resolve(values.root ?? '.'),
      campaign: values.campaign,
      sheet: resolve(values.sheet),
      dryRun: values['dry-run'],
    });
    const recognised = result.decision.results.filter((item) => item.recognised).length;
    console.log(
      `${result.written ? 'Đã ghi' : 'Bảng hợp lệ (chưa ghi)'} ${result.path}: ${result.decision.results.length} sáng kiến được xét, ${recognised} được công nhận.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof SheetError) {
      console.error(`Bảng chấm điểm có ${error.problems.length} lỗi, chưa ghi quyết định:`);
      for (const problem of error.problems) console.error(`- ${problem}`);
      return 1;
    }
    if (error instanceof UserError) {
      console.error(error.message);
      return 1;
    }
    console.error(
      `Không ghi được quyết định: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
}

if (isMain(import.meta)) process.exitCode = await main(process.argv.slice(2));
