/**
 * From a filled-in scoring sheet to the committee's decision: every check the
 * sheet must pass, with Vietnamese messages naming the row and column.
 */

import type ExcelJS from 'exceljs';
import {
  gradeForScore,
  readCriterionHeader,
  totalScore,
  votesNeeded,
} from '../../src/core/committee.ts';
import { formatNumber } from '../../src/core/numbers.ts';
import { slugify } from '../../src/core/slug.ts';
import { nameKey } from '../../src/core/text.ts';
import { formatIssue, parseWithInput } from '../../src/model/zod-errors.ts';
import {
  type Campaign,
  type Decision,
  type DecisionResult,
  decisionSchema,
  type Member,
  memberRoles,
  type ScopeLevel,
} from '../../src/schemas/index.ts';
import {
  DECISION_LABELS,
  HEADERS,
  MEMBER_HEADERS,
  parseAuthors,
  SHEETS,
} from '../report/columns.ts';
import { cellDate, cellNumber, cellText, cellYesNo } from './cells.ts';

export class SheetError extends Error {
  override name = 'SheetError';
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.problems = problems;
  }
}

export interface DecideInput {
  book: ExcelJS.Workbook;
  campaignId: string;
  campaign: Campaign;
  scopeLevels: ScopeLevel[];
  /** Initiatives in the repository: slug → campaign and author names. */
  initiatives: Map<string, { campaign?: string; authors: string[] }>;
  /** The decision file as it is now, if any (its `sample` flag is kept). */
  previous?: Decision;
}

interface Table {
  sheet: ExcelJS.Worksheet;
  /** header key → column number */
  columns: Map<string, number>;
  /** column number → header as written */
  headers: Map<number, string>;
}

function table(book: ExcelJS.Workbook, name: string, problems: string[]): Table | undefined {
  const sheet = book.getWorksheet(name);
  if (!sheet) {
    problems.push(`Không có trang "${name}" trong bảng tính.`);
    return undefined;
  }
  const columns = new Map<string, number>();
  const headers = new Map<number, string>();
  sheet.getRow(1).eachCell((cell, column) => {
    const text = cellText(cell.value);
    if (!text) return;
    columns.set(nameKey(text), column);
    headers.set(column, text);
  });
  return { sheet, columns, headers };
}

function required(
  table: Table,
  header: string,
  problems: string[],
  where = '',
): number | undefined {
  const column = table.columns.get(nameKey(header));
  if (column === undefined) problems.push(`${where}Thiếu cột "${header}" ở dòng tiêu đề.`);
  return column;
}

function readMembers(book: ExcelJS.Workbook, problems: string[]): Member[] {
  const members: Member[] = [];
  const sheetTable = table(book, SHEETS.members, problems);
  if (!sheetTable) return members;
  const where = `Trang "${SHEETS.members}", `;
  const columns = {
    id: sheetTable.columns.get(nameKey(MEMBER_HEADERS.id)),
    name: required(sheetTable, MEMBER_HEADERS.name, problems, where),
    position: required(sheetTable, MEMBER_HEADERS.position, problems, where),
    role: required(sheetTable, MEMBER_HEADERS.role, problems, where),
  };
  if (columns.name === undefined || columns.position === undefined || columns.role === undefined)
    return members;
  const seen = new Set<string>();
  sheetTable.sheet.eachRow((row, number) => {
    if (number === 1) return;
    const get = (column: number | undefined) =>
      column === undefined ? '' : cellText(row.getCell(column).value);
    const name = get(columns.name);
    const position = get(columns.position);
    const roleText = get(columns.role);
    if (!name && !position && !roleText && !get(columns.id)) return;
    const at = (header: string) => `${where}dòng ${number}, cột "${header}"`;
    if (!name) problems.push(`${at(MEMBER_HEADERS.name)}: thiếu họ và tên.`);
    if (!position) problems.push(`${at(MEMBER_HEADERS.position)}: thiếu chức vụ.`);
    const role = memberRoles.find((item) =>
      [item.id, item.name, item.short].some((text) => nameKey(text) === nameKey(roleText)),
    );
    if (!role) {
      problems.push(
        `${at(MEMBER_HEADERS.role)}: "${roleText}" không phải vai trò trong Hội đồng (${memberRoles.map((item) => item.name).join(', ')}).`,
      );
    }
    const id = get(columns.id) || slugify(name);
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) {
      problems.push(
        `${at(MEMBER_HEADERS.id)}: "${id}" chỉ được gồm chữ thường không dấu, chữ số và gạch nối.`,
      );
    }
    if (seen.has(id) || members.some((member) => nameKey(member.name) === nameKey(name))) {
      problems.push(`${at(MEMBER_HEADERS.name)}: thành viên "${name}" bị ghi hai lần.`);
    }
    seen.add(id);
    if (name && position && role) members.push({ id, name, position, role: role.id });
  });
  if (members.length < 3 && problems.length === 0) {
    problems.push(
      `Trang "${SHEETS.members}": Hội đồng cần ít nhất 3 thành viên, mới có ${members.length}.`,
    );
  }
  return members;
}

