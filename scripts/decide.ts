/**
 * `npm run decide`: records the committee's decision for a campaign from the
 * filled-in scoring sheet into `content/decisions/<campaign>.yaml`.
 */

import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { stringify } from 'yaml';
import { gradeName } from '../src/core/committee.ts';
import { formatNumber } from '../src/core/numbers.ts';
import { committeeOf } from '../src/core/organisers.ts';
import { guardTerminal } from '../src/core/terminal.ts';
import { viCollator } from '../src/core/text.ts';
import { SHEETS } from '../src/documents/committee/columns.ts';
import { collections, contentPaths, pathOf } from '../src/model/collections.ts';
import { type LoadedContent, loadContent } from '../src/model/files.ts';
import { rosterPlace } from '../src/model/roster.ts';
import type { Campaign, Decision, Grade } from '../src/schemas/index.ts';
import { parseFieldPath } from '../src/validator/field-labels.ts';
import { writeAtomically } from './decide/atomic.ts';
import { isBallot } from './decide/ballots.ts';
import {
  type Decided,
  decide,
  describePlace,
  type InitiativeCount,
  SheetError,
} from './decide/decide.ts';
import {
  type DecisionDiff,
  describeDiff,
  diffDecisions,
  isEmptyDiff,
  replacesDecided,
} from './decide/diff.ts';
import { pathAtLine } from './decide/places.ts';
import { UserError } from './github/client.ts';
import { runValidator } from './github/validator.ts';
import {
  EXIT,
  existingFile,
  existingFolder,
  isMain,
  readCommandLine,
  UsageError,
  unknownCampaign,
} from './lib/cli.ts';

const HELP = `Cách dùng: npm run decide -- --campaign MÃ_ĐỢT --sheet TỆP.xlsx [--ballots THƯ_MỤC] [--root ĐƯỜNG_DẪN] [--dry-run] [--replace]

Ghi quyết định của Hội đồng cho một đợt phát động từ bảng tính do "npm run report" lập
(mỗi thành viên một trang phiếu chấm điểm và biểu quyết, đã điền) vào
content/decisions/<đợt>.yaml.

Kiểm tra và tính trước khi ghi:
  • danh sách Hội đồng là dữ liệu của đợt (mục "Hội đồng xét sáng kiến" trong tệp đợt phát
    động, hoặc "Hội đồng sáng kiến thường trực" của cơ quan tổ chức): trang "Hội đồng" và các
    trang phiếu phải đúng những thành viên đó — thiếu hay thừa ai thì từ chối và nêu tên;
  • điểm từng tiêu chí không vượt điểm tối đa; mỗi dòng phiếu chấm đủ mọi tiêu chí và biểu
    quyết, hoặc để trống cả dòng (thành viên vắng);
  • thành viên là tác giả của sáng kiến không chấm, không biểu quyết (phiếu của họ ở dòng đó
    phải để trống); điểm bình quân tính trên các thành viên đã chấm;
  • công nhận cần ít nhất hai phần ba số thành viên được biểu quyết (cả Hội đồng trừ tác giả)
    đồng ý và đủ điểm tối thiểu; mức xếp loại theo tổng điểm bình quân.
Bảng có lỗi: in từng lỗi, không ghi gì. Đợt đã có quyết định: in các thay đổi (thêm, sửa,
bỏ); sửa hoặc bỏ kết quả đã ghi chỉ khi có --replace. Tệp được ghi trọn vẹn hoặc giữ nguyên.

  --campaign MÃ_ĐỢT   mã đợt phát động, ví dụ 2024-tanh-linh
  --sheet TỆP.xlsx    bảng tính .xlsx đã điền phiếu
  --root ĐƯỜNG_DẪN    thư mục kho (mặc định: thư mục hiện tại)
  --dry-run           chỉ kiểm tra, tính và in thay đổi, không ghi tệp
  --replace           cho phép thay kết quả đã quyết định
  --ballots THƯ_MỤC   phiếu phát riêng từng người (tệp .xlsx do "npm run report -- --ballot-files"
                      lập, đã điền); khi có, không đọc các trang phiếu trong bảng tổng hợp
  -h, --help          in hướng dẫn này

Mã thoát: 0 đã ghi (hoặc không có gì thay đổi); 1 bảng tính có lỗi, lệch danh sách Hội
đồng, hoặc sẽ thay kết quả đã quyết định mà thiếu --replace; 2 dùng sai lệnh (thiếu tùy
chọn, thư mục, tệp hay đợt không có).

Ví dụ: npm run decide -- --campaign 2024-tanh-linh --sheet bao-cao/tong-hop-2024-tanh-linh.xlsx`;

export interface DecideResult {
  path: string;
  decision: Decision;
  counts: InitiativeCount[];
  /** Against the decision already recorded; undefined when there was none. */
  diff?: DecisionDiff;
  /** The rubric's grades, to name a grade in the summary. */
  grades: readonly Pick<Grade, 'id' | 'name'>[];
  written: boolean;
}

