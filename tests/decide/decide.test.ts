import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { writeAtomically } from '../../scripts/decide/atomic.ts';
import { cellDate, cellNumber, cellYesNo } from '../../scripts/decide/cells.ts';
import { main, runDecide } from '../../scripts/decide.ts';
import { buildReport } from '../../scripts/report/build.ts';
import { HEADERS, MEMBER_HEADERS, SHEETS } from '../../scripts/report/columns.ts';
import { LocalGitSource } from '../../scripts/report/local-source.ts';
import { writeXlsx } from '../../scripts/report/xlsx.ts';
import { decisionSchema } from '../../src/schemas/index.ts';
import { makeRepo } from '../support/git-fixture.ts';

const project = resolve(import.meta.dirname, '../..');
const CAMPAIGN = '2024-tanh-linh';
const DECISION = `content/decisions/${CAMPAIGN}.yaml`;
const OWN = 'nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai'; // Trần Văn Hùng is an author and a member
const KIOSK = 'mau-day-du-kiosk-tra-cuu-ho-so-tai-bo-phan-mot-cua-huyen';
const LOW = 'phan-cong-cong-chuc-dau-moi-theo-nhom-thu-tuc-tai-xa-la-ngau'; // 2 for, 5 against

let root: string;
let sheet: string;
const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

beforeAll(async () => {
  root = makeRepo(project, {}, true);
  const report = await buildReport(new LocalGitSource(root), CAMPAIGN);
  sheet = join(mkdtempSync(join(tmpdir(), 'kho-sheet-')), 'tong-hop.xlsx');
  await writeXlsx(report, sheet);
});

type Edit = (book: ExcelJS.Workbook) => void;

/** Set a cell of the list sheet, found by initiative slug and header. */
function setCell(slug: string, header: string, value: ExcelJS.CellValue): Edit {
  return (book) => {
    const list = book.getWorksheet(SHEETS.list);
    if (!list) throw new Error('no list');
    const headers = Array.from(list.getRow(1).values as unknown[], (item) => String(item ?? ''));
    const exact = headers.indexOf(header);
    const column =
      exact > 0 ? exact : headers.findIndex((item) => item.startsWith(`${header} (tối đa`));
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
  let at = -1;
  list?.eachRow((row, number) => {
    if (row.getCell(2).value === slug) at = number;
  });
  return at;
}

async function edited(...edits: Edit[]): Promise<{ path: string; book: ExcelJS.Workbook }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(sheet);
  for (const edit of edits) edit(book);
  const path = join(mkdtempSync(join(tmpdir(), 'kho-edited-')), 'bang-cham.xlsx');
  await book.xlsx.writeFile(path);
  return { path, book };
}

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
});

describe('text that starts like a formula', () => {
  it('is written with an apostrophe and read back from the sheet unchanged', async () => {
    const decision = parse(readFileSync(join(project, DECISION), 'utf8'));
    decision.document.title = `+${decision.document.title}`;
    decision.members[2].position = `-${decision.members[2].position}`;
    decision.results[1].note = `=${decision.results[1].note}`;
    const repo = makeRepo(project, { [DECISION]: stringify(decision) }, true);
    const report = await buildReport(new LocalGitSource(repo), CAMPAIGN);
    const path = join(mkdtempSync(join(tmpdir(), 'kho-sheet-')), 'tong-hop.xlsx');
    await writeXlsx(report, path);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    expect(book.getWorksheet(SHEETS.members)?.getRow(4).getCell(3).value).toBe(
      `'${decision.members[2].position}`,
    );
    const before = decisionSchema.parse(decision);
    const result = await runDecide({ root: repo, campaign: CAMPAIGN, sheet: path, dryRun: true });
    expect(result.decision.members).toEqual(before.members);
    expect(result.decision.document).toEqual(before.document);
    expect(result.decision.results.find((item) => item.note?.startsWith('='))?.note).toBe(
      before.results[1]?.note,
    );
  });
});