function readDocument(book: ExcelJS.Workbook, problems: string[]) {
  const sheet = book.getWorksheet(SHEETS.decision);
  const values = new Map<string, { row: number; value: ExcelJS.CellValue }>();
  if (!sheet) {
    problems.push(`Không có trang "${SHEETS.decision}" trong bảng tính.`);
    return undefined;
  }
  sheet.eachRow((row, number) => {
    const label = cellText(row.getCell(1).value);
    if (label) values.set(nameKey(label), { row: number, value: row.getCell(2).value });
  });
  const where = (label: string) => {
    const found = values.get(nameKey(label));
    return `Trang "${SHEETS.decision}", ${found ? `dòng ${found.row}, ` : ''}mục "${label}"`;
  };
  const text = (label: string) => cellText(values.get(nameKey(label))?.value ?? null);
  const date = (label: string) => {
    const raw = values.get(nameKey(label))?.value ?? null;
    const iso = cellDate(raw);
    if (!iso)
      problems.push(
        `${where(label)}: ${cellText(raw) ? `"${cellText(raw)}" không phải ngày (ghi dd/mm/yyyy).` : 'chưa ghi.'}`,
      );
    return iso ?? '';
  };
  const number = text(DECISION_LABELS.number);
  if (!number) problems.push(`${where(DECISION_LABELS.number)}: chưa ghi.`);
  const issuer = text(DECISION_LABELS.issuer);
  if (!issuer) problems.push(`${where(DECISION_LABELS.issuer)}: chưa ghi.`);
  const title = text(DECISION_LABELS.title);
  return {
    document: { number, date: date(DECISION_LABELS.date), issuer, ...(title ? { title } : {}) },
    meetingOn: date(DECISION_LABELS.meetingOn),
  };
}

