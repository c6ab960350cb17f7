import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { writeAtomically } from '../../scripts/decide/atomic.ts';
import { cellVote } from '../../scripts/decide/ballots.ts';
import { cellDate, cellNumber, cellText, cellYesNo } from '../../scripts/decide/cells.ts';
import { pathAtLine } from '../../scripts/decide/places.ts';
import {
  type DecideResult,
  main,
  ReplaceRefused,
  runDecide,
  summaryLines,
} from '../../scripts/decide.ts';
import { buildReport } from '../../scripts/report/build.ts';
import { LocalGitSource } from '../../scripts/report/local-source.ts';
import { ballotFileName, writeBallotFiles, writeXlsx } from '../../scripts/report/xlsx.ts';
import {
  ballotSheetName,
  DECISION_LABELS,
  HEADERS,
  SHEETS,
} from '../../src/documents/committee/columns.ts';
import { parseEntryText } from '../../src/model/read.ts';
import { type Decision, decisionSchema } from '../../src/schemas/index.ts';
import { parseFieldPath } from '../../src/validator/field-labels.ts';
import { validate } from '../../src/validator/index.ts';
import { makeRepo } from '../support/git-fixture.ts';
import { ballotOf, fillFromDecision, lineOf, mark } from './fill.ts';

const project = resolve(import.meta.dirname, '../..');
const CAMPAIGN = '2024-tanh-linh';
const CAMPAIGN_FILE = `content/campaigns/${CAMPAIGN}.md`;
const DECISION = `content/decisions/${CAMPAIGN}.yaml`;
const OWN = 'nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai'; // Trần Văn Hùng is an author and a member
const KIOSK = 'mau-day-du-kiosk-tra-cuu-ho-so-tai-bo-phan-mot-cua-huyen'; // 7 for
const LOW = 'phan-cong-cong-chuc-dau-moi-theo-nhom-thu-tuc-tai-xa-la-ngau'; // 2 for, 5 against
const ROSTER_PLACE = `danh sách Hội đồng của đợt (${CAMPAIGN_FILE}, mục "Hội đồng xét sáng kiến")`;
const KIOSK_SCORES = { novelty: 26, effectiveness: 27, applicability: 20, influence: 14 };

let root: string;
let recorded: Decision;
/** The report's workbook with every ballot filled so that it comes to the recorded decision. */
let filled: string;
const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function workbookOf(repo: string): Promise<string> {
  const report = await buildReport(new LocalGitSource(repo), CAMPAIGN);
  const path = join(mkdtempSync(join(tmpdir(), 'kho-sheet-')), 'tong-hop.xlsx');
  await writeXlsx(report, path);
  return path;
}

beforeAll(async () => {
  root = makeRepo(project, {}, true);
  recorded = decisionSchema.parse(parse(readFileSync(join(root, DECISION), 'utf8')));
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await workbookOf(root));
  fillFromDecision(book, recorded);
  filled = join(mkdtempSync(join(tmpdir(), 'kho-filled-')), 'tong-hop.xlsx');
  await book.xlsx.writeFile(filled);
});

type Edit = (book: ExcelJS.Workbook) => void;

/** Set a cell of the list sheet, found by initiative slug and header. */
function setCell(slug: string, header: string, value: ExcelJS.CellValue): Edit {
  return (book) => {
    const list = book.getWorksheet(SHEETS.list);
    if (!list) throw new Error('no list');
    const headers = Array.from(list.getRow(1).values as unknown[], (item) => String(item ?? ''));
    const column = headers.indexOf(header);
    const slugColumn = headers.indexOf(HEADERS.slug);
    let found = false;
    list.eachRow((row, number) => {
      if (number > 1 && row.getCell(slugColumn).value === slug) {
        row.getCell(column).value = value;
        found = true;
      }
    });
    if (!found || column < 1) throw new Error(`no cell ${slug}/${header}`);
  };
}

function rowOf(book: ExcelJS.Workbook, slug: string): number {
  const list = book.getWorksheet(SHEETS.list);
  const headers = Array.from(list?.getRow(1).values as unknown[], (item) => String(item ?? ''));
  const slugColumn = headers.indexOf(HEADERS.slug);
  let at = -1;
  list?.eachRow((row, number) => {
    if (row.getCell(slugColumn).value === slug) at = number;
  });
  return at;
}

/** Every member's line for an initiative, as the function says. */
const forEveryMember =
  (slug: string, line: (memberId: string, index: number) => Parameters<typeof mark>[3]): Edit =>
  (book) =>
    recorded.members.forEach((member, index) => {
      if (member.id === 'tran-van-hung' && slug === OWN) return;
      mark(book, member.id, slug, line(member.id, index));
    });

async function edited(...edits: Edit[]): Promise<{ path: string; book: ExcelJS.Workbook }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(filled);
  for (const edit of edits) edit(book);
  const path = join(mkdtempSync(join(tmpdir(), 'kho-edited-')), 'bang-cham.xlsx');
  await book.xlsx.writeFile(path);
  return { path, book };
}

