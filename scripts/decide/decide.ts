/**
 * From a filled-in workbook to the committee's decision: the members' ballots checked
 * against the campaign's roster, averaged and counted (src/core/committee.ts), with
 * Vietnamese messages naming the ballot or page, the row and the column.
 */

import type ExcelJS from 'exceljs';
import {
  compareRoster,
  gradeForScore,
  type Mark,
  type Seat,
  type Tally,
  tally,
} from '../../src/core/committee.ts';
import { formatNumber } from '../../src/core/numbers.ts';
import { slugify } from '../../src/core/slug.ts';
import { nameKey } from '../../src/core/text.ts';
import {
  DECISION_LABELS,
  HEADERS,
  MEMBER_HEADERS,
  NO,
  SHEETS,
  YES,
} from '../../src/documents/committee/columns.ts';
import { fieldLabel } from '../../src/model/labels.ts';
import type { FieldPath } from '../../src/model/problems.ts';
import {
  describeIssue,
  formatIssue,
  issuePath,
  parseWithInput,
} from '../../src/model/zod-errors.ts';
import {
  type Campaign,
  type Decision,
  type DecisionResult,
  decisionSchema,
  type Member,
  type ScopeLevel,
} from '../../src/schemas/index.ts';
import { type Ballot, readBallots } from './ballots.ts';
import { cellDate, cellText, cellYesNo } from './cells.ts';

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
  /** Initiatives in the repository: slug → campaign, author names and title (for messages). */
  initiatives: Map<string, { campaign?: string; authors: string[]; title?: string }>;
  /** The decision file as it is now, if any (its `sample` flag is kept). */
  previous?: Decision;
  /** Where the roster is written, for messages (`rosterPlace`): the campaign's file or its organiser's. */
  rosterPlace: string;
  /**
   * Ballots handed out as files of their own (`--ballots`): when given, the ballots are
   * these, and the workbook's own ballot pages are not read.
   */
  ballotFiles?: { file: string; book: ExcelJS.Workbook }[];
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

/** The members a sheet's "Hội đồng" page names (the report copies the roster there). */
function readSheetMembers(book: ExcelJS.Workbook, problems: string[]): Seat[] | undefined {
  const sheetTable = table(book, SHEETS.members, problems);
  if (!sheetTable) return undefined;
  const where = `Trang "${SHEETS.members}", `;
  const idColumn = sheetTable.columns.get(nameKey(MEMBER_HEADERS.id));
  const nameColumn = required(sheetTable, MEMBER_HEADERS.name, problems, where);
  if (nameColumn === undefined) return undefined;
  const seats: Seat[] = [];
  sheetTable.sheet.eachRow((row, number) => {
    if (number === 1) return;
    const name = cellText(row.getCell(nameColumn).value);
    const id = idColumn === undefined ? '' : cellText(row.getCell(idColumn).value);
    if (!name && !id) return;
    seats.push({ id: id || slugify(name), name: name || id });
  });
  return seats;
}

const who = (seats: readonly Seat[]) => seats.map((seat) => `${seat.name} (${seat.id})`).join(', ');

/**
 * The sheet's members must be the roster: a row deleted from "Hội đồng", a ballot
 * missing or one too many is refused by name, never counted around.
 */
