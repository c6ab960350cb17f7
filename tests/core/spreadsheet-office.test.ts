/**
 * The project's CSV and XLSX files opened as a spreadsheet program opens them: the open data
 * (/du-lieu/initiatives.csv, written by the function its page calls) and `npm run report`'s CSV
 * and workbook, with titles, units, authors and notes that start like formulas. LibreOffice
 * imports every file in one run and saves each as XLSX, in which a cell is either a formula (with
 * the value LibreOffice computed) or a plain value; exceljs reads those back. Every hostile cell
 * must come back as the neutralised text (src/core/spreadsheet.ts), never as a formula or a
 * computed value, and the report's own totals must still be computed.
 *
 * The CSV files are imported with LibreOffice's default settings (comma, double quote,
 * formulas evaluated) except the character set, given as UTF-8: without a dialog LibreOffice
 * takes the system's and reads the byte order mark as three letters. The profile asks for
 * workbooks to be recalculated when opened, as Excel may: a total is then LibreOffice's own
 * sum, not the value the report cached in the file, which a control workbook with a wrong
 * cached value proves.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type Report } from '../../scripts/report/build.ts';
import { toCsv as reportCsv } from '../../scripts/report/csv.ts';
import { LocalGitSource } from '../../scripts/report/local-source.ts';
import { BALLOT_HEADER_ROW, writeXlsx } from '../../scripts/report/xlsx.ts';
import { criterionHeader } from '../../src/core/committee.ts';
import { BALLOT, HEADERS, SHEETS } from '../../src/documents/committee/columns.ts';
import { buildCatalog, type CatalogInput } from '../../src/lib/catalog.ts';
import { type Column, columns, toCsv as openDataCsv } from '../../src/lib/opendata.ts';
import { routes } from '../../src/lib/paths.ts';
import { requireProgram } from '../documents/render-check.ts';
import { recognisedAndAdopted, testCampaign, testInitiative } from '../support/catalog-fixture.ts';
import { makeRepo } from '../support/git-fixture.ts';

const run = promisify(execFile);
const project = resolve(import.meta.dirname, '../..');

/** Text a spreadsheet would run as a formula (OWASP "CSV injection"), each a title, unit, author. */
const HOSTILE = [
  '=1+1',
  '=HYPERLINK("http://x","y")',
  '+2+3',
  '-4+5',
  '@SUM(1,2)',
  '\t=1+1',
  '\r=1+1',
  "=cmd|' /C calc'!A0",
  ' =1+1',
  "'=1+1",
];

/**
 * What the cell must hold once opened: the text behind one apostrophe, written out here rather
 * than by the rule under test. LibreOffice keeps a carriage return inside a cell as a line feed.
 */
const opened = (text: string) => `'${text}`.replace('\r', '\n');

/**
 * The open data's catalog: one initiative per hostile text, in its title, its unit's name and
 * its author's name. The schema trims a leading tab or carriage return from a title, so the
 * hostile texts are set after it: the writer must be safe whatever its input.
 */
function hostileCatalog() {
  const base = testInitiative({ title: 'Sáng kiến thử nghiệm mở bằng bảng tính' });
  const input: CatalogInput = {
    campaigns: [testCampaign(2024, 'closed')],
    initiatives: HOSTILE.map((text, index) => ({
      id: `cong-thuc-${index + 1}`,
      data: {
        ...base,
        title: text,
        unit: `don-vi-${index + 1}`,
        authors: [{ ...(base.authors[0] as (typeof base.authors)[number]), name: text }],
      },
    })),
    units: HOSTILE.map((text, index) => ({
      id: `don-vi-${index + 1}`,
      data: { id: `don-vi-${index + 1}`, name: text, kind: 'commune' as const },
    })),
    ...recognisedAndAdopted('cong-thuc-1'),
  };
  return buildCatalog(input);
}

/** The report of the sample campaign, its first rows given the hostile texts, as report.test.ts does. */
function hostileReport(report: Report): Report {
  const [first, ...others] = report.campaign.rubric.criteria;
  if (!first) throw new Error('no criterion');
  return {
    ...report,
    campaign: {
      ...report.campaign,
      rubric: { ...report.campaign.rubric, criteria: [{ ...first, name: '=1+1' }, ...others] },
    },
    rows: report.rows.map((row, index) => {
      const text = HOSTILE[index];
      if (text === undefined) return row;
      return { ...row, title: text, unit: text, authors: [{ name: text }], note: text };
    }),
  };
}