/** A run that would change or drop decided results, without `--replace`: nothing written. */
export class ReplaceRefused extends Error {
  override name = 'ReplaceRefused';
  readonly exitCode = EXIT.content;
  readonly result: DecideResult;
  constructor(result: DecideResult) {
    super('Sẽ thay kết quả đã quyết định; cần --replace.');
    this.result = result;
  }
}

/**
 * Run the full validator on the new file in a copy of the content, so that the
 * cross-file rules (recusal, majority, references) agree before anything is written.
 * Each refusal names where the secretary fixes it: the validator speaks of the YAML
 * file, which does not exist yet, so its field or line is traced back to the workbook.
 */
async function checkWithValidator(
  root: string,
  campaign: string,
  text: string,
  placeOf: Decided['placeOf'],
): Promise<void> {
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
        errors.map((finding) => {
          const own = finding.file.replaceAll('\\', '/').endsWith(relative);
          const path = !own
            ? undefined
            : finding.field !== undefined
              ? parseFieldPath(finding.field)
              : finding.line !== undefined
                ? pathAtLine(text, finding.line)
                : undefined;
          const line = finding.line === undefined ? '' : `, dòng ${finding.line}`;
          const where =
            path && path.length > 0
              ? describePlace(placeOf(path))
              : own
                ? `Tệp quyết định sẽ ghi (${relative}${line})`
                : `Tệp ${finding.file}${line}`;
          return `Bộ kiểm tra từ chối quyết định — ${where}: ${finding.message}`;
        }),
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The campaign with the committee that reviews it: its own, else its organiser's standing one. */
function withCommittee(campaign: Campaign, content: LoadedContent): Campaign {
  const organiser = content.organisers.find((item) => item.id === campaign.organiser)?.data;
  return { ...campaign, committee: committeeOf(campaign, organiser) };
}

export async function runDecide(options: {
  root: string;
  campaign: string;
  sheet: string;
  dryRun?: boolean;
  replace?: boolean;
  /** A folder of ballots handed out as files, one per member. */
  ballots?: string;
}): Promise<DecideResult> {
  existingFolder(options.root, '--root');
  existingFile(options.sheet, '--sheet', 'bảng chấm điểm');
  if (options.ballots !== undefined) existingFolder(options.ballots, '--ballots');
  const content = await loadContent(options.root);
  const campaign = content.campaigns.find((item) => item.id === options.campaign);
  if (!campaign)
    throw unknownCampaign(
      options.campaign,
      content.campaigns.map((item) => item.id),
    );
  if (!campaign.data)
    throw new UserError(
      `Đợt phát động "${options.campaign}" có lỗi (chạy npm run validate để xem).`,
    );
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.readFile(options.sheet);
  } catch {
    throw new UserError(
      `Không đọc được "${options.sheet}": tệp không phải bảng tính Excel (.xlsx).`,
    );
  }
  const ballotFiles =
    options.ballots === undefined ? undefined : await readBallotFiles(options.ballots);
  const known: string[] = [SHEETS.list, SHEETS.members, SHEETS.decision];
  if (!book.worksheets.some((sheet) => known.includes(sheet.name) || isBallot(sheet)))
    throw new UserError(
      `"${options.sheet}" không phải bảng tính do "npm run report" lập: không có trang ${known.map((name) => `"${name}"`).join(', ')} hay trang phiếu nào.`,
    );
  const initiatives = new Map(
    content.initiatives.map((item) => [
      item.id,
      {
        campaign: item.data?.campaign,
        authors: item.data?.authors.map((author) => author.name) ?? [],
        ...(item.data?.title ? { title: item.data.title } : {}),
      },
    ]),
  );
  const path = join(options.root, contentPaths.decisions, `${options.campaign}.yaml`);
  const existing = content.decisions.find((item) => item.id === options.campaign);
  if (existing && !existing.data && !options.replace && !options.dryRun)
    throw new UserError(
      `Tệp quyết định ${pathOf(collections.decisions, options.campaign)} đang có lỗi nên không so được thay đổi; chạy npm run validate để xem, hoặc thêm --replace để thay cả tệp.`,
    );
  const previous = existing?.data;
  const organiser = content.organisers.find((item) => item.id === campaign.data?.organiser);
  const { decision, counts, placeOf } = decide({
    book,
    campaignId: options.campaign,
    campaign: withCommittee(campaign.data, content),
    rosterPlace: rosterPlace(options.campaign, campaign.data, organiser?.data),
    scopeLevels: content.scopeLevels,
    initiatives,
    previous,
    ballotFiles,
  });
  const header = `# Quyết định của Hội đồng xét sáng kiến, đợt ${options.campaign}. Ghi bằng "npm run decide" từ bảng ${basename(options.sheet)}.\n`;
  const text = header + stringify(decision, { lineWidth: 0 });
  await checkWithValidator(options.root, options.campaign, text, placeOf);
  const diff = previous ? diffDecisions(previous, decision, campaign.data.rubric) : undefined;
  const result: DecideResult = {
    path,
    decision,
    counts,
    diff,
    grades: campaign.data.rubric.grades,
    written: false,
  };
  if (options.dryRun || (diff && isEmptyDiff(diff))) return result;
  if (diff && replacesDecided(diff) && !options.replace) throw new ReplaceRefused(result);
  writeAtomically(path, text);
  return { ...result, written: true };
}

