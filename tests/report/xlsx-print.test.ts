import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type Report } from '../../scripts/report/build.ts';
import { LocalGitSource } from '../../scripts/report/local-source.ts';
import {
  BALLOT_HEADER_ROW,
  ballotFileName,
  writeBallotFiles,
  writeXlsx,
} from '../../scripts/report/xlsx.ts';
import { BALLOT, HEADERS, SHEETS } from '../../src/documents/committee/columns.ts';
import {
  a4Orientation,
  bodyText,
  convertToPdf,
  type PdfPage,
  readPages,
  renderPages,
  requireProgram,
  spaceless,
} from '../documents/render-check.ts';
import { makeRepo } from '../support/git-fixture.ts';

const project = resolve(import.meta.dirname, '../..');

/** "A1:Z18" → its last column and row, counted from 1. */
function areaEnd(area: string): { column: number; row: number } {
  const match = /^\$?A\$?1:\$?([A-Z]+)\$?(\d+)$/.exec(area);
  if (!match) throw new Error(`Vùng in không đọc được: ${area}`);
  const column = [...(match[1] ?? '')].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);
  return { column, row: Number(match[2]) };
}

/** Every page setting a printed sheet needs, read back from the file as a spreadsheet would. */
function expectPrintable(sheet: ExcelJS.Worksheet, headerRow: number) {
  const setup = sheet.pageSetup;
  expect(setup.paperSize, sheet.name).toBe(9);
  expect(setup.fitToPage, sheet.name).toBe(true);
  expect(setup.fitToWidth, sheet.name).toBe(1);
  expect(setup.fitToHeight, sheet.name).toBe(0);
  expect(setup.printTitlesRow, sheet.name).toBe(`${headerRow}:${headerRow}`);
  for (const side of ['left', 'right', 'top', 'bottom'] as const) {
    // Between 10 and 25 mm: room for the printer, not a third of the page.
    expect(setup.margins?.[side], `${sheet.name} ${side}`).toBeGreaterThanOrEqual(0.4);
    expect(setup.margins?.[side], `${sheet.name} ${side}`).toBeLessThanOrEqual(1);
  }
  const end = areaEnd(setup.printArea ?? '');
  expect(end.row, sheet.name).toBeGreaterThanOrEqual(sheet.actualRowCount);
  if (sheet.name !== SHEETS.list)
    expect(end.column, sheet.name).toBeGreaterThanOrEqual(sheet.actualColumnCount);
  // LibreOffice prints a row without a height on one line, over the next rows: a row whose
  // printed text wraps has one, at least a line for each of its cells' lines.
  sheet.eachRow((row) => {
    let lines = 0;
    row.eachCell((cell, column) => {
      if (!cell.alignment?.wrapText || column > end.column) return;
      lines = Math.max(lines, String(cell.value ?? '').split('\n').length);
    });
    if (lines > 0)
      expect(row.height, `${sheet.name}, dòng ${row.number}`).toBeGreaterThanOrEqual(lines * 12);
  });
}

/**
 * The scale at which a sheet fitted to the page's width prints: a column `w` characters wide
 * is about 7w + 5 pixels at 96 dpi in the default font.
 */
function printScale(sheet: ExcelJS.Worksheet): number {
  const setup = sheet.pageSetup;
  const paper = setup.orientation === 'landscape' ? 297 : 210;
  const inches = paper / 25.4 - (setup.margins?.left ?? 0) - (setup.margins?.right ?? 0);
  const printed = areaEnd(setup.printArea ?? '').column;
  let pixels = 0;
  for (let column = 1; column <= printed; column += 1)
    pixels += (sheet.getColumn(column).width ?? 9) * 7 + 5;
  return Math.min(1, (inches * 96) / pixels);
}

