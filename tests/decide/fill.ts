/**
 * Filling the members' ballots of a workbook the way a secretary does: find each
 * member's sheet by the id written on it, each line by initiative, each column by header.
 */
import type ExcelJS from 'exceljs';
import { BALLOT_HEADER_ROW } from '../../scripts/report/xlsx.ts';
import {
  BALLOT,
  HEADERS,
  MEMBER_HEADERS,
  VOTE_AGAINST,
  VOTE_FOR,
} from '../../src/documents/committee/columns.ts';
import type { Decision } from '../../src/schemas/index.ts';

export interface Line {
  /** A Date is a date typed into a score cell by mistake. */
  scores?: Record<string, number | string | Date>;
  /** A Date is a date typed into the vote cell by mistake. */
  vote?: 'for' | 'against' | string | Date;
}

export function ballotOf(book: ExcelJS.Workbook, memberId: string): ExcelJS.Worksheet {
  const sheet = book.worksheets.find(
    (item) =>
      String(item.getCell('A1').value ?? '').startsWith(BALLOT.title) &&
      item.getCell(2, 1).value === MEMBER_HEADERS.id &&
      item.getCell(2, 2).value === memberId,
  );
  if (!sheet) throw new Error(`no ballot for ${memberId}`);
  return sheet;
}

function headers(sheet: ExcelJS.Worksheet): string[] {
  return Array.from(sheet.getRow(BALLOT_HEADER_ROW).values as unknown[], (item) =>
    String(item ?? ''),
  );
}

/** The row of an initiative on a ballot. */
export function lineOf(sheet: ExcelJS.Worksheet, slug: string): number {
  const slugColumn = headers(sheet).indexOf(HEADERS.slug);
  let found = -1;
  sheet.eachRow((row, number) => {
    if (number > BALLOT_HEADER_ROW && row.getCell(slugColumn).value === slug) found = number;
  });
  if (found < 0) throw new Error(`no line ${slug} on ${sheet.name}`);
  return found;
}

/** Criterion ids → names, as the rubric of the sample campaign has them. */
export const CRITERIA: Record<string, string> = {
  novelty: 'Tính mới, tính sáng tạo',
  effectiveness: 'Hiệu quả thiết thực',
  applicability: 'Khả năng áp dụng ngay',
  influence: 'Phạm vi ảnh hưởng',
};

/** Write one member's line for one initiative; `undefined` values blank a cell. */
export function mark(book: ExcelJS.Workbook, memberId: string, slug: string, line: Line): void {
  const sheet = ballotOf(book, memberId);
  const row = sheet.getRow(lineOf(sheet, slug));
  const names = headers(sheet);
  for (const [id, name] of Object.entries(CRITERIA)) {
    const column = names.findIndex((header) => header.startsWith(`${name} (tối đa`));
    typed(row.getCell(column), line.scores?.[id] ?? null);
  }
  const vote =
    line.vote === 'for' ? VOTE_FOR : line.vote === 'against' ? VOTE_AGAINST : (line.vote ?? null);
  typed(row.getCell(names.indexOf(BALLOT.vote)), vote);
}

/** A value put in a cell as Excel does when it is typed: a date also turns the cell into a date cell. */
function typed(cell: ExcelJS.Cell, value: ExcelJS.CellValue): void {
  cell.value = value;
  if (value instanceof Date) cell.numFmt = 'dd/mm/yyyy';
}

/**
 * Ballots that come to a recorded decision: the members' own marks when the decision keeps
 * them; otherwise every member entitled to vote gives the recorded averages; the first `votesFor` of them vote for, the next `votesAgainst` against.
 */
export function fillFromDecision(
  book: ExcelJS.Workbook,
  decision: Decision,
  /** Fill only this member's ballot (a ballot file holds one member's page). */
  only?: string,
): void {
  for (const result of decision.results) {
    if (result.marks) {
      for (const line of result.marks) {
        if (only !== undefined && line.member !== only) continue;
        mark(book, line.member, result.initiative, { scores: line.scores, vote: line.vote });
      }
      continue;
    }
    const entitled = decision.members.filter((member) => !result.recused.includes(member.id));
    entitled.forEach((member, index) => {
      if (index >= result.votesFor + result.votesAgainst) return;
      if (only !== undefined && member.id !== only) return;
      mark(book, member.id, result.initiative, {
        scores: result.scores,
        vote: index < result.votesFor ? 'for' : 'against',
      });
    });
  }
}