async function refusal(work: string, path: string): Promise<string[]> {
  const error = await runDecide({ root: work, campaign: CAMPAIGN, sheet: path }).catch(
    (caught: unknown) => caught,
  );
  return (error as { problems?: string[] }).problems ?? [String(error)];
}

async function run(argv: string[]): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const original = { log: console.log, error: console.error };
  console.log = (text: string) => out.push(text);
  console.error = (text: string) => out.push(text);
  try {
    return { code: await main(argv), out };
  } finally {
    Object.assign(console, original);
  }
}

const byInitiative = (list: Decision['results']) =>
  [...list].sort((a, b) => a.initiative.localeCompare(b.initiative));

describe('cell readers', () => {
  it.each([
    [27, 27],
    ['27,5', 27.5],
    ['  ', undefined],
    [{ formula: 'SUM(A1:B1)', result: 90 }, 90],
  ])('cellNumber(%j) = %j', (value, expected) => {
    expect(cellNumber(value as ExcelJS.CellValue)).toEqual({ ok: true, value: expected });
  });
  it('cellNumber rejects words', () =>
    expect(cellNumber('hai mươi')).toEqual({ ok: false, shown: 'hai mươi' }));
  it('a date cell is echoed back as people read it, dd/mm/yyyy', () => {
    const date = new Date(Date.UTC(2024, 0, 20));
    expect(cellNumber(date)).toEqual({ ok: false, shown: '20/01/2024' });
    expect(cellNumber({ formula: 'TODAY()', result: date } as ExcelJS.CellValue)).toEqual({
      ok: false,
      shown: '20/01/2024',
    });
    // Late in the day in UTC is still that day: the cell has no zone.
    expect(cellText(new Date(Date.UTC(2024, 0, 20, 23, 30)))).toBe('20/01/2024 23:30');
    expect(cellDate({ formula: 'TODAY()', result: date } as ExcelJS.CellValue)).toBe('2024-01-20');
  });
  it.each([
    ['26/09/2024', '2024-09-26'],
    ['6/9/2024', '2024-09-06'],
    ['2024-09-26', '2024-09-26'],
    [new Date(Date.UTC(2024, 8, 26)), '2024-09-26'],
    ['tháng 9', undefined],
  ])('cellDate(%j) = %j', (value, expected) =>
    expect(cellDate(value as ExcelJS.CellValue)).toBe(expected),
  );
  it.each([
    ['Có', true],
    ['KHÔNG', false],
    ['', undefined],
    ['có lẽ', 'invalid'],
  ])('cellYesNo(%j) = %j', (value, expected) => expect(cellYesNo(value)).toBe(expected));
  it.each([
    ['Đồng ý', 'for'],
    ['không đồng ý', 'against'],
    ['', undefined],
    ['phân vân', 'invalid'],
  ])('cellVote(%j) = %j', (value, expected) => expect(cellVote(value)).toBe(expected));
});

