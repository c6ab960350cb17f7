import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { criterionHeader, recusedSeats, totalScore } from '../../src/core/committee.ts';
import { formatDateOr, formatDateTime } from '../../src/core/dates.ts';
import { neutraliseCellText } from '../../src/core/spreadsheet.ts';
import {
  BALLOT,
  ballotSheetName,
  DECISION_LABELS,
  formatAuthors,
  HEADERS,
  MEMBER_HEADERS,
  NO,
  SHEETS,
  VOTE_AGAINST,
  VOTE_FOR,
  YES,
} from '../../src/documents/committee/columns.ts';
import type { Member } from '../../src/schemas/decision.ts';
import { memberRoles } from '../../src/schemas/vocabularies.ts';
import { type Report, statusNames } from './build.ts';

/** The ballot's header row: the member's identity and a blank line come first. */
export const BALLOT_HEADER_ROW = 6;

function columnLetter(index: number): string {
  let out = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26))
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

function listValidation(values: string[]): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    // A quote inside the formula's string would end it and let the rest run as a formula.
    formulae: [`"${values.map((value) => value.replaceAll('"', '""')).join(',')}"`],
    showErrorMessage: true,
    errorTitle: 'Giá trị không hợp lệ',
    error: `Chọn một trong: ${values.join(', ')}.`,
  };
}

function scoreValidation(max: number): ExcelJS.DataValidation {
  return {
    type: 'decimal',
    operator: 'between',
    allowBlank: true,
    formulae: [0, max],
    showErrorMessage: true,
    errorTitle: 'Điểm không hợp lệ',
    error: `Điểm từ 0 đến ${max}.`,
  };
}

/**
 * One rule per run of consecutive rows of a column, not one per cell: exceljs compares every
 * cell's rule with its neighbours' to merge them, which for the ballots of a 1,000-entry
 * campaign (35,000 cells) was a third of the time spent writing the workbook.
 */
/** exceljs keeps range rules on the sheet (its types only know a cell's own rule). */
type WithValidations = ExcelJS.Worksheet & {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
};

function validateRuns(
  sheet: ExcelJS.Worksheet,
  column: number,
  rows: readonly number[],
  validation: ExcelJS.DataValidation,
): void {
  const letter = columnLetter(column);
  let start = rows[0];
  for (let index = 0; index < rows.length; index += 1) {
    const row = rows[index] as number;
    const next = rows[index + 1];
    if (next === row + 1) continue;
    (sheet as WithValidations).dataValidations.add(`${letter}${start}:${letter}${row}`, validation);
    start = next;
  }
}

/**
 * The header row's look. Its height, like every row's, is set last by `fitRows`, from the
 * text it holds.
 */
function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF6' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF1D4E89' } } };
  });
}

/** Page margins in inches (exceljs' unit): about 15 mm around, room for the page number. */
const MARGINS = { left: 0.6, right: 0.6, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 };

/**
 * Every sheet prints on A4, as wide as the page (never shrunk to fit its height, which makes a
 * long list unreadable), its header rows repeated on each page, the used range (or its first
 * `columns`) as print area.
 */
export function setUpPrinting(
  sheet: ExcelJS.Worksheet,
  options: {
    headerRow: number;
    orientation: 'portrait' | 'landscape';
    /** How many columns from the left print; all of them when not given. */
    columns?: number;
  },
): void {
  const lastRow = Math.max(sheet.rowCount, options.headerRow);
  const lastColumn = options.columns ?? Math.max(sheet.columnCount, 1);
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9,
    orientation: options.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: MARGINS,
    printTitlesRow: `${options.headerRow}:${options.headerRow}`,
    // Absolute both ways (`$A$1:$M$16`): LibreOffice ignores the `$A1:$M16` exceljs writes from `A1:M16`.
    printArea: `A$1:${columnLetter(lastColumn)}$${lastRow}`,
  };
  sheet.headerFooter = { oddFooter: `&C${sheet.name.replaceAll('&', '&&')} – trang &P/&N` };
}