function checkMembers(
  input: DecideInput,
  roster: readonly Member[],
  seats: readonly Seat[] | undefined,
  ballots: readonly Ballot[],
  problems: string[],
): Map<string, Ballot> {
  const rosterPlace = `danh sách Hội đồng của đợt (${input.rosterPlace})`;
  if (seats) {
    const difference = compareRoster(roster, seats);
    if (difference.missing.length > 0)
      problems.push(
        `Trang "${SHEETS.members}" thiếu ${difference.missing.length} thành viên có trong ${rosterPlace}: ${who(difference.missing)}.`,
      );
    if (difference.extra.length > 0)
      problems.push(
        `Trang "${SHEETS.members}" có ${difference.extra.length} người không có trong ${rosterPlace}: ${who(difference.extra)}.`,
      );
  }
  const byMember = new Map<string, Ballot>();
  const strangers: Seat[] = [];
  for (const ballot of ballots) {
    const seat = { id: ballot.memberId, name: ballot.memberName };
    const member = roster.find((item) => compareRoster([item], [seat]).missing.length === 0);
    if (!member) {
      strangers.push({ id: seat.id || slugify(seat.name), name: seat.name || seat.id });
      continue;
    }
    const other = byMember.get(member.id);
    if (other) {
      problems.push(
        `${member.name} (${member.id}) có hai phiếu: "${other.sheet}" và "${ballot.sheet}".`,
      );
      continue;
    }
    byMember.set(member.id, ballot);
  }
  if (strangers.length > 0)
    problems.push(
      `Có ${strangers.length} phiếu của người không có trong ${rosterPlace}: ${who(strangers)}.`,
    );
  const without = roster.filter((member) => !byMember.has(member.id));
  if (without.length > 0)
    problems.push(
      `Thiếu phiếu chấm của ${without.length} thành viên: ${who(without)}. Thành viên vắng vẫn có phiếu, để trống.`,
    );
  return byMember;
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
    where,
  };
}

/** What the committee's counting came to for one initiative, for the summary. */
export interface InitiativeCount {
  initiative: string;
  tally: Tally<Member>;
  recognised: boolean;
  grade?: string;
}

/** Where a value of the decision came from, for a message about it. */
export interface Place {
  /** The sheet, row and column of the workbook (or the file) the value was read from, if known. */
  cell?: string;
  /** The initiative whose result holds the value: its title and id. */
  initiative?: string;
  /**
   * The field by its Vietnamese label, inside the initiative's result when there is one;
   * left out when the cell already names it (the "Quyết định" page labels its own rows).
   */
  field?: string;
}

/** "Trang …, dòng …, cột … — sáng kiến "…" (…), mục "…"": every part that is known. */
export function describePlace(place: Place): string {
  const where = [place.cell, place.initiative ? `sáng kiến ${place.initiative}` : undefined]
    .filter(Boolean)
    .join(' — ');
  const field = place.field ? `mục "${place.field}"` : '';
  return [where, field].filter(Boolean).join(', ') || 'tệp quyết định';
}

export interface Decided {
  decision: Decision;
  counts: InitiativeCount[];
  /** Where a field of the decision (`['results', 2, 'note']`) was read from. */
  placeOf: (path: FieldPath) => Place;
}

interface ListRow {
  row: number;
  recognised: ExcelJS.CellValue;
  scope: ExcelJS.CellValue;
  replicate: ExcelJS.CellValue;
  note: ExcelJS.CellValue;
}

/** The list sheet's own columns, by initiative: what the committee proposes beyond the ballots. */
function readList(book: ExcelJS.Workbook, problems: string[]) {
  const list = table(book, SHEETS.list, problems);
  const rows = new Map<string, ListRow>();
  if (!list) return { list, rows };
  const column = {
    slug: required(list, HEADERS.slug, problems),
    recognised: list.columns.get(nameKey(HEADERS.recognised)),
    scope: list.columns.get(nameKey(HEADERS.scope)),
    replicate: list.columns.get(nameKey(HEADERS.replicate)),
    note: list.columns.get(nameKey(HEADERS.note)),
  };
  if (column.slug === undefined) return { list, rows };
  const slugColumn = column.slug;
  list.sheet.eachRow((row, number) => {
    if (number === 1) return;
    const slug = cellText(row.getCell(slugColumn).value);
    if (!slug || rows.has(slug)) return;
    const value = (columnNumber: number | undefined) =>
      columnNumber === undefined ? null : row.getCell(columnNumber).value;
    rows.set(slug, {
      row: number,
      recognised: value(column.recognised),
      scope: value(column.scope),
      replicate: value(column.replicate),
      note: value(column.note),
    });
  });
  return { list, rows };
}

