import ExcelJS from 'exceljs';
import { criterionHeader, totalScore } from '../../src/core/committee.ts';
import { formatDateOr, formatDateTime } from '../../src/core/dates.ts';
import { neutraliseCellText } from '../../src/core/spreadsheet.ts';
import { memberRoles } from '../../src/schemas/vocabularies.ts';
import { type Report, statusNames } from './build.ts';
import {
  DECISION_LABELS,
  formatAuthors,
  HEADERS,
  MEMBER_HEADERS,
  NO,
  SHEETS,
  YES,
} from './columns.ts';

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

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.height = 36;
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF6' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF1D4E89' } } };
  });
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

/** The consolidated list as a workbook: the list with scoring columns, the committee, the decision. */
export function buildWorkbook(report: Report): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  book.creator = 'Kho sáng kiến CCHC';
  book.created = new Date(report.generatedAt);
  const criteria = report.campaign.rubric.criteria;

  const list = book.addWorksheet(SHEETS.list, { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns: { header: string; key: string; width: number }[] = [
    { header: HEADERS.index, key: 'index', width: 6 },
    { header: HEADERS.slug, key: 'slug', width: 24 },
    { header: HEADERS.title, key: 'title', width: 48 },
    { header: HEADERS.unit, key: 'unit', width: 28 },
    { header: HEADERS.authors, key: 'authors', width: 36 },
    { header: HEADERS.areas, key: 'areas', width: 26 },
    { header: HEADERS.fields, key: 'fields', width: 26 },
    { header: HEADERS.goals, key: 'goals', width: 24 },
    { header: HEADERS.indicators, key: 'indicators', width: 40 },
    { header: HEADERS.submitted, key: 'submitted', width: 12 },
    { header: HEADERS.origin, key: 'origin', width: 22 },
    { header: HEADERS.status, key: 'status', width: 16 },
    { header: HEADERS.validation, key: 'validation', width: 14 },
    { header: HEADERS.problems, key: 'problems', width: 40 },
    { header: HEADERS.decision, key: 'decision', width: 22 },
    ...criteria.map((criterion) => ({
      header: criterionHeader(criterion),
      key: `score:${criterion.id}`,
      width: 14,
    })),
    { header: HEADERS.total, key: 'total', width: 10 },
    { header: HEADERS.votesFor, key: 'votesFor', width: 10 },
    { header: HEADERS.votesAgainst, key: 'votesAgainst', width: 10 },
    { header: HEADERS.recognised, key: 'recognised', width: 12 },
    { header: HEADERS.scope, key: 'scope', width: 16 },
    { header: HEADERS.replicate, key: 'replicate', width: 10 },
    { header: HEADERS.note, key: 'note', width: 40 },
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
    criteria.forEach((criterion, offset) => {
      added.getCell(firstScore + offset).dataValidation = {
        type: 'decimal',
        operator: 'between',
        allowBlank: true,
        formulae: [0, criterion.max],
        showErrorMessage: true,
        errorTitle: 'Điểm không hợp lệ',
        error: `Điểm từ 0 đến ${criterion.max}.`,
      };
    });
    added.getCell('recognised').dataValidation = listValidation([YES, NO]);
    added.getCell('replicate').dataValidation = listValidation([YES, NO]);
    if (report.scopes.length > 0)
      added.getCell('scope').dataValidation = listValidation(
        report.scopes.map((scope) => scope.name),
      );
  });
  list.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };

  const members = book.addWorksheet(SHEETS.members, { views: [{ state: 'frozen', ySplit: 1 }] });
  members.columns = [
    { header: MEMBER_HEADERS.id, key: 'id', width: 24 },
    { header: MEMBER_HEADERS.name, key: 'name', width: 28 },
    { header: MEMBER_HEADERS.position, key: 'position', width: 44 },
    { header: MEMBER_HEADERS.role, key: 'role', width: 24 },
  ];
  styleHeader(members.getRow(1));
  for (const member of report.decision?.members ?? []) {
    members.addRow({
      ...member,
      role: memberRoles.find((role) => role.id === member.role)?.name ?? member.role,
    });
  }
  // Room for members still to be added; computed once, since touching a row grows rowCount.
  const lastMemberRow = Math.max(members.rowCount + 5, 12);
  for (let row = 2; row <= lastMemberRow; row += 1) {
    members.getCell(row, 4).dataValidation = listValidation(memberRoles.map((role) => role.name));
  }

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

  const guide = book.addWorksheet(SHEETS.guide);
  guide.getColumn(1).width = 110;
  const lines = [
    `Tổng hợp sáng kiến: ${report.campaign.title}`,
    `Nguồn: ${report.source}. Lập lúc ${formatDateTime(new Date(report.generatedAt))} (giờ Việt Nam).`,
    `Số sáng kiến: ${report.rows.length}.`,
    '',
    'Cách ghi kết quả xét:',
    `1. Trang "${SHEETS.members}": ghi đủ thành viên Hội đồng (mã không dấu, họ tên, chức vụ, vai trò).`,
    `2. Trang "${SHEETS.decision}": ghi số, ngày quyết định, cơ quan ban hành và ngày họp xét (ngày dạng dd/mm/yyyy).`,
    `3. Trang "${SHEETS.list}": ghi điểm bình quân từng tiêu chí (không vượt điểm tối đa), số phiếu đồng ý, không đồng ý; thành viên là tác giả không biểu quyết.`,
    `   "${HEADERS.recognised}" để trống thì được tính theo số phiếu (ít nhất hai phần ba thành viên biểu quyết) và điểm tối thiểu ${report.campaign.rubric.passScore}.`,
    '4. Lưu tệp rồi chạy: npm run decide -- --campaign <mã đợt> --sheet <tệp .xlsx>.',
  ];
  lines.forEach((text, index) => {
    guide.getCell(index + 1, 1).value = text;
  });
  guide.getCell(1, 1).font = { bold: true, size: 14 };
  neutraliseText(book);
  return book;
}

export async function writeXlsx(report: Report, path: string): Promise<void> {
  await buildWorkbook(report).xlsx.writeFile(path);
}