describe('decide from the members ballots', () => {
  it('ballots that come to the recorded decision give that decision back, and nothing is written', async () => {
    const before = hash(join(root, DECISION));
    const result = await runDecide({ root, campaign: CAMPAIGN, sheet: filled });
    expect(byInitiative(result.decision.results)).toEqual(byInitiative(recorded.results));
    expect(result.decision.members).toEqual(recorded.members);
    expect(result.decision.document).toEqual(recorded.document);
    expect(result.decision.meetingOn).toBe(recorded.meetingOn);
    expect(result.diff).toEqual({ added: [], removed: [], changed: [], marksAdded: [], facts: [] });
    expect(result.written).toBe(false);
    expect(hash(join(root, DECISION))).toBe(before);
  });

  it('averages the members own marks to two decimals', async () => {
    const work = makeRepo(project, {}, true);
    const { path } = await edited(
      forEveryMember(KIOSK, (_id, index) => ({
        scores: { ...KIOSK_SCORES, novelty: index === 0 ? 30 : 26 },
        vote: 'for',
      })),
    );
    const result = await runDecide({ root: work, campaign: CAMPAIGN, sheet: path, replace: true });
    const kiosk = result.decision.results.find((item) => item.initiative === KIOSK);
    // (30 + 6 × 26) / 7 = 26.571…
    expect(kiosk?.scores.novelty).toBe(26.57);
    expect(result.written).toBe(true);
    const written = decisionSchema.parse(parse(readFileSync(join(work, DECISION), 'utf8')));
    expect(written.results.find((item) => item.initiative === KIOSK)?.scores.novelty).toBe(26.57);
  });

  it('4 of 7 in favour is not recognised when 5 are needed, and "Có" is refused', async () => {
    const work = makeRepo(project, {}, true);
    const fourOfSeven = forEveryMember(KIOSK, (_id, index) => ({
      scores: KIOSK_SCORES,
      vote: index < 4 ? 'for' : 'against',
    }));
    const { path } = await edited(fourOfSeven, setCell(KIOSK, HEADERS.recognised, ''));
    const result = await runDecide({ root: work, campaign: CAMPAIGN, sheet: path, replace: true });
    const kiosk = result.decision.results.find((item) => item.initiative === KIOSK);
    expect(kiosk).toMatchObject({ votesFor: 4, votesAgainst: 3, recognised: false });
    expect(kiosk?.grade).toBeUndefined();
    expect(summaryLines(result).find((line) => line.includes(KIOSK))).toContain(
      'đồng ý 4, không đồng ý 3; cần 5/7 (hai phần ba thành viên được biểu quyết); không được công nhận',
    );

    const proposed = await edited(fourOfSeven, setCell(KIOSK, HEADERS.recognised, 'Có'));
    expect(await refusal(work, proposed.path)).toContain(
      `Trang "Tổng hợp", dòng ${rowOf(proposed.book, KIOSK)}, cột "${HEADERS.recognised}": được công nhận cần ít nhất 5/7 phiếu đồng ý (hai phần ba thành viên được biểu quyết), mới có 4.`,
    );
  });

  it('a "Không" left from the last decision cannot overrule a vote that recognises', async () => {
    const work = makeRepo(project, {}, true);
    // The report pre-fills La Ngâu's "Không"; the committee then votes again, all in favour.
    const revote = forEveryMember(LOW, () => ({
      scores: { novelty: 20, effectiveness: 20, applicability: 20, influence: 10 },
      vote: 'for',
    }));
    const stale = await edited(revote);
    expect(stale.book.getWorksheet(SHEETS.list)?.getRow(rowOf(stale.book, LOW)).values).toContain(
      'Không',
    );
    expect(await refusal(work, stale.path)).toContain(
      `Trang "Tổng hợp", dòng ${rowOf(stale.book, LOW)}, cột "${HEADERS.recognised}": ghi "Không", nhưng 7/7 thành viên được biểu quyết đồng ý (cần 5) và tổng điểm bình quân 70 đạt điểm tối thiểu 50, nên theo phiếu sáng kiến được công nhận. Sửa thành "Có" hoặc để trống.`,
    );
    const cleared = await edited(revote, setCell(LOW, HEADERS.recognised, ''));
    const result = await runDecide({
      root: work,
      campaign: CAMPAIGN,
      sheet: cleared.path,
      dryRun: true,
      replace: true,
    });
    expect(result.decision.results.find((item) => item.initiative === LOW)).toMatchObject({
      votesFor: 7,
      recognised: true,
    });
  });

  it('a member-author is recused and shown; two thirds are of the six entitled', async () => {
    const result = await runDecide({ root, campaign: CAMPAIGN, sheet: filled, dryRun: true });
    const own = result.decision.results.find((item) => item.initiative === OWN);
    expect(own?.recused).toEqual(['tran-van-hung']);
    const line = summaryLines(result).find((item) => item.includes(OWN));
    expect(line).toContain('(6/6 thành viên chấm)');
    expect(line).toContain('cần 4/6');
    expect(line).toContain('không chấm (tác giả): Trần Văn Hùng');
  });

  it('refuses a ballot on which the author scores their own initiative', async () => {
    const work = makeRepo(project, {}, true);
    const before = hash(join(work, DECISION));
    const { path, book } = await edited((b) =>
      mark(b, 'tran-van-hung', OWN, {
        scores: { novelty: 30, effectiveness: 30, applicability: 25, influence: 15 },
        vote: 'for',
      }),
    );
    const ballot = ballotOf(book, 'tran-van-hung');
    expect(await refusal(work, path)).toContain(
      `Phiếu "${ballot.name}", dòng ${lineOf(ballot, OWN)}: Trần Văn Hùng là tác giả của sáng kiến "${OWN}" nên không chấm điểm, không biểu quyết; xóa điểm và biểu quyết ở dòng này.`,
    );
    expect(hash(join(work, DECISION))).toBe(before);
  });

  it('a member who did not take part lowers nothing; too few taking part is refused', async () => {
    const work = makeRepo(project, {}, true);
    const oneAway = await edited((b) => mark(b, 'nguyen-thi-bich-tram', KIOSK, {}));
    const result = await runDecide({
      root: work,
      campaign: CAMPAIGN,
      sheet: oneAway.path,
      dryRun: true,
    });
    expect(result.decision.results.find((item) => item.initiative === KIOSK)).toMatchObject({
      votesFor: 6,
      recognised: true,
    });
    const line = summaryLines(result).find((item) => item.includes(KIOSK));
    expect(line).toContain('(6/7 thành viên chấm)');
    expect(line).toContain('cần 5/7');
    expect(line).toContain('không tham gia: Nguyễn Thị Bích Trâm');

    const threeAway = await edited(
      forEveryMember(KIOSK, (_id, index) =>
        index < 4 ? { scores: KIOSK_SCORES, vote: 'for' } : {},
      ),
    );
    expect(await refusal(work, threeAway.path)).toContain(
      `Sáng kiến "${KIOSK}": chỉ 4 trong 7 thành viên được biểu quyết đã chấm và biểu quyết; cần ít nhất 5 (hai phần ba).`,
    );
  });
});

