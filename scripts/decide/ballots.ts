/**
 * The members' own ballots ("phiếu chấm điểm và biểu quyết"), one sheet each: read line
 * by line, with Vietnamese messages naming the ballot, the row and the column.
 */

import type ExcelJS from 'exceljs';
import { readCriterionHeader } from '../../src/core/committee.ts';
import { formatNumber } from '../../src/core/numbers.ts';
import { nameKey } from '../../src/core/text.ts';
import {
  BALLOT,
  HEADERS,
  MEMBER_HEADERS,
  VOTE_AGAINST,
  VOTE_FOR,
} from '../../src/documents/committee/columns.ts';
import type { Criterion } from '../../src/schemas/index.ts';
import { cellNumber, cellText } from './cells.ts';

export interface BallotLine {
  row: number;
  slug: string;
  /** Every criterion's mark, or nothing when the line is blank. */
  scores?: Record<string, number>;
  vote?: 'for' | 'against';
}

export interface Ballot {
  /** The sheet's name, for messages. */
  sheet: string;
  /** As written on the ballot: the member's id and name. */
  memberId: string;
  memberName: string;
  /** Lines with marks or a vote; blank lines are left out. */
  lines: BallotLine[];
  /** Column headers as written, for messages: each criterion's by its id, and the vote's. */
  headers: { criteria: Record<string, string>; vote: string };
}

/** How far down a ballot the header row may have moved (a secretary may insert lines). */
const HEADER_SEARCH_ROWS = 20;

/** True when the sheet is a ballot: its first cell is the ballot's title. */
export function isBallot(sheet: ExcelJS.Worksheet): boolean {
  return nameKey(cellText(sheet.getCell('A1').value)).startsWith(nameKey(BALLOT.title));
}

/** "Đồng ý" / "Không đồng ý" (and the yes/no of the list sheet), or blank. */
export function cellVote(value: ExcelJS.CellValue): 'for' | 'against' | undefined | 'invalid' {
  const text = nameKey(cellText(value));
  if (text === '') return undefined;
  if ([VOTE_FOR, 'có', 'x'].some((word) => nameKey(word) === text)) return 'for';
  if ([VOTE_AGAINST, 'không'].some((word) => nameKey(word) === text)) return 'against';
  return 'invalid';
}

function readIdentity(sheet: ExcelJS.Worksheet, headerRow: number) {
  const found = new Map<string, string>();
  for (let row = 2; row < headerRow; row += 1) {
    const label = nameKey(cellText(sheet.getCell(row, 1).value));
    if (label) found.set(label, cellText(sheet.getCell(row, 2).value));
  }
  return {
    id: found.get(nameKey(MEMBER_HEADERS.id)) ?? '',
    name: found.get(nameKey(MEMBER_HEADERS.name)) ?? '',
  };
}