/**
 * Every text cell of the book, headers and links included, neutralised (see
 * src/core/spreadsheet.ts): exceljs stores a string as a string, but a sheet saved
 * again as CSV, or a cell copied elsewhere, would still start like a formula. The
 * formulas the report writes itself are formula objects and stay formulas.
 */
function neutraliseText(book: ExcelJS.Workbook): void {
  book.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        const value = cell.value;
        if (typeof value === 'string') {
          cell.value = neutraliseCellText(value);
        } else if (value && typeof value === 'object' && 'hyperlink' in value) {
          cell.value = { ...value, text: neutraliseCellText(value.text) };
        }
      });
    });
  });
}

/**
 * One font everywhere: Arial is on every office computer and has a metric twin on Linux
 * (Liberation Sans), so a page breaks and wraps the same in Excel and in LibreOffice —
 * Calibri, the default, falls back to a much wider face where it is missing.
 */
const FONT = 'Arial';
/** Points per wrapped line of 11-point Arial, with the cell's padding. */
const LINE_HEIGHT = 13.5;
/** Characters of Vietnamese text per unit of column width, kept on the safe side. */
const CHARS_PER_WIDTH = 1 / 1.05;

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return String(value.result ?? '');
    if ('richText' in value) return value.richText.map((run) => run.text).join('');
    return '';
  }
  return String(value);
}

/**
 * Every row whose text wraps gets the height its longest printed cell needs. LibreOffice keeps the
 * default one-line height of a row without one when it opens or prints an .xlsx, printing
 * the wrapped lines over the next rows; the estimate errs on the tall side, never clips.
 */
function fitRows(book: ExcelJS.Workbook): void {
  book.eachSheet((sheet) => {
    // Only the printed columns: a long text in a working column is for the screen.
    const printed = /:\$?([A-Z]+)/.exec(sheet.pageSetup.printArea ?? '')?.[1];
    const lastColumn = printed ? sheet.getColumn(printed).number : sheet.columnCount;
    sheet.eachRow((row) => {
      let lines = 1;
      let wraps = false;
      row.eachCell((cell, column) => {
        cell.font = { ...cell.font, name: FONT };
        if (!cell.alignment?.wrapText || column > lastColumn) return;
        wraps = true;
        const width = Math.max(1, (sheet.getColumn(column).width ?? 9) - 1) * CHARS_PER_WIDTH;
        const bold = cell.font?.bold ? 1.1 : 1;
        const size = (cell.font?.size ?? 11) / 11;
        const count = cellText(cell.value)
          .split('\n')
          .reduce(
            (sum, text) => sum + Math.max(1, Math.ceil((text.length * bold * size) / width)),
            0,
          );
        lines = Math.max(lines, count * size);
      });
      if (wraps) row.height = Math.ceil(lines * LINE_HEIGHT + 3);
    });
  });
}