describe('the roster: a sheet whose members differ from it is refused', () => {
  it('a member row deleted from "Hội đồng" is refused, naming the member', async () => {
    const work = makeRepo(project, {}, true);
    const before = hash(join(work, DECISION));
    const { path } = await edited((book) => {
      const members = book.getWorksheet(SHEETS.members);
      members?.eachRow((row, number) => {
        if (row.getCell(2).value === 'Phạm Đức Long') members.spliceRows(number, 1);
      });
    });
    expect(await refusal(work, path)).toContain(
      `Trang "${SHEETS.members}" thiếu 1 thành viên có trong ${ROSTER_PLACE}: Phạm Đức Long (pham-duc-long).`,
    );
    expect(hash(join(work, DECISION))).toBe(before);
  });

  it('a missing ballot and a stranger on the sheet and on a ballot are refused by name', async () => {
    const work = makeRepo(project, {}, true);
    const { path } = await edited((book) => {
      book.removeWorksheet(ballotOf(book, 'pham-duc-long').id);
      const stranger = ballotOf(book, 'huynh-minh-quang');
      stranger.getCell(2, 2).value = 'nguoi-la';
      stranger.getCell(3, 2).value = 'Người Lạ';
      book.getWorksheet(SHEETS.members)?.addRow(['nguoi-la', 'Người Lạ', 'Cán bộ', 'Ủy viên']);
    });
    const problems = await refusal(work, path);
    expect(problems).toEqual(
      expect.arrayContaining([
        `Trang "${SHEETS.members}" có 1 người không có trong ${ROSTER_PLACE}: Người Lạ (nguoi-la).`,
        `Có 1 phiếu của người không có trong ${ROSTER_PLACE}: Người Lạ (nguoi-la).`,
        'Thiếu phiếu chấm của 2 thành viên: Phạm Đức Long (pham-duc-long), Huỳnh Minh Quang (huynh-minh-quang). Thành viên vắng vẫn có phiếu, để trống.',
      ]),
    );
  });

  it('matches the roster to authors by name with its accents, case aside', async () => {
    const filledFor = async (name: string) => {
      const campaign = readFileSync(join(project, CAMPAIGN_FILE), 'utf8').replace(
        'name: Trần Văn Hùng',
        `name: ${name}`,
      );
      const work = makeRepo(project, { [CAMPAIGN_FILE]: campaign }, true);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(await workbookOf(work));
      fillFromDecision(book, recorded);
      const path = join(mkdtempSync(join(tmpdir(), 'kho-accents-')), 'bang.xlsx');
      await book.xlsx.writeFile(path);
      return { work, path };
    };
    const upper = await filledFor('TRẦN VĂN HÙNG');
    const same = await runDecide({
      root: upper.work,
      campaign: CAMPAIGN,
      sheet: upper.path,
      dryRun: true,
    });
    expect(same.decision.results.find((item) => item.initiative === OWN)?.recused).toEqual([
      'tran-van-hung',
    ]);
    expect(same.decision.members.find((item) => item.id === 'tran-van-hung')?.name).toBe(
      'TRẦN VĂN HÙNG',
    );
    // "Hưng" is not the author "Hùng": he may score and vote, and the validator asks a person.
    const other = await filledFor('Trần Văn Hưng');
    const counted = await runDecide({
      root: other.work,
      campaign: CAMPAIGN,
      sheet: other.path,
      replace: true,
    });
    const own = counted.decision.results.find((item) => item.initiative === OWN);
    expect(own?.recused).toEqual([]);
    expect(counted.counts.find((item) => item.initiative === OWN)?.tally.entitled).toHaveLength(7);
    const report = await validate({ root: other.work, workers: 0 });
    const problems = report.files.find((file) => file.path === DECISION)?.problems ?? [];
    expect(problems.filter((problem) => problem.code === 'decision.recusal-alike')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringContaining(
          'Thành viên "Trần Văn Hưng" và tác giả "Trần Văn Hùng" chỉ khác nhau ở dấu.',
        ),
      }),
    ]);
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  });

  it('a campaign without a roster cannot be decided', async () => {
    const campaign = readFileSync(join(project, CAMPAIGN_FILE), 'utf8').replace(
      /\ncommittee:\n(?: {2}.*\n)+/,
      '\n',
    );
    expect(campaign).not.toContain('committee:');
    const work = makeRepo(project, { [CAMPAIGN_FILE]: campaign }, true);
    expect((await refusal(work, filled))[0]).toBe(
      `Đợt "${CAMPAIGN}" chưa có danh sách Hội đồng: ghi thành viên và vai trò ở mục "Hội đồng xét sáng kiến" của đợt (${CAMPAIGN_FILE}) hoặc "Hội đồng sáng kiến thường trực" của cơ quan tổ chức (content/organisers/ubnd-huyen-tanh-linh.yaml), rồi lập lại bảng bằng npm run report.`,
    );
  });
});

