/**
 * What the committee typed into a workbook that `report` wrote: marks, votes and notes on
 * the ballots, the proposals of the list, the decision's number and dates. Running `report`
 * again (a late submission, a corrected entry) must not write over any of it unnoticed:
 * the cells are compared, by initiative and column, with the workbook about to be written.
 */
import type ExcelJS from 'exceljs';
import { nameKey } from '../../src/core/text.ts';
import { HEADERS, SHEETS } from '../../src/documents/committee/columns.ts';
import { isBallot } from '../decide/ballots.ts';
import { cellText } from '../decide/cells.ts';

/** One typed cell: where a person finds it, and what it says. */
interface Entry {
  where: string;
  text: string;
}

/** The list's columns the committee fills in; the others are the report's own. */
const LIST_INPUTS = [HEADERS.recognised, HEADERS.scope, HEADERS.replicate, HEADERS.note];
/** A ballot's columns the report fills itself; every other one is the member's. */
const BALLOT_OWN = [HEADERS.index, HEADERS.slug, HEADERS.title, HEADERS.total];
/** How far down a sheet the header row may have moved (a secretary may insert lines). */
const HEADER_SEARCH_ROWS = 20;

function headerRowOf(sheet: ExcelJS.Worksheet): number | undefined {
  for (let row = 1; row <= HEADER_SEARCH_ROWS; row += 1) {
    let found = false;
    sheet.getRow(row).eachCell((cell) => {
      if (nameKey(cellText(cell.value)) === nameKey(HEADERS.slug)) found = true;
    });
    if (found) return row;
  }
  return undefined;
}

/** Cells of the columns `inputs` accepts, keyed by sheet, initiative and column header. */
function tableEntries(
  sheet: ExcelJS.Worksheet,
  inputs: (header: string) => boolean,
  entries: Map<string, Entry>,
): void {
  const headerRow = headerRowOf(sheet);
  if (headerRow === undefined) return;
  const headers = new Map<number, string>();
  let slugColumn = 0;
  sheet.getRow(headerRow).eachCell((cell, column) => {
    const header = cellText(cell.value);
    if (nameKey(header) === nameKey(HEADERS.slug)) slugColumn = column;
    else if (header && inputs(header)) headers.set(column, header);
  });
  sheet.eachRow((row, number) => {
    if (number <= headerRow) return;
    const slug = cellText(row.getCell(slugColumn).value);
    for (const [column, header] of headers) {
      const text = cellText(row.getCell(column).value);
      if (!text) continue;
      // A line without its initiative's code is still someone's typing; its row stands in.
      const key = `${nameKey(sheet.name)}|${slug || `dòng ${number}`}|${nameKey(header)}`;
      entries.set(key, { where: `Trang "${sheet.name}", dòng ${number}, cột "${header}"`, text });
    }
  });
}

/** Every cell of `book` that a member or the secretary may have typed, with its text. */
export function committeeEntries(book: ExcelJS.Workbook): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  for (const sheet of book.worksheets) {
    if (isBallot(sheet)) {
      tableEntries(
        sheet,
        (header) => !BALLOT_OWN.some((own) => nameKey(own) === nameKey(header)),
        entries,
      );
    } else if (sheet.name === SHEETS.list) {
      tableEntries(
        sheet,
        (header) => LIST_INPUTS.some((input) => nameKey(input) === nameKey(header)),
        entries,
      );
    } else if (sheet.name === SHEETS.decision) {
      sheet.eachRow((row, number) => {
        const label = cellText(row.getCell(1).value);
        const text = cellText(row.getCell(2).value);
        if (label && text)
          entries.set(`${nameKey(sheet.name)}|${nameKey(label)}`, {
            where: `Trang "${sheet.name}", dòng ${number}, mục "${label}"`,
            text,
          });
      });
    }
  }
  return entries;
}

/**
 * Where `old` has typed text that `fresh` would not keep: a cell missing from the new
 * workbook, or holding something else. Empty when writing `fresh` loses nothing.
 */
export function lostEntries(old: ExcelJS.Workbook, fresh: ExcelJS.Workbook): string[] {
  const kept = committeeEntries(fresh);
  const lost: string[] = [];
  for (const [key, entry] of committeeEntries(old)) {
    if (kept.get(key)?.text !== entry.text) lost.push(`${entry.where}: "${entry.text}"`);
  }
  return lost;
}