/** The consolidated list as a workbook: the list with scoring columns, the committee, the decision. */
export function buildWorkbook(report: Report): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  book.creator = 'Kho sáng kiến CCHC';
  book.created = new Date(report.generatedAt);
  const criteria = report.campaign.rubric.criteria;

  const list = book.addWorksheet(SHEETS.list, { views: [{ state: 'frozen', ySplit: 1 }] });
  /*
   * What the committee reads on paper comes first and is the print area; the working columns
   * (code, classification, indicators, source, checks) follow, on screen only: with them the
   * page shrank to a third. `decide` finds every column by its header, wherever it stands.
   * The widths are those of LibreOffice's print, the narrowest: it counts a width in digits of
   * the book's default font, Calibri, which it replaces where it is missing by a face a third
   * wider than Excel's. At these widths the print area fits an A4 landscape page at 86%, 11-point
   * text printed at 9.5 points (tests/report/xlsx-print.test.ts); in Excel it fits unshrunk. The
   * long texts wrap, and the headers over the narrow columns of numbers wrap word by word.
   */
  const printed: { header: string; key: string; width: number }[] = [
    { header: HEADERS.index, key: 'index', width: 4 },
    { header: HEADERS.title, key: 'title', width: 21 },
    { header: HEADERS.unit, key: 'unit', width: 12 },
    { header: HEADERS.authors, key: 'authors', width: 14 },
    ...criteria.map((criterion) => ({
      header: criterionHeader(criterion),
      key: `score:${criterion.id}`,
      width: 6,
    })),
    { header: HEADERS.total, key: 'total', width: 6 },
    { header: HEADERS.votesFor, key: 'votesFor', width: 6 },
    { header: HEADERS.votesAgainst, key: 'votesAgainst', width: 6 },
    { header: HEADERS.recognised, key: 'recognised', width: 6 },
    { header: HEADERS.scope, key: 'scope', width: 8 },
    { header: HEADERS.replicate, key: 'replicate', width: 6 },
    { header: HEADERS.note, key: 'note', width: 11 },
  ];
  const columns: { header: string; key: string; width: number }[] = [
    ...printed,
    { header: HEADERS.slug, key: 'slug', width: 18 },
    { header: HEADERS.areas, key: 'areas', width: 18 },
    { header: HEADERS.fields, key: 'fields', width: 18 },
    { header: HEADERS.goals, key: 'goals', width: 18 },
    { header: HEADERS.indicators, key: 'indicators', width: 30 },
    { header: HEADERS.submitted, key: 'submitted', width: 11 },
    { header: HEADERS.origin, key: 'origin', width: 16 },
    { header: HEADERS.status, key: 'status', width: 13 },
    { header: HEADERS.validation, key: 'validation', width: 11 },
    { header: HEADERS.problems, key: 'problems', width: 28 },
    { header: HEADERS.decision, key: 'decision', width: 16 },
  ];
  list.columns = columns;
  styleHeader(list.getRow(1));
  const firstScore = columns.findIndex((column) => column.key.startsWith('score:')) + 1;
  const lastScore = firstScore + criteria.length - 1;
  report.rows.forEach((row, index) => {
    const total = totalScore(
      Object.fromEntries(criteria.map((criterion) => [criterion.id, row.scores[criterion.id]])),
    );
    const added = list.addRow({
      index: index + 1,
      slug: row.slug,
      title: row.title,
      unit: row.unit,
      authors: formatAuthors(row.authors),
      areas: row.areas.join('; '),
      fields: row.fields.join('; '),
      goals: row.goals.join('; '),
      indicators: row.indicators.join('\n'),
      submitted: formatDateOr(row.submitted, ''),
      origin: row.url ? { text: row.origin, hyperlink: row.url } : row.origin,
      status: statusNames[row.status],
      validation: row.errors.length === 0 ? 'Hợp lệ' : `${row.errors.length} lỗi`,
      problems: row.errors
        .slice(0, 5)
        .map((finding) => finding.message)
        .join('\n'),
      decision: row.decision ?? '',
      ...Object.fromEntries(
        criteria.map((criterion) => [`score:${criterion.id}`, row.scores[criterion.id] ?? null]),
      ),
      votesFor: row.votesFor ?? null,
      votesAgainst: row.votesAgainst ?? null,
      recognised: row.recognised === undefined ? '' : row.recognised ? YES : NO,
      scope: row.scope ?? '',
      replicate: row.replicate === undefined ? '' : row.replicate ? YES : NO,
      note: row.note ?? '',
    });
    added.alignment = { vertical: 'top', wrapText: true };
    added.getCell('total').value = {
      formula: `SUM(${columnLetter(firstScore)}${added.number}:${columnLetter(lastScore)}${added.number})`,
      result: total,
    };
  });
  const listRows = report.rows.map((_, index) => index + 2);
  criteria.forEach((criterion, offset) => {
    validateRuns(list, firstScore + offset, listRows, scoreValidation(criterion.max));
  });
  validateRuns(list, list.getColumn('recognised').number, listRows, listValidation([YES, NO]));
  validateRuns(list, list.getColumn('replicate').number, listRows, listValidation([YES, NO]));
  if (report.scopes.length > 0)
    validateRuns(
      list,
      list.getColumn('scope').number,
      listRows,
      listValidation(report.scopes.map((scope) => scope.name)),
    );
  list.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  setUpPrinting(list, { headerRow: 1, orientation: 'landscape', columns: printed.length });

  // The roster is the campaign's; a sheet only shows it, and `decide` refuses one that differs.
  const roster = report.campaign.committee?.members ?? [];
  const members = book.addWorksheet(SHEETS.members, { views: [{ state: 'frozen', ySplit: 1 }] });
  members.columns = [
    { header: MEMBER_HEADERS.id, key: 'id', width: 24 },
    { header: MEMBER_HEADERS.name, key: 'name', width: 28 },
    { header: MEMBER_HEADERS.position, key: 'position', width: 44 },
    { header: MEMBER_HEADERS.role, key: 'role', width: 24 },
  ];
  styleHeader(members.getRow(1));
  for (const member of roster) {
    members.addRow({ ...member, role: roleName(member.role) }).alignment = {
      vertical: 'top',
      wrapText: true,
    };
  }
  setUpPrinting(members, { headerRow: 1, orientation: 'landscape' });

  const decision = book.addWorksheet(SHEETS.decision);
  decision.columns = [
    { header: 'Mục', key: 'label', width: 28 },
    { header: 'Giá trị', key: 'value', width: 72 },
  ];
  styleHeader(decision.getRow(1));
  const document = report.decision?.document;
  decision.addRows([
    { label: DECISION_LABELS.number, value: document?.number ?? '' },
    { label: DECISION_LABELS.date, value: formatDateOr(document?.date, '') },
    { label: DECISION_LABELS.issuer, value: document?.issuer ?? '' },
    { label: DECISION_LABELS.title, value: document?.title ?? '' },
    { label: DECISION_LABELS.meetingOn, value: formatDateOr(report.decision?.meetingOn, '') },
  ]);
  for (let number = 2; number <= decision.rowCount; number += 1)
    decision.getRow(number).alignment = { vertical: 'top', wrapText: true };
  setUpPrinting(decision, { headerRow: 1, orientation: 'landscape' });

  roster.forEach((member, index) => {
    addBallot(book, report, member, index);
  });

  const guide = book.addWorksheet(SHEETS.guide);
  guide.getColumn(1).width = 90;
  const lines = [
    `Tổng hợp sáng kiến: ${report.campaign.title}`,
    `Nguồn: ${report.source}. Lập lúc ${formatDateTime(new Date(report.generatedAt))} (giờ Việt Nam).`,
    `Số sáng kiến: ${report.rows.length}. Số thành viên Hội đồng: ${roster.length}.`,
    '',
    'Cách ghi kết quả xét:',
    roster.length > 0
      ? `1. Trang "${SHEETS.members}" là danh sách Hội đồng của đợt (mục "Hội đồng xét sáng kiến" của đợt phát động); không thêm, bớt ở đây. Mỗi thành viên có một trang phiếu "P1 …", "P2 …" (in ra làm phiếu giấy).`
      : `1. Đợt chưa có danh sách Hội đồng: ghi mục "Hội đồng xét sáng kiến" (thành viên, vai trò) trong tệp đợt phát động rồi lập lại bảng này; bảng chưa có phiếu chấm.`,
    `2. Trang phiếu của từng thành viên: ghi điểm từng tiêu chí (không vượt điểm tối đa) và "${VOTE_FOR}" hoặc "${VOTE_AGAINST}" ở cột "${BALLOT.vote}". Thành viên vắng: để trống cả dòng. Dòng ghi "${BALLOT.recused}": để trống.`,
    `3. Trang "${SHEETS.decision}": ghi số, ngày quyết định, cơ quan ban hành và ngày họp xét (ngày dạng dd/mm/yyyy).`,
    `4. Trang "${SHEETS.list}": ghi phạm vi, nhân rộng, ghi chú. Công nhận hay không luôn tính theo phiếu (ít nhất hai phần ba thành viên được biểu quyết đồng ý) và điểm tối thiểu ${report.campaign.rubric.passScore}; "${HEADERS.recognised}" để trống, hoặc ghi ${YES}/${NO} để đối chiếu (khác với phiếu thì decide từ chối; ô điền sẵn là kết quả lần trước). Cột điểm và số phiếu ở trang này là kết quả đã ghi lần trước, chỉ để xem: decide tính lại từ các trang phiếu.`,
    `Bản in của trang "${SHEETS.list}" (khổ A4 ngang) gồm các cột từ "${HEADERS.index}" đến "${HEADERS.note}"; các cột sau đó (mã sáng kiến, phân loại, chỉ số, nguồn hồ sơ, kết quả kiểm tra) chỉ để xem trên máy.`,
    '5. Lưu tệp rồi chạy: npm run decide -- --campaign <mã đợt> --sheet <tệp .xlsx>. Đợt đã có quyết định thì lệnh in các thay đổi và chỉ ghi khi thêm --replace.',
  ];
  lines.forEach((text, index) => {
    const cell = guide.getCell(index + 1, 1);
    cell.value = text;
    cell.alignment = { vertical: 'top', wrapText: true };
  });
  guide.getCell(1, 1).font = { bold: true, size: 14 };
  setUpPrinting(guide, { headerRow: 1, orientation: 'portrait' });
  neutraliseText(book);
  fitRows(book);
  return book;
}