describe('ballots handed out as files of their own (report --ballot-files, decide --ballots)', () => {
  async function ballotFolder(repo: string): Promise<string> {
    const report = await buildReport(new LocalGitSource(repo), CAMPAIGN);
    const folder = mkdtempSync(join(tmpdir(), 'kho-phieu-'));
    const files = await writeBallotFiles(report, folder);
    expect(files.map((file) => basename(file))).toEqual(
      recorded.members.map((member, index) => ballotFileName(index, member.id)),
    );
    for (const [index, member] of recorded.members.entries()) {
      const path = join(folder, ballotFileName(index, member.id));
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(path);
      expect(book.worksheets).toHaveLength(1);
      fillFromDecision(book, recorded, member.id);
      await book.xlsx.writeFile(path);
    }
    return folder;
  }

  it('are read instead of the workbook pages and give the recorded decision back', async () => {
    const work = makeRepo(project, {}, true);
    const folder = await ballotFolder(work);
    // The consolidated workbook's own ballot pages stay blank: with --ballots they are not read.
    const blank = await workbookOf(work);
    const result = await runDecide({
      root: work,
      campaign: CAMPAIGN,
      sheet: blank,
      ballots: folder,
    });
    expect(byInitiative(result.decision.results)).toEqual(byInitiative(recorded.results));
    expect(result.written).toBe(false);
  });

  it('a ballot file missing or given twice is refused by name', async () => {
    const work = makeRepo(project, {}, true);
    const folder = await ballotFolder(work);
    const blank = await workbookOf(work);
    rmSync(join(folder, ballotFileName(2, 'pham-duc-long')));
    copyFileSync(
      join(folder, ballotFileName(0, 'nguyen-van-thanh')),
      join(folder, 'phieu-ban-sao.xlsx'),
    );
    const error = await runDecide({
      root: work,
      campaign: CAMPAIGN,
      sheet: blank,
      ballots: folder,
    }).catch((caught: unknown) => caught);
    expect((error as { problems?: string[] }).problems).toEqual(
      expect.arrayContaining([
        `Nguyễn Văn Thành (nguyen-van-thanh) có hai phiếu: "${ballotFileName(0, 'nguyen-van-thanh')} › ${ballotSheetName(0, 'Nguyễn Văn Thành')}" và "phieu-ban-sao.xlsx › ${ballotSheetName(0, 'Nguyễn Văn Thành')}".`,
        'Thiếu phiếu chấm của 1 thành viên: Phạm Đức Long (pham-duc-long). Thành viên vắng vẫn có phiếu, để trống.',
      ]),
    );
  });

  it('a missing ballot folder is a usage error', async () => {
    const result = await run([
      '--campaign',
      CAMPAIGN,
      '--sheet',
      filled,
      '--root',
      root,
      '--ballots',
      join(root, 'khong-co-phieu'),
    ]);
    expect(result.code).toBe(2);
    expect(result.out[0]).toContain(
      `Thư mục không tồn tại: "${join(root, 'khong-co-phieu')}" (--ballots).`,
    );
  });
});