export function decide(input: DecideInput): Decision {
  const problems: string[] = [];
  const { campaign } = input;
  const members = readMembers(input.book, problems);
  const documentPart = readDocument(input.book, problems);
  const list = table(input.book, SHEETS.list, problems);
  const results: DecisionResult[] = [];
  if (list) {
    const column = {
      slug: required(list, HEADERS.slug, problems),
      authors: list.columns.get(nameKey(HEADERS.authors)),
      votesFor: required(list, HEADERS.votesFor, problems),
      votesAgainst: required(list, HEADERS.votesAgainst, problems),
      recognised: list.columns.get(nameKey(HEADERS.recognised)),
      scope: list.columns.get(nameKey(HEADERS.scope)),
      replicate: list.columns.get(nameKey(HEADERS.replicate)),
      note: list.columns.get(nameKey(HEADERS.note)),
    };
    // Criteria are found by name: "Tính mới, tính sáng tạo (tối đa 30)" or just "Tính mới, tính sáng tạo".
    const criteria = campaign.rubric.criteria.map((criterion) => {
      // A header with "(tối đa …)" wins over a bare one of the same name.
      const named = (withMax: boolean) =>
        [...list.headers].find(([, header]) => {
          const read = readCriterionHeader(header);
          return read.withMax === withMax && nameKey(read.name) === nameKey(criterion.name);
        });
      const found = named(true) ?? named(false);
      if (!found)
        problems.push(
          `Thiếu cột điểm "${criterion.name}" ở dòng tiêu đề của trang "${SHEETS.list}".`,
        );
      return { criterion, column: found?.[0] };
    });
    const seen = new Map<string, number>();

    if (
      column.slug !== undefined &&
      column.votesFor !== undefined &&
      column.votesAgainst !== undefined
    ) {
      list.sheet.eachRow((row, number) => {
        if (number === 1) return;
        const at = (columnNumber: number | undefined, fallback: string) =>
          `Dòng ${number}, cột "${(columnNumber !== undefined && list.headers.get(columnNumber)) || fallback}"`;
        const value = (columnNumber: number | undefined) =>
          columnNumber === undefined ? null : row.getCell(columnNumber).value;
        const slug = cellText(value(column.slug));
        const scoreCells = criteria.map(({ column: c }) => value(c));
        const entered = [...scoreCells, value(column.votesFor), value(column.votesAgainst)].some(
          (cell) => cellText(cell) !== '',
        );
        if (!entered) return; // not scored: not part of this decision
        if (!slug) {
          problems.push(`${at(column.slug, HEADERS.slug)}: thiếu mã sáng kiến.`);
          return;
        }
        if (seen.has(slug)) {
          problems.push(
            `${at(column.slug, HEADERS.slug)}: sáng kiến "${slug}" đã có ở dòng ${seen.get(slug)}.`,
          );
          return;
        }
        seen.set(slug, number);
        const known = input.initiatives.get(slug);
        if (!known) {
          problems.push(
            `${at(column.slug, HEADERS.slug)}: sáng kiến "${slug}" chưa có trong kho (chưa được công bố vào nhánh chính).`,
          );
        } else if (known.campaign && known.campaign !== input.campaignId) {
          problems.push(
            `${at(column.slug, HEADERS.slug)}: sáng kiến "${slug}" thuộc đợt "${known.campaign}", không thuộc đợt ${input.campaignId}.`,
          );
        }

        const scores: Record<string, number> = {};
        let rowOk = true;
        criteria.forEach(({ criterion, column: c }, index) => {
          if (c === undefined) return;
          const read = cellNumber(scoreCells[index] ?? null);
          const where = at(c, criterion.name).replace(/"[^"]*"$/, `"${criterion.name}"`);
          if (!read.ok) {
            problems.push(`${where}: "${read.shown}" không phải là số.`);
            rowOk = false;
          } else if (read.value === undefined) {
            problems.push(`${where}: chưa có điểm.`);
            rowOk = false;
          } else if (read.value < 0) {
            problems.push(`${where}: điểm không được âm.`);
            rowOk = false;
          } else if (read.value > criterion.max) {
            problems.push(
              `${where}: ${formatNumber(read.value)} vượt điểm tối đa ${criterion.max}.`,
            );
            rowOk = false;
          } else {
            scores[criterion.id] = read.value;
          }
        });

        const count = (columnNumber: number | undefined, header: string) => {
          const read = cellNumber(value(columnNumber));
          if (
            !read.ok ||
            (read.value !== undefined && (!Number.isInteger(read.value) || read.value < 0))
          ) {
            problems.push(`${at(columnNumber, header)}: số phiếu phải là số nguyên không âm.`);
            rowOk = false;
            return 0;
          }
          if (read.value === undefined) {
            problems.push(`${at(columnNumber, header)}: chưa ghi số phiếu.`);
            rowOk = false;
            return 0;
          }
          return read.value;
        };
        const votesFor = count(column.votesFor, HEADERS.votesFor);
        const votesAgainst = count(column.votesAgainst, HEADERS.votesAgainst);

        const authorNames = known?.authors ?? parseAuthors(cellText(value(column.authors)));
        const authorKeys = new Set(authorNames.map(nameKey));
        const recusedMembers = members.filter((member) => authorKeys.has(nameKey(member.name)));
        const voting = members.length - recusedMembers.length;
        const needed = votesNeeded(voting);
        const cast = votesFor + votesAgainst;
        if (rowOk && members.length > 0) {
          if (cast > voting) {
            problems.push(
              recusedMembers.length > 0
                ? `${at(column.votesFor, HEADERS.votesFor)}: có ${cast} phiếu nhưng chỉ ${voting} thành viên được biểu quyết: ${recusedMembers.map((member) => member.name).join(', ')} là tác giả của sáng kiến nên không được chấm điểm và biểu quyết.`
                : `${at(column.votesFor, HEADERS.votesFor)}: có ${cast} phiếu, nhiều hơn số thành viên Hội đồng (${voting}).`,
            );
            rowOk = false;
          } else if (cast < needed) {
            problems.push(
              `${at(column.votesFor, HEADERS.votesFor)}: chỉ có ${cast} phiếu; cần ít nhất ${needed} trong ${voting} thành viên được biểu quyết (hai phần ba) tham gia biểu quyết.`,
            );
            rowOk = false;
          }
        }

        const total = totalScore(scores);
        const proposed = cellYesNo(value(column.recognised));
        if (proposed === 'invalid') {
          problems.push(
            `${at(column.recognised, HEADERS.recognised)}: ghi "Có", "Không" hoặc để trống.`,
          );
          rowOk = false;
        }
        const majority = votesFor >= needed;
        const passes = total >= campaign.rubric.passScore;
        if (proposed === true && rowOk && !majority) {
          problems.push(
            `${at(column.recognised, HEADERS.recognised)}: được công nhận cần ít nhất ${needed}/${voting} phiếu đồng ý (hai phần ba thành viên biểu quyết), mới có ${votesFor}.`,
          );
          rowOk = false;
        }
        if (proposed === true && rowOk && !passes) {
          problems.push(
            `${at(column.recognised, HEADERS.recognised)}: tổng điểm ${formatNumber(total)} thấp hơn điểm tối thiểu ${campaign.rubric.passScore} để được công nhận.`,
          );
          rowOk = false;
        }
        const recognised = proposed === true || proposed === false ? proposed : majority && passes;

        const scopeText = cellText(value(column.scope));
        let scope: string | undefined;
        if (scopeText) {
          scope = input.scopeLevels.find(
            (level) => nameKey(level.name) === nameKey(scopeText) || level.id === scopeText,
          )?.id;
          if (!scope) {
            problems.push(
              `${at(column.scope, HEADERS.scope)}: "${scopeText}" không có trong danh mục phạm vi (${input.scopeLevels.map((level) => level.name).join(', ')}).`,
            );
            rowOk = false;
          }
        }
        const replicate = cellYesNo(value(column.replicate));
        if (replicate === 'invalid') {
          problems.push(
            `${at(column.replicate, HEADERS.replicate)}: ghi "Có", "Không" hoặc để trống.`,
          );
          rowOk = false;
        }
        const note = cellText(value(column.note));
        if (!rowOk) return;
        const grade = recognised ? gradeForScore(campaign.rubric.grades, total)?.id : undefined;
        results.push({
          initiative: slug,
          scores,
          votesFor,
          votesAgainst,
          recused: recusedMembers.map((member) => member.id),
          recognised,
          ...(grade ? { grade } : {}),
          ...(scope ? { scope } : {}),
          replicate: replicate === true,
          ...(note ? { note } : {}),
        });
      });
    }
  }
  if (problems.length > 0) throw new SheetError(problems);
  if (results.length === 0)
    throw new SheetError([
      `Trang "${SHEETS.list}": chưa có sáng kiến nào được chấm điểm và biểu quyết.`,
    ]);

  const decision = {
    campaign: input.campaignId,
    document: documentPart?.document,
    meetingOn: documentPart?.meetingOn,
    members,
    results,
    ...(input.previous?.sample ? { sample: true } : {}),
  };
  const parsed = parseWithInput(decisionSchema, decision);
  if (!parsed.success) {
    throw new SheetError(
      parsed.error.issues.map(
        (issue) => `Kết quả không hợp lệ — ${formatIssue(decisionSchema, issue)}`,
      ),
    );
  }
  return parsed.data;
}