describe('report XLSX print set-up', () => {
  let report: Report;
  beforeAll(async () => {
    report = await buildReport(new LocalGitSource(makeRepo(project, {}, true)), '2024-tanh-linh');
  }, 120_000);

  it('prints every sheet of the consolidated workbook on A4, fitted to width, header rows repeated', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kho-xlsx-in-')), 'tong-hop.xlsx');
    await writeXlsx(report, path);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    expect(book.worksheets.length).toBeGreaterThan(4);
    for (const sheet of book.worksheets) {
      const ballot = String(sheet.getCell('A1').value ?? '').startsWith(BALLOT.title);
      expectPrintable(sheet, ballot ? BALLOT_HEADER_ROW : 1);
      expect(sheet.pageSetup.orientation, sheet.name).toBe(
        sheet.name === SHEETS.guide ? 'portrait' : 'landscape',
      );
    }
    const list = book.getWorksheet(SHEETS.list);
    if (!list) throw new Error('no list sheet');
    // The long texts wrap instead of running under the next column.
    expect(list.getRow(2).getCell(2).alignment?.wrapText).toBe(true);
    expect(list.getRow(1).getCell(1).alignment?.wrapText).toBe(true);
    expect(areaEnd(list.pageSetup.printArea ?? '').row).toBe(report.rows.length + 1);
    // In Excel's measure (Calibri) the committee's columns fit the page's width unshrunk.
    expect(printScale(list)).toBe(1);
    const printed = areaEnd(list.pageSetup.printArea ?? '').column;
    const headers = Array.from(list.getRow(1).values as unknown[], (value) => String(value ?? ''));
    for (const header of [
      HEADERS.title,
      HEADERS.authors,
      HEADERS.total,
      HEADERS.recognised,
      HEADERS.note,
    ])
      expect(headers.indexOf(header), header).toBeLessThanOrEqual(printed);
    // The working columns stay in the sheet, after the printed ones.
    for (const header of [HEADERS.slug, HEADERS.indicators, HEADERS.problems])
      expect(headers.indexOf(header), header).toBeGreaterThan(printed);
  });

  it('prints each separate ballot file the same way', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kho-xlsx-phieu-'));
    const files = await writeBallotFiles(report, folder);
    expect(files.length).toBe(report.campaign.committee?.members.length);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(
      join(folder, ballotFileName(0, report.campaign.committee?.members[0]?.id ?? '')),
    );
    const [sheet] = book.worksheets;
    if (!sheet) throw new Error('no ballot sheet');
    expectPrintable(sheet, BALLOT_HEADER_ROW);
    // A member reads the paper ballot: the page is not shrunk below 60%.
    expect(printScale(sheet)).toBeGreaterThanOrEqual(0.6);
    // The print area reaches the signature line under the last initiative.
    expect(areaEnd(sheet.pageSetup.printArea ?? '').row).toBe(
      BALLOT_HEADER_ROW + report.rows.length + 3,
    );
  });

  it('prints "Tổng hợp" through LibreOffice on A4 landscape at 9 points or more, every column on each page', async () => {
    await requireProgram('soffice', 'libreoffice-calc-nogui');
    await requireProgram('pdftoppm', 'poppler-utils');
    const folder = mkdtempSync(join(tmpdir(), 'kho-xlsx-ban-in-'));
    await writeXlsx(report, join(folder, 'tong-hop.xlsx'));
    await convertToPdf([join(folder, 'tong-hop.xlsx')], folder, join(folder, 'ho-so-libreoffice'));
    const pdf = join(folder, 'tong-hop.pdf');
    const pages = await readPages(pdf);
    const pictures = await renderPages(pdf, join(folder, 'trang'));
    expect(pictures.length).toBe(pages.length);
    const listPages = pages.flatMap((page, index) =>
      page.items.some((item) => item.text.includes(`${SHEETS.list} – trang`))
        ? [{ page, picture: pictures[index] }]
        : [],
    );
    expect(listPages.length).toBeGreaterThan(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(folder, 'tong-hop.xlsx'));
    const list = book.getWorksheet(SHEETS.list);
    if (!list) throw new Error('no list sheet');
    const printed = areaEnd(list.pageSetup.printArea ?? '').column;
    const headers = Array.from({ length: printed }, (_, index) =>
      String(list.getRow(1).getCell(index + 1).value ?? ''),
    );
    for (const [index, { page, picture }] of listPages.entries()) {
      const where = `${SHEETS.list}, trang ${index + 1}`;
      expect(a4Orientation(page), where).toBe('landscape');
      // pdf.js gives each piece of text its font size on the page, the fitting scale applied:
      // the smallest, headers and page number included, is 9 points (11-point text at 82%).
      const smallest = Math.min(...page.items.map((item) => item.height));
      expect(smallest, where).toBeGreaterThanOrEqual(9);
      expect(picture?.width, where).toBeGreaterThan(picture?.height ?? Infinity);
      expect(picture?.darkest, where).toBeLessThan(100);
      // Fitted to the width, not cut: every printed column's title is on every page, in order.
      const text = bodyText(page);
      let from = 0;
      for (const header of headers) {
        const at = text.indexOf(spaceless(header), from);
        expect(at, `${where}: ${header}`).toBeGreaterThanOrEqual(0);
        from = at + spaceless(header).length;
      }
      // Nothing runs off the right edge of the page.
      for (const item of page.items)
        expect(item.x + item.width, `${where}: ${item.text}`).toBeLessThanOrEqual(page.width);
    }
    // Every initiative is printed, each title whole (wrapped lines read in drawing order).
    const all = listPages.map(({ page }) => bodyText(page as PdfPage)).join('');
    for (const row of report.rows) expect(all, row.title).toContain(spaceless(row.title));
  }, 600_000);
});