export function decide(input: DecideInput): Decided {
  const problems: string[] = [];
  const { campaign } = input;
  const roster = campaign.committee?.members ?? [];
  if (roster.length === 0) {
    throw new SheetError([
      `Đợt "${input.campaignId}" chưa có danh sách Hội đồng: ghi thành viên và vai trò ở ${input.rosterPlace}, rồi lập lại bảng bằng npm run report.`,
    ]);
  }
  const criteria = campaign.rubric.criteria;
  const seats = readSheetMembers(input.book, problems);
  const ballots = input.ballotFiles
    ? input.ballotFiles.flatMap(({ file, book }) => readBallots(book, criteria, problems, file))
    : readBallots(input.book, criteria, problems);
  const byMember = checkMembers(input, roster, seats, ballots, problems);
  const documentPart = readDocument(input.book, problems);
  const { list, rows } = readList(input.book, problems);

  // Which initiatives this decision covers: those some member marked, in the list's order.
  const marked = new Map<string, Map<string, Mark>>();
  const firstLine = new Map<string, string>();
  for (const member of roster) {
    const ballot = byMember.get(member.id);
    for (const line of ballot?.lines ?? []) {
      if (!marked.has(line.slug)) {
        marked.set(line.slug, new Map());
        firstLine.set(line.slug, `Phiếu "${ballot?.sheet}", dòng ${line.row}`);
      }
      marked.get(line.slug)?.set(member.id, { scores: line.scores, vote: line.vote });
    }
  }
  const order = [...rows.keys()];
  const slugs = [...marked.keys()].sort(
    (a, b) =>
      (order.indexOf(a) + 1 || Number.MAX_SAFE_INTEGER) -
      (order.indexOf(b) + 1 || Number.MAX_SAFE_INTEGER),
  );
  const results: DecisionResult[] = [];
  const counts: InitiativeCount[] = [];
  const listHeader = (header: string) =>
    (list && [...list.headers].find(([, text]) => nameKey(text) === nameKey(header))?.[1]) ||
    header;
  const listAt = (row: number, header: string) =>
    `Trang "${SHEETS.list}", dòng ${row}, cột "${listHeader(header)}"`;
  for (const slug of slugs) {
    const where = firstLine.get(slug) ?? '';
    const known = input.initiatives.get(slug);
    if (!known) {
      problems.push(
        `${where}: sáng kiến "${slug}" chưa có trong kho (chưa được công bố vào nhánh chính).`,
      );
      continue;
    }
    if (known.campaign && known.campaign !== input.campaignId) {
      problems.push(
        `${where}: sáng kiến "${slug}" thuộc đợt "${known.campaign}", không thuộc đợt ${input.campaignId}.`,
      );
      continue;
    }
    const count = tally({
      members: roster,
      authors: known.authors,
      criteria,
      marks: marked.get(slug) ?? new Map(),
    });
    let ok = true;
    for (const member of count.recusedButMarked) {
      const line = byMember.get(member.id)?.lines.find((item) => item.slug === slug);
      problems.push(
        `Phiếu "${byMember.get(member.id)?.sheet}", dòng ${line?.row}: ${member.name} là tác giả của sáng kiến "${slug}" nên không chấm điểm, không biểu quyết; xóa điểm và biểu quyết ở dòng này.`,
      );
      ok = false;
    }
    const voting = count.entitled.length;
    const cast = count.votesFor + count.votesAgainst;
    if (ok && !count.quorum) {
      problems.push(
        `Sáng kiến "${slug}": chỉ ${cast} trong ${voting} thành viên được biểu quyết đã chấm và biểu quyết; cần ít nhất ${count.needed} (hai phần ba).`,
      );
      ok = false;
    }
    const listRow = rows.get(slug);
    const passes = count.total >= campaign.rubric.passScore;
    const proposed = listRow ? cellYesNo(listRow.recognised) : undefined;
    if (listRow && proposed === 'invalid') {
      problems.push(
        `${listAt(listRow.row, HEADERS.recognised)}: ghi "${YES}", "${NO}" hoặc để trống.`,
      );
      ok = false;
    }
    if (listRow && proposed === true && ok && !count.majority) {
      problems.push(
        `${listAt(listRow.row, HEADERS.recognised)}: được công nhận cần ít nhất ${count.needed}/${voting} phiếu đồng ý (hai phần ba thành viên được biểu quyết), mới có ${count.votesFor}.`,
      );
      ok = false;
    }
    if (listRow && proposed === true && ok && !passes) {
      problems.push(
        `${listAt(listRow.row, HEADERS.recognised)}: tổng điểm bình quân ${formatNumber(count.total)} thấp hơn điểm tối thiểu ${campaign.rubric.passScore} để được công nhận.`,
      );
      ok = false;
    }
    // The ballots decide; the column, pre-filled with the recorded result, may only agree.
    const recognised = count.majority && passes;
    if (listRow && proposed === false && ok && recognised) {
      problems.push(
        `${listAt(listRow.row, HEADERS.recognised)}: ghi "${NO}", nhưng ${count.votesFor}/${voting} thành viên được biểu quyết đồng ý (cần ${count.needed}) và tổng điểm bình quân ${formatNumber(count.total)} đạt điểm tối thiểu ${campaign.rubric.passScore}, nên theo phiếu sáng kiến được công nhận. Sửa thành "${YES}" hoặc để trống.`,
      );
      ok = false;
    }
    let scope: string | undefined;
    const scopeText = listRow ? cellText(listRow.scope) : '';
    if (listRow && scopeText) {
      scope = input.scopeLevels.find(
        (level) => nameKey(level.name) === nameKey(scopeText) || level.id === scopeText,
      )?.id;
      if (!scope) {
        problems.push(
          `${listAt(listRow.row, HEADERS.scope)}: "${scopeText}" không có trong danh mục phạm vi (${input.scopeLevels.map((level) => level.name).join(', ')}).`,
        );
        ok = false;
      }
    }
    const replicate = listRow ? cellYesNo(listRow.replicate) : undefined;
    if (listRow && replicate === 'invalid') {
      problems.push(
        `${listAt(listRow.row, HEADERS.replicate)}: ghi "${YES}", "${NO}" hoặc để trống.`,
      );
      ok = false;
    }
    const note = listRow ? cellText(listRow.note) : '';
    if (!ok) continue;
    const grade = recognised ? gradeForScore(campaign.rubric.grades, count.total)?.id : undefined;
    const memberMarks = marked.get(slug) ?? new Map<string, Mark>();
    results.push({
      initiative: slug,
      scores: count.averages,
      // Each scorer's own line, in roster order, so the averages can be recomputed later.
      marks: count.scorers.flatMap((member) => {
        const mark = memberMarks.get(member.id);
        return mark?.scores && mark.vote
          ? [{ member: member.id, scores: { ...mark.scores }, vote: mark.vote }]
          : [];
      }),
      votesFor: count.votesFor,
      votesAgainst: count.votesAgainst,
      recused: count.recused.map((member) => member.id),
      recognised,
      ...(grade ? { grade } : {}),
      ...(scope ? { scope } : {}),
      replicate: replicate === true,
      ...(note ? { note } : {}),
    });
    counts.push({ initiative: slug, tally: count, recognised, ...(grade ? { grade } : {}) });
  }
  if (problems.length > 0) throw new SheetError(problems);
  if (results.length === 0)
    throw new SheetError([
      'Chưa có sáng kiến nào được chấm: các trang phiếu của thành viên còn trống.',
    ]);

  const decision = {
    campaign: input.campaignId,
    document: documentPart?.document,
    meetingOn: documentPart?.meetingOn,
    members: roster,
    results,
    ...(input.previous?.sample ? { sample: true } : {}),
  };
  const placeOf = (path: FieldPath): Place => {
    const [top, index, ...rest] = path;
    const field = labelWithin(path, criteria);
    const page = (label: string) =>
      documentPart ? { cell: documentPart.where(label) } : { field };
    if (top === 'document' && typeof index === 'string' && Object.hasOwn(DECISION_LABELS, index))
      return page(DECISION_LABELS[index as keyof typeof DECISION_LABELS]);
    if (top === 'meetingOn') return page(DECISION_LABELS.meetingOn);
    if (top === 'members' && typeof index === 'number') {
      const member = roster[index];
      return {
        cell: `${input.rosterPlace}${member ? `, ${member.name} (${member.id})` : ''}`,
        field,
      };
    }
    const result = top === 'results' && typeof index === 'number' ? results[index] : undefined;
    if (!result) return { field };
    const slug = result.initiative;
    const title = input.initiatives.get(slug)?.title;
    const initiative = title ? `"${title}" (${slug})` : `"${slug}"`;
    const listRow = rows.get(slug);
    const [key, line, ...inLine] = rest;
    const column =
      typeof key === 'string' && Object.hasOwn(LIST_COLUMNS, key)
        ? LIST_COLUMNS[key as keyof typeof LIST_COLUMNS]
        : undefined;
    if (column && listRow)
      return {
        cell: `Trang "${SHEETS.list}", dòng ${listRow.row}, cột "${listHeader(column)}"`,
        initiative,
        field,
      };
    if (key === 'marks' && typeof line === 'number') {
      const mark = result.marks?.[line];
      const ballot = mark ? byMember.get(mark.member) : undefined;
      const row = ballot?.lines.find((item) => item.slug === slug)?.row;
      if (ballot && row !== undefined) {
        const header =
          inLine[0] === 'vote'
            ? ballot.headers.vote
            : inLine[0] === 'scores' && typeof inLine[1] === 'string'
              ? ballot.headers.criteria[inLine[1]]
              : undefined;
        return {
          cell: `Phiếu "${ballot.sheet}", dòng ${row}${header ? `, cột "${header}"` : ''}`,
          initiative,
          field,
        };
      }
    }
    // Averages, votes and grade are counted from every ballot: the initiative's row says which.
    return {
      cell: listRow ? `Trang "${SHEETS.list}", dòng ${listRow.row}` : firstLine.get(slug),
      initiative,
      field,
    };
  };
  const parsed = parseWithInput(decisionSchema, decision);
  if (!parsed.success) {
    throw new SheetError(
      parsed.error.issues.map((issue) => {
        const path = issuePath(issue);
        return path.length > 0
          ? `Kết quả không hợp lệ — ${describePlace(placeOf(path))}: ${describeIssue(issue)}`
          : `Kết quả không hợp lệ — ${formatIssue(decisionSchema, issue)}`;
      }),
    );
  }
  return { decision: parsed.data, counts, placeOf };
}

/** The list sheet's own columns, by the field of a result they fill. */
const LIST_COLUMNS = {
  recognised: HEADERS.recognised,
  scope: HEADERS.scope,
  replicate: HEADERS.replicate,
  note: HEADERS.note,
} as const;

/**
 * The field's Vietnamese label, inside its initiative's result when it is in one (the
 * initiative is named apart), with a criterion called by its name rather than its id.
 */
function labelWithin(path: FieldPath, criteria: readonly { id: string; name: string }[]): string {
  const parts = fieldLabel(decisionSchema, path).split(' › ');
  const last = path.at(-1);
  const criterion = criteria.find((item) => item.id === last);
  if (criterion && path.at(-2) === 'scores') parts[parts.length - 1] = criterion.name;
  const inResult = path[0] === 'results' && typeof path[1] === 'number' && path.length > 2;
  return (inResult ? parts.slice(1) : parts).join(' › ');
}