function roleName(id: string): string {
  return memberRoles.find((role) => role.id === id)?.name ?? id;
}

/**
 * One member's ballot: who they are, then a line per initiative with a column per
 * criterion and the vote. An initiative the member wrote is marked and greyed: its line
 * stays blank, and `decide` refuses a ballot that scores it.
 */
function addBallot(book: ExcelJS.Workbook, report: Report, member: Member, index: number): void {
  const criteria = report.campaign.rubric.criteria;
  const sheet = book.addWorksheet(ballotSheetName(index, member.name));
  sheet.getCell('A1').value = `${BALLOT.title} – ${report.campaign.title}`;
  sheet.getCell('A1').font = { bold: true, size: 13 };
  const identity: [string, string][] = [
    [MEMBER_HEADERS.id, member.id],
    [MEMBER_HEADERS.name, member.name],
    [MEMBER_HEADERS.role, roleName(member.role)],
  ];
  identity.forEach(([label, value], offset) => {
    sheet.getCell(2 + offset, 1).value = label;
    sheet.getCell(2 + offset, 1).font = { bold: true };
    sheet.getCell(2 + offset, 2).value = value;
  });
  const columns = [
    // Wide enough for the identity labels above it, which the values beside them would cut.
    { header: HEADERS.index, width: 14 },
    { header: HEADERS.slug, width: 24 },
    { header: HEADERS.title, width: 48 },
    ...criteria.map((criterion) => ({ header: criterionHeader(criterion), width: 14 })),
    { header: HEADERS.total, width: 10 },
    { header: BALLOT.vote, width: 16 },
    { header: BALLOT.note, width: 30 },
  ];
  const headerRow = sheet.getRow(BALLOT_HEADER_ROW);
  columns.forEach((column, offset) => {
    headerRow.getCell(offset + 1).value = column.header;
    sheet.getColumn(offset + 1).width = column.width;
  });
  styleHeader(headerRow);
  sheet.views = [{ state: 'frozen', ySplit: BALLOT_HEADER_ROW }];
  const firstScore = 4;
  const lastScore = firstScore + criteria.length - 1;
  const totalColumn = lastScore + 1;
  const voteColumn = totalColumn + 1;
  const recordedMarks = new Map(
    (report.decision?.results ?? []).flatMap((result) => {
      const own = result.marks?.find((line) => line.member === member.id);
      return own ? [[result.initiative, own] as const] : [];
    }),
  );
  /** Lines a member fills in: all but those of initiatives they wrote. */
  const open: number[] = [];
  report.rows.forEach((row, offset) => {
    const line = sheet.getRow(BALLOT_HEADER_ROW + 1 + offset);
    line.getCell(1).value = offset + 1;
    line.getCell(2).value = row.slug;
    line.getCell(3).value = row.title;
    line.alignment = { vertical: 'top', wrapText: true };
    const recused =
      recusedSeats(
        [member],
        row.authors.map((author) => author.name),
      ).length > 0;
    if (recused) {
      line.getCell(voteColumn + 1).value = BALLOT.recused;
      for (let column = firstScore; column <= voteColumn; column += 1) {
        line.getCell(column).fill = {
          type: 'pattern',
          pattern: 'solid',
          fgColor: { argb: 'FFD9D9D9' },
        };
      }
      return;
    }
    // The member's recorded line, if the decision keeps one: run again, the sheet shows what
    // the repository holds, `decide` reads it back unchanged, and nothing typed is written over.
    const recorded = recordedMarks.get(row.slug);
    criteria.forEach((criterion, offset) => {
      const score = recorded?.scores[criterion.id];
      if (score !== undefined) line.getCell(firstScore + offset).value = score;
    });
    if (recorded)
      line.getCell(voteColumn).value = recorded.vote === 'for' ? VOTE_FOR : VOTE_AGAINST;
    line.getCell(totalColumn).value = {
      formula: `IF(COUNT(${columnLetter(firstScore)}${line.number}:${columnLetter(lastScore)}${line.number})=0,"",SUM(${columnLetter(firstScore)}${line.number}:${columnLetter(lastScore)}${line.number}))`,
      result: recorded ? totalScore(recorded.scores) : '',
    };
    open.push(line.number);
  });
  criteria.forEach((criterion, index) => {
    validateRuns(sheet, firstScore + index, open, scoreValidation(criterion.max));
  });
  validateRuns(sheet, voteColumn, open, listValidation([VOTE_FOR, VOTE_AGAINST]));
  const signature = sheet.getRow(BALLOT_HEADER_ROW + report.rows.length + 3);
  // Under the titles, not under a mark or the vote: a signature is not a ballot line.
  signature.getCell(3).value = BALLOT.signature;
  signature.getCell(3).font = { italic: true };
  // Ten columns of a campaign's rubric do not fit the width of a portrait page.
  setUpPrinting(sheet, { headerRow: BALLOT_HEADER_ROW, orientation: 'landscape' });
}