describe('re-running decide on a decided campaign', () => {
  it('rows blanked: refused with the results it would drop; applied with --replace', async () => {
    const work = makeRepo(project, {}, true);
    const before = hash(join(work, DECISION));
    const { path } = await edited(forEveryMember(LOW, () => ({})));
    const error = await runDecide({ root: work, campaign: CAMPAIGN, sheet: path }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ReplaceRefused);
    const diff = (error as ReplaceRefused).result.diff;
    expect(diff?.removed.map((item) => item.initiative)).toEqual([LOW]);
    expect(diff?.changed).toEqual([]);
    expect(hash(join(work, DECISION))).toBe(before);

    const refused = await run(['--root', work, '--campaign', CAMPAIGN, '--sheet', path]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(
      `So với quyết định đã ghi (${join(work, DECISION)}):\n- ${LOW}: bỏ kết quả đã ghi (không được công nhận)`,
    );
    expect(refused.out.at(-1)).toMatch(/^Chưa ghi: .*chạy lại với --replace\.$/);
    expect(hash(join(work, DECISION))).toBe(before);

    const replaced = await run([
      '--root',
      work,
      '--campaign',
      CAMPAIGN,
      '--sheet',
      path,
      '--replace',
    ]);
    expect(replaced.code).toBe(0);
    const written = decisionSchema.parse(parse(readFileSync(join(work, DECISION), 'utf8')));
    expect(written.results.map((item) => item.initiative)).not.toContain(LOW);
    expect(written.results).toHaveLength(recorded.results.length - 1);
  });

  it('a changed result: the diff names the field, before and after', async () => {
    const work = makeRepo(project, {}, true);
    const { path } = await edited(
      forEveryMember(KIOSK, () => ({ scores: { ...KIOSK_SCORES, novelty: 30 }, vote: 'for' })),
    );
    const refused = await run(['--root', work, '--campaign', CAMPAIGN, '--sheet', path]);
    expect(refused.code).toBe(1);
    expect(refused.out.join('\n')).toContain(`~ ${KIOSK}: Tính mới, tính sáng tạo: 26 → 30`);
  });

  it('only new results: written without --replace', async () => {
    const without = {
      ...recorded,
      results: recorded.results.filter((item) => item.initiative !== LOW),
    };
    const work = makeRepo(project, { [DECISION]: stringify(without) }, true);
    const result: DecideResult = await runDecide({ root: work, campaign: CAMPAIGN, sheet: filled });
    expect(result.diff?.added.map((item) => item.initiative)).toEqual([LOW]);
    expect(result.written).toBe(true);
  });

  it('a decision file with its keys in another order is not a change', async () => {
    const reordered = {
      ...recorded,
      document: Object.fromEntries(Object.entries(recorded.document).reverse()),
      members: recorded.members.map((member) =>
        Object.fromEntries(Object.entries(member).reverse()),
      ),
      results: recorded.results.map((result) => ({
        ...result,
        recused: [...result.recused].reverse(),
      })),
    };
    const work = makeRepo(project, { [DECISION]: stringify(reordered) }, true);
    const before = hash(join(work, DECISION));
    const result = await runDecide({ root: work, campaign: CAMPAIGN, sheet: filled });
    expect(result.diff).toEqual({ added: [], removed: [], changed: [], marksAdded: [], facts: [] });
    expect(result.written).toBe(false);
    expect(hash(join(work, DECISION))).toBe(before);
  });

  it('a first decision: written, nothing to compare', async () => {
    const work = makeRepo(project, {}, true);
    rmSync(join(work, DECISION));
    const result = await runDecide({ root: work, campaign: CAMPAIGN, sheet: filled });
    expect(result.diff).toBeUndefined();
    expect(result.written).toBe(true);
    expect(readdirSync(join(work, 'content/decisions'))).toEqual([`${CAMPAIGN}.yaml`]);
  });
});

describe('text that starts like a formula', () => {
  it('is written with an apostrophe and read back unchanged', async () => {
    const decision = structuredClone(recorded);
    decision.document.title = `+${decision.document.title}`;
    const kioskIndex = decision.results.findIndex((item) => item.initiative === KIOSK);
    decision.results[kioskIndex] = {
      ...decision.results[kioskIndex],
      note: '=Ghi chú của Hội đồng',
    } as Decision['results'][number];
    const campaign = readFileSync(join(project, CAMPAIGN_FILE), 'utf8').replace(
      'position: Trưởng phòng Nội vụ',
      'position: "-Trưởng phòng Nội vụ"',
    );
    const repo = makeRepo(
      project,
      { [DECISION]: stringify(decision), [CAMPAIGN_FILE]: campaign },
      true,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await workbookOf(repo));
    expect(book.getWorksheet(SHEETS.members)?.getRow(4).getCell(3).value).toBe(
      `'-Trưởng phòng Nội vụ`,
    );
    fillFromDecision(book, recorded);
    const path = join(mkdtempSync(join(tmpdir(), 'kho-formula-')), 'bang.xlsx');
    await book.xlsx.writeFile(path);
    const result = await runDecide({ root: repo, campaign: CAMPAIGN, sheet: path, dryRun: true });
    expect(result.decision.members[2]?.position).toBe('-Trưởng phòng Nội vụ');
    expect(result.decision.document.title).toBe(decision.document.title);
    expect(result.decision.results.find((item) => item.initiative === KIOSK)?.note).toBe(
      '=Ghi chú của Hội đồng',
    );
  });
});

describe('mistakes on a ballot or a page, each named with its place, and nothing written', () => {
  const ballotPlace = (book: ExcelJS.Workbook, member: string, slug: string) => {
    const sheet = ballotOf(book, member);
    return `Phiếu "${sheet.name}", dòng ${lineOf(sheet, slug)}`;
  };
  it.each<[string, Edit[], (book: ExcelJS.Workbook) => string]>([
    [
      'a score over its maximum',
      [
        (b) =>
          mark(b, 'le-thi-kim-dung', KIOSK, {
            scores: { ...KIOSK_SCORES, novelty: 35 },
            vote: 'for',
          }),
      ],
      (b) =>
        `${ballotPlace(b, 'le-thi-kim-dung', KIOSK)}, cột "Tính mới, tính sáng tạo (tối đa 30)": 35 vượt điểm tối đa 30.`,
    ],
    [
      'a score that is not a number',
      [
        (b) =>
          mark(b, 'le-thi-kim-dung', KIOSK, {
            scores: { ...KIOSK_SCORES, effectiveness: 'hai mươi' },
            vote: 'for',
          }),
      ],
      (b) =>
        `${ballotPlace(b, 'le-thi-kim-dung', KIOSK)}, cột "Hiệu quả thiết thực (tối đa 30)": "hai mươi" không phải là số.`,
    ],
    [
      'a date typed in a score cell',
      [
        (b) =>
          mark(b, 'le-thi-kim-dung', KIOSK, {
            scores: { ...KIOSK_SCORES, effectiveness: new Date(Date.UTC(2024, 0, 20)) },
            vote: 'for',
          }),
      ],
      (b) =>
        `${ballotPlace(b, 'le-thi-kim-dung', KIOSK)}, cột "Hiệu quả thiết thực (tối đa 30)": "20/01/2024" không phải là số.`,
    ],
    [
      'a date typed in the vote cell',
      [
        (b) =>
          mark(b, 'le-thi-kim-dung', KIOSK, {
            scores: KIOSK_SCORES,
            vote: new Date(Date.UTC(2024, 0, 20)),
          }),
      ],
      (b) =>
        `${ballotPlace(b, 'le-thi-kim-dung', KIOSK)}, cột "Biểu quyết": "20/01/2024" — ghi "Đồng ý" hoặc "Không đồng ý".`,
    ],
    [
      'a line scored in part',
      [
        (b) =>
          mark(b, 'le-thi-kim-dung', KIOSK, {
            scores: { novelty: 20, effectiveness: 20 },
            vote: 'for',
          }),
      ],
      (b) =>
        `${ballotPlace(b, 'le-thi-kim-dung', KIOSK)}, cột "Khả năng áp dụng ngay (tối đa 25)": chưa có điểm (chấm đủ mọi tiêu chí, hoặc để trống cả dòng).`,
    ],
    [
      'a vote that is neither',
      [(b) => mark(b, 'le-thi-kim-dung', KIOSK, { scores: KIOSK_SCORES, vote: 'phân vân' })],
      (b) =>
        `${ballotPlace(b, 'le-thi-kim-dung', KIOSK)}, cột "Biểu quyết": "phân vân" — ghi "Đồng ý" hoặc "Không đồng ý".`,
    ],
    [
      'marks without a vote',
      [(b) => mark(b, 'le-thi-kim-dung', KIOSK, { scores: KIOSK_SCORES })],
      (b) =>
        `${ballotPlace(b, 'le-thi-kim-dung', KIOSK)}, cột "Biểu quyết": đã chấm điểm nhưng chưa biểu quyết ("Đồng ý" hoặc "Không đồng ý").`,
    ],
    [
      'an unknown scope',
      [setCell(KIOSK, HEADERS.scope, 'Cấp xã')],
      (b) =>
        `Trang "Tổng hợp", dòng ${rowOf(b, KIOSK)}, cột "${HEADERS.scope}": "Cấp xã" không có trong danh mục phạm vi (Cấp cơ sở, Cấp huyện, Cấp tỉnh, Toàn quốc).`,
    ],
    [
      'a meeting date that is not a date',
      [
        (b) => {
          const cell = b.getWorksheet(SHEETS.decision)?.getRow(6).getCell(2);
          if (cell) cell.value = 'cuối tháng 9';
        },
      ],
      () =>
        `Trang "Quyết định", dòng 6, mục "Ngày họp xét": "cuối tháng 9" không phải ngày (ghi dd/mm/yyyy).`,
    ],
  ])('%s', async (_name, edits, message) => {
    const work = makeRepo(project, {}, true);
    const before = hash(join(work, DECISION));
    const { path, book } = await edited(...edits);
    expect(await refusal(work, path)).toContain(message(book));
    expect(hash(join(work, DECISION))).toBe(before);
    expect(readdirSync(join(work, 'content/decisions'))).toEqual([`${CAMPAIGN}.yaml`]);
  });
});

describe('a refusal of the validator names where the secretary fixes it', () => {
  const titleOf = (slug: string) =>
    (
      parseEntryText(
        readFileSync(join(project, 'content/initiatives', slug, 'index.md'), 'utf8'),
        slug,
      ).data as { title: string }
    ).title;

  it('a zero-width character in the note: the list sheet, row and column, the initiative, the field', async () => {
    const work = makeRepo(project, {}, true);
    const before = hash(join(work, DECISION));
    const { path, book } = await edited(
      setCell(KIOSK, HEADERS.note, 'Đề nghị nhân rộng\u200b toàn huyện'),
    );
    const expected = `Bộ kiểm tra từ chối quyết định — Trang "${SHEETS.list}", dòng ${rowOf(book, KIOSK)}, cột "${HEADERS.note}" — sáng kiến "${titleOf(KIOSK)}" (${KIOSK}), mục "Ghi chú của hội đồng": Có ký tự rộng bằng không (U+200B): ký tự không nhìn thấy hoặc đổi chiều viết, hãy xóa.`;
    expect(await refusal(work, path)).toEqual([expected]);
    // What the secretary reads on the command line, and nothing is written.
    const printed = await run(['--root', work, '--campaign', CAMPAIGN, '--sheet', path]);
    expect(printed.code).toBe(1);
    expect(printed.out).toContain(`- ${expected}`);
    expect(hash(join(work, DECISION))).toBe(before);
  });

  it('a zero-width character in the decision title: the "Quyết định" page and its row', async () => {
    const work = makeRepo(project, {}, true);
    let row = 0;
    const { path } = await edited((b) => {
      b.getWorksheet(SHEETS.decision)?.eachRow((line, number) => {
        if (line.getCell(1).value !== DECISION_LABELS.title) return;
        line.getCell(2).value = `${String(line.getCell(2).value)}\u200b`;
        row = number;
      });
    });
    expect(row).toBeGreaterThan(0);
    expect(await refusal(work, path)).toEqual([
      `Bộ kiểm tra từ chối quyết định — Trang "${SHEETS.decision}", dòng ${row}, mục "${DECISION_LABELS.title}": Có ký tự rộng bằng không (U+200B): ký tự không nhìn thấy hoặc đổi chiều viết, hãy xóa.`,
    ]);
  });

  it('a line of the YAML text and a field path lead back to the same field', () => {
    const text = `# đầu tệp\ncampaign: x\nresults:\n  - initiative: a\n    note: "ghi chú"\n  - initiative: b\n    marks:\n      - member: m\n        scores:\n          novelty: 20\n`;
    expect(pathAtLine(text, 1)).toBeUndefined();
    expect(pathAtLine(text, 2)).toEqual(['campaign']);
    expect(pathAtLine(text, 5)).toEqual(['results', 0, 'note']);
    expect(pathAtLine(text, 10)).toEqual(['results', 1, 'marks', 0, 'scores', 'novelty']);
    expect(parseFieldPath('results[1].marks[0].scores.novelty')).toEqual([
      'results',
      1,
      'marks',
      0,
      'scores',
      'novelty',
    ]);
  });
});

describe('decide on the command line: 0 done, 1 content problem, 2 usage', () => {
  it('answers help, lists a sheet problem per line, and tells usage from content', async () => {
    const work = makeRepo(project, {}, true);
    const before = hash(join(work, DECISION));
    const { path } = await edited((b) =>
      mark(b, 'le-thi-kim-dung', KIOSK, { scores: { ...KIOSK_SCORES, novelty: 35 }, vote: 'for' }),
    );
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out[0]).toMatch(/^Cách dùng: npm run decide/);

    const sheetProblems = await run(['--root', work, '--campaign', CAMPAIGN, '--sheet', path]);
    expect(sheetProblems.code).toBe(1);
    expect(sheetProblems.out[0]).toBe('Bảng chấm điểm có 1 lỗi, chưa ghi quyết định:');
    expect(sheetProblems.out[1]).toMatch(/^- Phiếu "P2 Lê Thị Kim Dung", dòng \d+, cột "Tính mới/);

    const noSheet = await run([
      '--root',
      work,
      '--campaign',
      CAMPAIGN,
      '--sheet',
      join(work, 'khong-co.xlsx'),
    ]);
    expect(noSheet.code).toBe(2);
    expect(noSheet.out[0]).toMatch(/^Không thấy bảng chấm điểm ".*khong-co\.xlsx" \(--sheet\)\./);

    const wrongCampaign = await run([
      '--root',
      work,
      '--campaign',
      '2023-khong-co',
      '--sheet',
      path,
    ]);
    expect(wrongCampaign.code).toBe(2);
    expect(wrongCampaign.out[0]).toBe(
      `Không có đợt phát động "2023-khong-co". Các đợt hiện có: ${CAMPAIGN}, 2026-xa-tanh-linh.\nGõ --help để xem hướng dẫn.`,
    );

    const missingRoot = join(work, 'khong-co-thu-muc');
    const noRoot = await run(['--root', missingRoot, '--campaign', CAMPAIGN, '--sheet', path]);
    expect(noRoot.code).toBe(2);
    expect(noRoot.out[0]).toContain(`Thư mục không tồn tại: "${missingRoot}" (--root).`);
    expect(noRoot.out.join('\n')).not.toContain('đợt phát động');

    expect((await run(['--root', work, '--campaign', CAMPAIGN])).code).toBe(2);
    expect((await run(['--khong-co'])).code).toBe(2);
    expect(hash(join(work, DECISION))).toBe(before);
  });

  it('a sheet that is not a workbook is a content problem', async () => {
    const work = makeRepo(project, {}, true);
    const notBook = join(work, 'ghi-chu.xlsx');
    writeAtomically(notBook, 'không phải bảng tính\n');
    const result = await run(['--root', work, '--campaign', CAMPAIGN, '--sheet', notBook]);
    expect(result.code).toBe(1);
    expect(result.out[0]).toMatch(/không phải bảng tính Excel/);
  });
});

describe('atomic write', () => {
  it('replaces a file whole and leaves no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kho-atomic-'));
    writeAtomically(join(dir, 'a.yaml'), 'một\n');
    writeAtomically(join(dir, 'a.yaml'), 'hai\n');
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe('hai\n');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });
  it('on failure keeps the old state and removes its temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kho-atomic-'));
    mkdirSync(join(dir, 'a.yaml'));
    expect(() => writeAtomically(join(dir, 'a.yaml'), 'x')).toThrow();
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });
});