describe('decide', () => {
  it('turns the report of an existing decision back into the same decision', async () => {
    const before = decisionSchema.parse(parse(readFileSync(join(root, DECISION), 'utf8')));
    const target = mkdtempSync(join(tmpdir(), 'kho-decide-'));
    mkdirSync(join(target, 'content'), { recursive: true });
    const result = await runDecide({ root, campaign: CAMPAIGN, sheet, dryRun: true });
    const sortResults = (list: typeof before.results) =>
      [...list].sort((a, b) => a.initiative.localeCompare(b.initiative));
    expect(sortResults(result.decision.results)).toEqual(sortResults(before.results));
    expect(result.decision.members).toEqual(before.members);
    expect(result.decision.document).toEqual(before.document);
    expect(result.decision.meetingOn).toBe(before.meetingOn);
    expect(result.written).toBe(false);
  });

  it('accepts a good sheet and writes a file the schema accepts, with recusal and grade worked out', async () => {
    const work = makeRepo(project, {}, true);
    const { path } = await edited(
      setCell(KIOSK, 'Tính mới, tính sáng tạo', 30),
      setCell(KIOSK, HEADERS.recognised, ''),
    );
    const result = await runDecide({ root: work, campaign: CAMPAIGN, sheet: path });
    const written = decisionSchema.parse(parse(readFileSync(join(work, DECISION), 'utf8')));
    const kiosk = written.results.find((item) => item.initiative === KIOSK);
    expect(kiosk?.scores.novelty).toBe(30);
    expect(kiosk?.grade).toBe('xuat-sac');
    expect(written.results.find((item) => item.initiative === OWN)?.recused).toEqual([
      'tran-van-hung',
    ]);
    expect(result.written).toBe(true);
    expect(readdirSync(join(work, 'content/decisions'))).toEqual([`${CAMPAIGN}.yaml`]);
  });

  it('matches a member to an author by name in NFC and any case', async () => {
    const work = makeRepo(project, {}, true);
    const { path } = await edited((book) => {
      const members = book.getWorksheet(SHEETS.members);
      members?.eachRow((row, number) => {
        if (number > 1 && row.getCell(2).value === 'Trần Văn Hùng')
          row.getCell(2).value = 'TRẦN VĂN HÙNG'.normalize('NFD');
      });
    });
    const result = await runDecide({ root: work, campaign: CAMPAIGN, sheet: path, dryRun: true });
    expect(result.decision.results.find((item) => item.initiative === OWN)?.recused).toEqual([
      'tran-van-hung',
    ]);
  });

  it('runs the full validator on the result before writing (a name typed without diacritics)', async () => {
    const work = makeRepo(project, {}, true);
    const before = hash(join(work, DECISION));
    const { path } = await edited((book) => {
      book.getWorksheet(SHEETS.members)?.eachRow((row, number) => {
        if (number > 1 && row.getCell(2).value === 'Trần Văn Hùng')
          row.getCell(2).value = 'Tran Van Hung';
      });
    });
    const error = await runDecide({ root: work, campaign: CAMPAIGN, sheet: path }).catch(
      (caught: unknown) => caught,
    );
    expect((error as { problems?: string[] }).problems?.join('\n')).toMatch(
      /Bộ kiểm tra từ chối quyết định: .*Thành viên "Trần Văn Hùng" là tác giả/,
    );
    expect(hash(join(work, DECISION))).toBe(before);
  });

  it.each<[string, Edit[], (row: (slug: string) => number) => string]>([
    [
      'a score over its maximum',
      [setCell(KIOSK, 'Tính mới, tính sáng tạo', 35)],
      (row) => `Dòng ${row(KIOSK)}, cột "Tính mới, tính sáng tạo": 35 vượt điểm tối đa 30.`,
    ],
    [
      'a score that is not a number',
      [setCell(KIOSK, 'Hiệu quả thiết thực', 'hai mươi')],
      (row) => `Dòng ${row(KIOSK)}, cột "Hiệu quả thiết thực": "hai mươi" không phải là số.`,
    ],
    [
      'too few votes',
      [setCell(KIOSK, HEADERS.votesFor, 3), setCell(KIOSK, HEADERS.votesAgainst, 1)],
      (row) =>
        `Dòng ${row(KIOSK)}, cột "Phiếu đồng ý": chỉ có 4 phiếu; cần ít nhất 5 trong 7 thành viên được biểu quyết (hai phần ba) tham gia biểu quyết.`,
    ],
    [
      'an author voting on their own initiative',
      [setCell(OWN, HEADERS.votesFor, 7)],
      (row) =>
        `Dòng ${row(OWN)}, cột "Phiếu đồng ý": có 7 phiếu nhưng chỉ 6 thành viên được biểu quyết: Trần Văn Hùng là tác giả của sáng kiến nên không được chấm điểm và biểu quyết.`,
    ],
    [
      'recognition without two thirds in favour',
      [setCell(LOW, HEADERS.recognised, 'Có')],
      (row) =>
        `Dòng ${row(LOW)}, cột "Đề nghị công nhận": được công nhận cần ít nhất 5/7 phiếu đồng ý (hai phần ba thành viên biểu quyết), mới có 2.`,
    ],
    [
      'an unknown scope',
      [setCell(KIOSK, HEADERS.scope, 'Cấp xã')],
      (row) =>
        `Dòng ${row(KIOSK)}, cột "Phạm vi ảnh hưởng được công nhận": "Cấp xã" không có trong danh mục phạm vi (Cấp cơ sở, Cấp huyện, Cấp tỉnh, Toàn quốc).`,
    ],
    [
      'an unknown role',
      [
        (b) => {
          const cell = b.getWorksheet(SHEETS.members)?.getRow(3).getCell(4);
          if (cell) cell.value = 'Cố vấn';
        },
      ],
      () =>
        `Trang "Hội đồng", dòng 3, cột "${MEMBER_HEADERS.role}": "Cố vấn" không phải vai trò trong Hội đồng (Chủ tịch Hội đồng, Phó Chủ tịch Hội đồng, Ủy viên, Ủy viên thư ký).`,
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
  ])(
    'rejects a sheet with %s, naming row and column, and writes nothing',
    async (_name, edits, message) => {
      const work = makeRepo(project, {}, true);
      const before = hash(join(work, DECISION));
      const { path, book: changed } = await edited(...edits);
      const error = await runDecide({ root: work, campaign: CAMPAIGN, sheet: path }).catch(
        (caught: unknown) => caught,
      );
      expect((error as { problems?: string[] }).problems ?? [String(error)]).toContain(
        message((slug) => rowOf(changed, slug)),
      );
      expect(hash(join(work, DECISION))).toBe(before);
      expect(readdirSync(join(work, 'content/decisions'))).toEqual([`${CAMPAIGN}.yaml`]);
    },
  );

  it('CLI: Vietnamese help, errors listed line by line, exit 1 and nothing written', async () => {
    const work = makeRepo(project, {}, true);
    const before = hash(join(work, DECISION));
    const { path } = await edited(
      setCell(KIOSK, 'Tính mới, tính sáng tạo', 35),
      setCell(OWN, HEADERS.votesFor, 7),
    );
    const lines: string[] = [];
    const original = { log: console.log, error: console.error };
    console.log = (text: string) => lines.push(text);
    console.error = (text: string) => lines.push(text);
    try {
      expect(await main(['--help'])).toBe(0);
      expect(await main(['--root', work, '--campaign', CAMPAIGN, '--sheet', path])).toBe(1);
      expect(
        await main([
          '--root',
          work,
          '--campaign',
          CAMPAIGN,
          '--sheet',
          join(work, 'khong-co.xlsx'),
        ]),
      ).toBe(1);
      expect(await main(['--root', work, '--campaign', CAMPAIGN])).toBe(2);
    } finally {
      Object.assign(console, original);
    }
    expect(lines[0]).toMatch(/^Cách dùng: npm run decide/);
    expect(lines[1]).toBe('Bảng chấm điểm có 2 lỗi, chưa ghi quyết định:');
    expect(lines[2]).toMatch(
      /^- Dòng \d+, cột "Tính mới, tính sáng tạo": 35 vượt điểm tối đa 30\.$/,
    );
    expect(lines[4]).toMatch(/^Không thấy bảng chấm điểm/);
    expect(hash(join(work, DECISION))).toBe(before);
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
