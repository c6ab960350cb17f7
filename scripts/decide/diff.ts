/**
 * What a new run of `decide` changes in a decision already recorded: results added,
 * changed (field by field) and removed, and changes to the decision's own facts. A run
 * that would change or remove a decided result needs `--replace`.
 */

import { gradeName } from '../../src/core/committee.ts';
import { formatDate } from '../../src/core/dates.ts';
import { formatNumber } from '../../src/core/numbers.ts';
import type { Decision, DecisionResult, Grade } from '../../src/schemas/index.ts';

export interface DecisionDiff {
  added: DecisionResult[];
  removed: DecisionResult[];
  changed: { initiative: string; changes: string[] }[];
  /**
   * Results recorded before members' marks were kept, whose marks this run adds without
   * changing anything decided: written without `--replace`.
   */
  marksAdded: string[];
  /** Changes to the decision's number, dates and members. */
  facts: string[];
}

/** Equal as data, whatever order a file's keys were written in. */
function same(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([, item]) => item !== undefined)
              .sort(([x], [y]) => x.localeCompare(y))
              .map(([key, item]) => [key, canonical(item)]),
          )
        : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

const yesNo = (value: boolean) => (value ? 'có' : 'không');
const list = (values: readonly string[]) => (values.length ? values.join(', ') : '(không)');
const shown = (value: string | undefined) => value ?? '(trống)';

function resultChanges(
  before: DecisionResult,
  after: DecisionResult,
  grades: readonly Pick<Grade, 'id' | 'name'>[],
  criteria: readonly { id: string; name: string }[],
): string[] {
  const changes: string[] = [];
  const ids = [...new Set([...Object.keys(before.scores), ...Object.keys(after.scores)])];
  for (const id of ids) {
    if (before.scores[id] !== after.scores[id]) {
      const name = criteria.find((criterion) => criterion.id === id)?.name ?? id;
      const format = (value: number | undefined) =>
        value === undefined ? '(trống)' : formatNumber(value);
      changes.push(`${name}: ${format(before.scores[id])} → ${format(after.scores[id])}`);
    }
  }
  if (before.votesFor !== after.votesFor || before.votesAgainst !== after.votesAgainst) {
    changes.push(
      `phiếu đồng ý/không đồng ý: ${before.votesFor}/${before.votesAgainst} → ${after.votesFor}/${after.votesAgainst}`,
    );
  }
  if (!same([...before.recused].sort(), [...after.recused].sort())) {
    changes.push(`không biểu quyết: ${list(before.recused)} → ${list(after.recused)}`);
  }
  if (before.recognised !== after.recognised) {
    changes.push(`công nhận: ${yesNo(before.recognised)} → ${yesNo(after.recognised)}`);
  }
  if (before.grade !== after.grade) {
    changes.push(
      `xếp loại: ${shown(gradeName(grades, before.grade))} → ${shown(gradeName(grades, after.grade))}`,
    );
  }
  if (before.scope !== after.scope)
    changes.push(`phạm vi: ${shown(before.scope)} → ${shown(after.scope)}`);
  if (before.replicate !== after.replicate)
    changes.push(`nhân rộng: ${yesNo(before.replicate)} → ${yesNo(after.replicate)}`);
  if (before.note !== after.note) changes.push('ghi chú thay đổi');
  if (before.marks && !same(before.marks, after.marks))
    changes.push('phiếu của từng thành viên thay đổi');
  return changes;
}

export function diffDecisions(
  before: Decision,
  after: Decision,
  rubric: {
    grades: readonly Pick<Grade, 'id' | 'name'>[];
    criteria: readonly { id: string; name: string }[];
  },
): DecisionDiff {
  const previous = new Map(before.results.map((result) => [result.initiative, result]));
  const next = new Map(after.results.map((result) => [result.initiative, result]));
  const changed: DecisionDiff['changed'] = [];
  const marksAdded: string[] = [];
  for (const result of after.results) {
    const old = previous.get(result.initiative);
    if (!old) continue;
    const changes = resultChanges(old, result, rubric.grades, rubric.criteria);
    if (changes.length) changed.push({ initiative: result.initiative, changes });
    else if (!old.marks && result.marks) marksAdded.push(result.initiative);
  }
  const facts: string[] = [];
  if (!same(before.document, after.document))
    facts.push(
      `quyết định: ${before.document.number} ngày ${formatDate(before.document.date)} → ${after.document.number} ngày ${formatDate(after.document.date)}`,
    );
  if (before.meetingOn !== after.meetingOn)
    facts.push(`ngày họp xét: ${formatDate(before.meetingOn)} → ${formatDate(after.meetingOn)}`);
  const names = (decision: Decision) => decision.members.map((member) => member.id);
  if (!same(before.members, after.members)) {
    const gone = names(before).filter((id) => !names(after).includes(id));
    const come = names(after).filter((id) => !names(before).includes(id));
    facts.push(
      gone.length || come.length
        ? `thành viên: bớt ${list(gone)}; thêm ${list(come)}`
        : 'thành viên: họ tên, chức vụ hoặc vai trò thay đổi',
    );
  }
  return {
    added: after.results.filter((result) => !previous.has(result.initiative)),
    removed: before.results.filter((result) => !next.has(result.initiative)),
    changed,
    marksAdded,
    facts,
  };
}

/** True when the run would change or drop something already decided. */
export function replacesDecided(diff: DecisionDiff): boolean {
  return diff.removed.length > 0 || diff.changed.length > 0 || diff.facts.length > 0;
}

export function isEmptyDiff(diff: DecisionDiff): boolean {
  return !replacesDecided(diff) && diff.added.length === 0 && diff.marksAdded.length === 0;
}

/** The diff in Vietnamese, one line per change. */
export function describeDiff(diff: DecisionDiff): string[] {
  return [
    ...diff.facts.map((fact) => `~ ${fact}`),
    ...diff.added.map(
      (result) =>
        `+ ${result.initiative}: thêm (${result.recognised ? 'được công nhận' : 'không được công nhận'})`,
    ),
    ...diff.changed.map((item) => `~ ${item.initiative}: ${item.changes.join('; ')}`),
    ...diff.marksAdded.map(
      (initiative) => `+ ${initiative}: ghi thêm phiếu của từng thành viên (kết quả không đổi)`,
    ),
    ...diff.removed.map(
      (result) =>
        `- ${result.initiative}: bỏ kết quả đã ghi (${result.recognised ? 'được công nhận' : 'không được công nhận'})`,
    ),
  ];
}