function readBallot(
  sheet: ExcelJS.Worksheet,
  criteria: readonly Criterion[],
  problems: string[],
  file?: string,
): Ballot | undefined {
  const label = file ? `${file} › ${sheet.name}` : sheet.name;
  const where = `Phiếu "${label}"`;
  let headerRow = 0;
  for (let row = 1; row <= HEADER_SEARCH_ROWS && !headerRow; row += 1) {
    sheet.getRow(row).eachCell((cell) => {
      if (nameKey(cellText(cell.value)) === nameKey(HEADERS.slug)) headerRow = row;
    });
  }
  if (!headerRow) {
    problems.push(`${where}: không thấy dòng tiêu đề có cột "${HEADERS.slug}".`);
    return undefined;
  }
  const identity = readIdentity(sheet, headerRow);
  if (!identity.id && !identity.name) {
    problems.push(`${where}: thiếu "${MEMBER_HEADERS.id}" của người chấm (ô B2).`);
    return undefined;
  }
  const headers = new Map<number, string>();
  sheet.getRow(headerRow).eachCell((cell, column) => {
    const text = cellText(cell.value);
    if (text) headers.set(column, text);
  });
  const find = (header: string) =>
    [...headers].find(([, text]) => nameKey(text) === nameKey(header))?.[0];
  const slugColumn = find(HEADERS.slug) as number;
  const voteColumn = find(BALLOT.vote);
  if (voteColumn === undefined) problems.push(`${where}: thiếu cột "${BALLOT.vote}".`);
  const criterionColumns = criteria.map((criterion) => {
    const named = (withMax: boolean) =>
      [...headers].find(([, header]) => {
        const read = readCriterionHeader(header);
        return read.withMax === withMax && nameKey(read.name) === nameKey(criterion.name);
      })?.[0];
    const column = named(true) ?? named(false);
    if (column === undefined) problems.push(`${where}: thiếu cột điểm "${criterion.name}".`);
    return { criterion, column };
  });
  if (voteColumn === undefined || criterionColumns.some((item) => item.column === undefined))
    return undefined;

  const lines: BallotLine[] = [];
  const seen = new Map<string, number>();
  sheet.eachRow((row, number) => {
    if (number <= headerRow) return;
    const at = (column: number, header: string) =>
      `${where}, dòng ${number}, cột "${headers.get(column) ?? header}"`;
    const slug = cellText(row.getCell(slugColumn).value);
    const scoreCells = criterionColumns.map(({ column }) => row.getCell(column as number).value);
    const voteCell = row.getCell(voteColumn).value;
    const entered = [...scoreCells, voteCell].some((cell) => cellText(cell) !== '');
    if (!entered) return;
    if (!slug) {
      problems.push(`${at(slugColumn, HEADERS.slug)}: có điểm nhưng thiếu mã sáng kiến.`);
      return;
    }
    if (seen.has(slug)) {
      problems.push(
        `${at(slugColumn, HEADERS.slug)}: sáng kiến "${slug}" đã có ở dòng ${seen.get(slug)}.`,
      );
      return;
    }
    seen.set(slug, number);
    let ok = true;
    const scores: Record<string, number> = {};
    criterionColumns.forEach(({ criterion, column }, index) => {
      const read = cellNumber(scoreCells[index] ?? null);
      const place = at(column as number, criterion.name);
      if (!read.ok) {
        problems.push(`${place}: "${read.shown}" không phải là số.`);
        ok = false;
      } else if (read.value === undefined) {
        problems.push(`${place}: chưa có điểm (chấm đủ mọi tiêu chí, hoặc để trống cả dòng).`);
        ok = false;
      } else if (read.value < 0) {
        problems.push(`${place}: điểm không được âm.`);
        ok = false;
      } else if (read.value > criterion.max) {
        problems.push(`${place}: ${formatNumber(read.value)} vượt điểm tối đa ${criterion.max}.`);
        ok = false;
      } else {
        scores[criterion.id] = read.value;
      }
    });
    const vote = cellVote(voteCell);
    if (vote === 'invalid') {
      problems.push(
        `${at(voteColumn, BALLOT.vote)}: "${cellText(voteCell)}" — ghi "${VOTE_FOR}" hoặc "${VOTE_AGAINST}".`,
      );
      ok = false;
    } else if (vote === undefined) {
      problems.push(
        `${at(voteColumn, BALLOT.vote)}: đã chấm điểm nhưng chưa biểu quyết ("${VOTE_FOR}" hoặc "${VOTE_AGAINST}").`,
      );
      ok = false;
    }
    if (ok && vote !== 'invalid') lines.push({ row: number, slug, scores, vote });
  });
  return {
    sheet: label,
    memberId: identity.id,
    memberName: identity.name,
    lines,
    headers: {
      criteria: Object.fromEntries(
        criterionColumns.map(({ criterion, column }) => [
          criterion.id,
          headers.get(column as number) ?? criterion.name,
        ]),
      ),
      vote: headers.get(voteColumn) ?? BALLOT.vote,
    },
  };
}

/** Every ballot sheet of the workbook, in the workbook's order. */
export function readBallots(
  book: ExcelJS.Workbook,
  criteria: readonly Criterion[],
  problems: string[],
  /** The ballot file's name, when the ballot came as a file of its own. */
  file?: string,
): Ballot[] {
  const ballots: Ballot[] = [];
  for (const sheet of book.worksheets) {
    if (!isBallot(sheet)) continue;
    const ballot = readBallot(sheet, criteria, problems, file);
    if (ballot) ballots.push(ballot);
  }
  if (file && ballots.length === 0 && !problems.some((problem) => problem.includes(file)))
    problems.push(`Tệp "${file}" không có trang phiếu chấm điểm nào.`);
  return ballots;
}