/**
 * The quickest deflate: at a thousand rows the default level spent a third of a second more
 * to save a sixth of a file of a few hundred kilobytes. The cells are the same either way.
 */
const ZIP = { zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } } as const;

/** The consolidated workbook's bytes, as `report` writes them. */
export async function writeXlsx(report: Report, path: string): Promise<void> {
  await writeBook(buildWorkbook(report), path);
}

export async function writeBook(book: ExcelJS.Workbook, path: string): Promise<void> {
  await book.xlsx.writeFile(path, ZIP);
}

/** A member's ballot file's name: "phieu-3-pham-duc-long.xlsx", in roster order. */
export function ballotFileName(index: number, memberId: string): string {
  return `phieu-${index + 1}-${memberId}.xlsx`;
}

/**
 * Each member's ballot as a book of its own, to hand out and collect (`decide --ballots`):
 * the same page as in the consolidated workbook, alone in its book, with its file's name.
 */
export function buildBallotBooks(report: Report): { name: string; book: ExcelJS.Workbook }[] {
  return (report.campaign.committee?.members ?? []).map((member, index) => {
    const book = new ExcelJS.Workbook();
    book.creator = 'Kho sáng kiến CCHC';
    book.created = new Date(report.generatedAt);
    addBallot(book, report, member, index);
    neutraliseText(book);
    fitRows(book);
    return { name: ballotFileName(index, member.id), book };
  });
}

/** Each member's ballot file in `folder`; the paths written. */
export async function writeBallotFiles(report: Report, folder: string): Promise<string[]> {
  mkdirSync(folder, { recursive: true });
  const written: string[] = [];
  for (const { name, book } of buildBallotBooks(report)) {
    const path = join(folder, name);
    await writeBook(book, path);
    written.push(path);
  }
  return written;
}
