/**
 * The committee's arithmetic: votes needed, total score, grade. The validator,
 * the sheet reader (`decide`), the reports, the Word lists and the site all
 * count the same way.
 */
import type { Criterion, Grade } from '../schemas/campaign.ts';
import { RECOGNITION_MAJORITY } from '../schemas/decision.ts';

/**
 * Votes in favour needed to recognise an initiative: two thirds of the members
 * who may vote, rounded up (7 → 5, 6 → 4, 3 → 2). The epsilon keeps a product
 * that floating point puts a hair above a whole number from rounding up.
 */
export function votesNeeded(voting: number): number {
  return Math.max(0, Math.ceil(voting * RECOGNITION_MAJORITY - 1e-9));
}

/**
 * Sum of the criteria scores, to two decimals: averages of members' marks
 * (27.5 + 18.33 …) must not become 59.999999999 against a pass mark of 60.
 */
export function totalScore(scores: Readonly<Record<string, number | undefined>>): number {
  let sum = 0;
  for (const score of Object.values(scores)) sum += score ?? 0;
  return Math.round(sum * 100) / 100;
}

/** The highest grade whose minimum the total reaches, whatever order the rubric lists them in. */
export function gradeForScore<T extends Pick<Grade, 'minScore'>>(
  grades: readonly T[],
  total: number,
): T | undefined {
  return [...grades]
    .sort((a, b) => b.minScore - a.minScore)
    .find((grade) => total >= grade.minScore);
}

/** Name of a grade recorded in a decision; the id itself when the rubric no longer has it. */
export function gradeName(
  grades: readonly Pick<Grade, 'id' | 'name'>[],
  id: string | undefined,
): string | undefined {
  if (!id) return undefined;
  return grades.find((grade) => grade.id === id)?.name ?? id;
}

/** Column header of a criterion, in the scoring sheet and the Word lists: "Tính mới (tối đa 30)". */
export function criterionHeader(criterion: Pick<Criterion, 'name' | 'max'>): string {
  return `${criterion.name} (tối đa ${criterion.max})`;
}

const MAX_SUFFIX = /\s*\(tối đa[^)]*\)\s*$/i;

/**
 * A criterion header read back from a sheet a secretary may have edited: the
 * name, and whether the "(tối đa …)" part is still there.
 */
export function readCriterionHeader(header: string): { name: string; withMax: boolean } {
  return { name: header.replace(MAX_SUFFIX, ''), withMax: MAX_SUFFIX.test(header) };
}