/** LibreOffice's own profile, recalculating every .xlsx when it opens it. */
function writeProfile(folder: string): string {
  mkdirSync(join(folder, 'user'), { recursive: true });
  writeFileSync(
    join(folder, 'user', 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  return folder;
}

/** Every file opened and saved as XLSX in one LibreOffice run (starting it is most of the cost). */
async function openInLibreOffice(files: string[], outDir: string, profile: string) {
  await run(
    'soffice',
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--norestore',
      // 44 = comma, 34 = double quote, 76 = UTF-8; every other import option left as it is.
      '--infilter=CSV:44,34,76',
      '--convert-to',
      'xlsx',
      '--outdir',
      outDir,
      ...files,
    ],
    { timeout: 600_000 },
  );
}

async function readBook(path: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book;
}

/** The sheet's first row as texts, and a column's number by its header. */
function headerOf(sheet: ExcelJS.Worksheet, row = 1) {
  const headers = Array.from(sheet.getRow(row).values as unknown[], (value) =>
    typeof value === 'string' ? value : '',
  );
  return (header: string) => {
    const column = headers.indexOf(header);
    if (column < 1) throw new Error(`Không thấy cột "${header}" (${sheet.name})`);
    return column;
  };
}

/** A cell holding exactly `text` as a plain string: no formula, no computed value. */
function expectText(cell: ExcelJS.Cell, text: string, where: string) {
  expect(cell.formula, where).toBeUndefined();
  expect(cell.type, where).toBe(ExcelJS.ValueType.String);
  expect(cell.value, where).toBe(text);
}

/** Every formula cell of a book, with its sheet and address. */
function formulas(book: ExcelJS.Workbook) {
  const found: { sheet: string; row: number; column: number; cell: ExcelJS.Cell }[] = [];
  book.eachSheet((sheet) =>
    sheet.eachRow((row, number) =>
      row.eachCell((cell, column) => {
        if (cell.type === ExcelJS.ValueType.Formula)
          found.push({ sheet: sheet.name, row: number, column, cell });
      }),
    ),
  );
  return found;
}

describe('CSV and XLSX files opened in LibreOffice', () => {
  let report: Report;
  let openData: ExcelJS.Workbook;
  let listCsv: ExcelJS.Workbook;
  let workbook: ExcelJS.Workbook;
  let control: ExcelJS.Workbook;
  let unprotected: ExcelJS.Workbook;
  let openDataColumns: Column[];

  beforeAll(async () => {
    await requireProgram('soffice', 'libreoffice-calc-nogui');
    const folder = mkdtempSync(join(tmpdir(), 'kho-mo-bang-tinh-'));
    const source = join(folder, 'nguon');
    const out = join(folder, 'da-mo');
    mkdirSync(source);

    // The open data, by the function the page /du-lieu/initiatives.csv calls.
    openDataColumns = columns(routes.initiative);
    const abs = (path: string) => new URL(path, 'https://example.gov.vn').href;
    writeFileSync(
      join(source, 'initiatives.csv'),
      openDataCsv(hostileCatalog().initiatives, openDataColumns, abs),
    );

    report = hostileReport(
      await buildReport(new LocalGitSource(makeRepo(project, {}, true)), '2024-tanh-linh'),
    );
    writeFileSync(join(source, 'bao-cao.csv'), reportCsv(report));
    await writeXlsx(report, join(source, 'bao-cao-bang.xlsx'));

    // A workbook whose cached total is wrong: right after opening only if it was recalculated.
    const check = new ExcelJS.Workbook();
    const sheet = check.addWorksheet('Kiểm tra');
    sheet.getCell('A1').value = 1;
    sheet.getCell('B1').value = 2;
    sheet.getCell('C1').value = { formula: 'SUM(A1:B1)', result: 99 };
    await check.xlsx.writeFile(join(source, 'kiem-tinh-lai.xlsx'));
    // And a CSV written without the rule: what the hostile texts would do.
    writeFileSync(
      join(source, 'kiem-cong-thuc.csv'),
      `\uFEFF${HOSTILE.map((text) => `"${text.replaceAll('"', '""')}"`).join(',')}\r\n`,
    );

    await openInLibreOffice(
      [
        'initiatives.csv',
        'bao-cao.csv',
        'bao-cao-bang.xlsx',
        'kiem-tinh-lai.xlsx',
        'kiem-cong-thuc.csv',
      ].map((file) => join(source, file)),
      out,
      writeProfile(join(folder, 'ho-so-libreoffice')),
    );
    openData = await readBook(join(out, 'initiatives.xlsx'));
    listCsv = await readBook(join(out, 'bao-cao.xlsx'));
    workbook = await readBook(join(out, 'bao-cao-bang.xlsx'));
    control = await readBook(join(out, 'kiem-tinh-lai.xlsx'));
    unprotected = await readBook(join(out, 'kiem-cong-thuc.xlsx'));
  }, 600_000);

  it('recalculates the workbooks it opens (the control total is 3, not the cached 99)', () => {
    const cell = control.worksheets[0]?.getCell('C1');
    expect(cell?.formula).toBe('SUM(A1:B1)');
    expect(cell?.result).toBe(3);
  });

  it('runs a CSV cell starting with "=" as a formula when the text is not neutralised', () => {
    const row = unprotected.worksheets[0]?.getRow(1);
    const cell = (text: string) => row?.getCell(HOSTILE.indexOf(text) + 1);
    expect(cell('=1+1')?.formula).toBe('1+1');
    expect(cell('=1+1')?.result).toBe(2);
    expect(cell('=HYPERLINK("http://x","y")')?.formula).toBe('HYPERLINK("http://x","y")');
    expect(cell('=HYPERLINK("http://x","y")')?.result).toBe('y');
  });

  it('opens the open data CSV with every title, unit and author as the neutralised text', () => {
    const sheet = openData.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const header = (key: string) =>
      openDataColumns.find((column) => column.key === key)?.header ?? key;
    const column = headerOf(sheet);
    // Read as UTF-8, the Vietnamese header is whole.
    expect(column(header('title'))).toBeGreaterThan(0);
    const ids = sheet.getColumn(column(header('id'))).values.map(String);
    HOSTILE.forEach((text, index) => {
      const row = sheet.getRow(ids.indexOf(`cong-thuc-${index + 1}`));
      expect(row.number, text).toBeGreaterThan(1);
      for (const key of ['title', 'unitName', 'authors'])
        expectText(
          row.getCell(column(header(key))),
          opened(text),
          `${key}: ${JSON.stringify(text)}`,
        );
    });
    expect(sheet.rowCount).toBe(HOSTILE.length + 1);
    expect(formulas(openData)).toEqual([]);
  });

  it("opens the report's CSV with every title, unit, author and the criterion header as text", () => {
    const sheet = listCsv.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const [first] = report.campaign.rubric.criteria;
    if (!first) throw new Error('no criterion');
    const column = headerOf(sheet);
    expectText(
      sheet.getRow(1).getCell(column(opened(criterionHeader(first)))),
      opened(criterionHeader(first)),
      'tiêu chí',
    );
    HOSTILE.forEach((text, index) => {
      const row = sheet.getRow(index + 2);
      expect(row.getCell(column(HEADERS.index)).value, text).toBe(index + 1);
      for (const header of [HEADERS.title, HEADERS.unit, HEADERS.authors])
        expectText(row.getCell(column(header)), opened(text), `${header}: ${JSON.stringify(text)}`);
    });
    expect(sheet.rowCount).toBe(report.rows.length + 1);
    expect(formulas(listCsv)).toEqual([]);
  });

  it("opens the report's workbook with the hostile texts as text and its own totals computed", () => {
    const list = workbook.getWorksheet(SHEETS.list);
    if (!list) throw new Error('no list sheet');
    const column = headerOf(list);
    const criteria = report.campaign.rubric.criteria;
    const [first] = criteria;
    if (!first) throw new Error('no criterion');
    expectText(
      list.getRow(1).getCell(column(opened(criterionHeader(first)))),
      opened(criterionHeader(first)),
      'tiêu chí',
    );
    HOSTILE.forEach((text, index) => {
      const row = list.getRow(index + 2);
      for (const header of [HEADERS.title, HEADERS.unit, HEADERS.authors, HEADERS.note])
        expectText(row.getCell(column(header)), opened(text), `${header}: ${JSON.stringify(text)}`);
    });
    const ballots = workbook.worksheets.filter((sheet) =>
      String(sheet.getCell('A1').value ?? '').startsWith(BALLOT.title),
    );
    expect(ballots.length).toBe(report.campaign.committee?.members.length);
    for (const ballot of ballots)
      HOSTILE.forEach((text, index) => {
        const cell = ballot.getRow(BALLOT_HEADER_ROW + 1 + index).getCell(3);
        expectText(cell, opened(text), `${ballot.name}: ${JSON.stringify(text)}`);
      });

    // The only formulas are the report's: a total per line of the list, and of each ballot line.
    const total = column(HEADERS.total);
    const found = formulas(workbook);
    const totals = found.filter((each) => each.sheet === SHEETS.list);
    expect(totals.map((each) => [each.row, each.column])).toEqual(
      report.rows.map((_, index) => [index + 2, total]),
    );
    report.rows.forEach((row, index) => {
      const sum = criteria.reduce((all, criterion) => all + (row.scores[criterion.id] ?? 0), 0);
      const cell = list.getRow(index + 2).getCell(total);
      expect(cell.formula, row.slug).toMatch(/^SUM\([A-Z]+\d+:[A-Z]+\d+\)$/);
      expect(cell.result, row.slug).toBe(sum);
    });
    // The sample's decision scored most lines: the totals are not all zero.
    expect(totals.some((each) => Number(each.cell.result) > 0)).toBe(true);
    for (const each of found.filter((formula) => formula.sheet !== SHEETS.list)) {
      expect(ballots.map((ballot) => ballot.name)).toContain(each.sheet);
      expect(each.row).toBeGreaterThan(BALLOT_HEADER_ROW);
      // A blank ballot line totals to nothing; one pre-filled with recorded marks, to their sum.
      const line = workbook.getWorksheet(each.sheet)?.getRow(each.row);
      const marks = criteria
        .map((_, offset) => line?.getCell(4 + offset).value)
        .filter((value): value is number => typeof value === 'number');
      expect(each.cell.result ?? '', `${each.sheet} ${each.cell.address}`).toBe(
        marks.length === 0 ? '' : marks.reduce((sum, mark) => sum + mark, 0),
      );
    }
  });
});