/** Every workbook of a ballot folder, by name; lock files and hidden files are not ballots. */
async function readBallotFiles(
  folder: string,
): Promise<{ file: string; book: ExcelJS.Workbook }[]> {
  const names = readdirSync(folder)
    .filter((name) => /\.xlsx$/i.test(name) && !name.startsWith('.') && !name.startsWith('~$'))
    .sort(viCollator.compare);
  if (names.length === 0)
    throw new UserError(`Thư mục phiếu "${folder}" (--ballots) không có tệp .xlsx nào.`);
  const files: { file: string; book: ExcelJS.Workbook }[] = [];
  for (const name of names) {
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.readFile(join(folder, name));
    } catch {
      throw new UserError(
        `Không đọc được phiếu "${name}" trong "${folder}": tệp không phải bảng tính Excel (.xlsx).`,
      );
    }
    files.push({ file: name, book });
  }
  return files;
}

/** The committee's counting, one line per initiative, in Vietnamese. */
export function summaryLines(result: DecideResult): string[] {
  const names = (members: readonly { name: string }[]) =>
    members.map((member) => member.name).join(', ');
  return result.counts.map((count) => {
    const { tally } = count;
    const voting = tally.entitled.length;
    const parts = [
      `điểm bình quân ${formatNumber(tally.total)} (${tally.scorers.length}/${voting} thành viên chấm)`,
      `đồng ý ${tally.votesFor}, không đồng ý ${tally.votesAgainst}; cần ${tally.needed}/${voting} (hai phần ba thành viên được biểu quyết)`,
      count.recognised
        ? `được công nhận${count.grade ? `, ${gradeName(result.grades, count.grade)}` : ''}`
        : 'không được công nhận',
    ];
    if (tally.recused.length) parts.push(`không chấm (tác giả): ${names(tally.recused)}`);
    if (tally.absent.length) parts.push(`không tham gia: ${names(tally.absent)}`);
    return `- ${count.initiative}: ${parts.join('; ')}.`;
  });
}

const OPTIONS = {
  campaign: { type: 'string' },
  sheet: { type: 'string' },
  root: { type: 'string' },
  'dry-run': { type: 'boolean' },
  replace: { type: 'boolean' },
  ballots: { type: 'string' },
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
      replace: values.replace,
      ballots: values.ballots === undefined ? undefined : resolve(values.ballots),
    });
    report(result, values.campaign, values['dry-run'] === true);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ReplaceRefused) {
      report(error.result, values.campaign, false);
      console.error(
        `Chưa ghi: lần chạy này sửa hoặc bỏ kết quả đã quyết định của đợt ${values.campaign}. Xem các thay đổi ở trên; nếu đúng, chạy lại với --replace.`,
      );
      return error.exitCode;
    }
    if (error instanceof SheetError) {
      console.error(`Bảng chấm điểm có ${error.problems.length} lỗi, chưa ghi quyết định:`);
      for (const problem of error.problems) console.error(`- ${problem}`);
      return EXIT.content;
    }
    if (error instanceof UsageError) {
      console.error(`${error.message}\nGõ --help để xem hướng dẫn.`);
      return error.exitCode;
    }
    if (error instanceof UserError) {
      console.error(error.message);
      return EXIT.content;
    }
    console.error(
      `Không ghi được quyết định: ${error instanceof Error ? error.message : String(error)}`,
    );
    return EXIT.content;
  }
}

function report(result: DecideResult, campaignId: string, dryRun: boolean): void {
  const recognised = result.decision.results.filter((item) => item.recognised).length;
  console.log(
    `Hội đồng ${result.decision.members.length} thành viên; ${result.decision.results.length} sáng kiến được xét, ${recognised} được công nhận:`,
  );
  for (const line of summaryLines(result)) console.log(line);
  if (result.diff) {
    const lines = describeDiff(result.diff);
    console.log(
      lines.length
        ? `So với quyết định đã ghi (${result.path}):\n${lines.join('\n')}`
        : `Không có gì thay đổi so với quyết định đã ghi (${result.path}).`,
    );
  }
  if (result.written) console.log(`Đã ghi ${result.path} (đợt ${campaignId}).`);
  else if (dryRun) {
    console.log(`Chỉ kiểm tra (--dry-run): chưa ghi ${result.path}.`);
    if (result.diff && replacesDecided(result.diff))
      console.log('Khi ghi thật sẽ cần --replace: lần chạy này sửa hoặc bỏ kết quả đã quyết định.');
  }
}

if (isMain(import.meta)) {
  guardTerminal();
  process.exitCode = await main(process.argv.slice(2));
}
