/**
 * The committee's arithmetic: votes needed, total score, grade. The validator,
 * the sheet reader (`decide`), the reports, the Word lists and the site all
 * count the same way.
 */
import type { Criterion, Grade } from '../schemas/campaign.ts';
import { RECOGNITION_MAJORITY } from '../schemas/decision.ts';
import { fold, nameKey } from './text.ts';

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

/** Who sits on the committee, as far as counting is concerned. */
export interface Seat {
  id: string;
  name: string;
}

/**
 * Members who may not score or vote on an initiative: its authors. Names are compared with
 * their accents (case, spacing and Unicode form set aside): "Nguyễn Văn Thanh" and
 * "Nguyễn Văn Thành", "Trần Văn Hùng" and "Trần Văn Hưng" are different people, and barring
 * a member who wrote nothing would change the count. Names alike only once the accents are
 * gone are for a person to judge: see `namesAlike`.
 */
export function recusedSeats<T extends Seat>(
  members: readonly T[],
  authors: readonly string[],
): T[] {
  const authorKeys = new Set(authors.map(nameKey));
  return members.filter((member) => authorKeys.has(nameKey(member.name)));
}

/**
 * Pairs of a member and an author whose names differ only by accents ("Tran Van Hung" and
 * "Trần Văn Hùng", or "Thanh" and "Thành"): perhaps one person typed two ways, perhaps two
 * people. The validator warns about them; the count treats them as two people.
 */
export function namesAlike<T extends Seat>(
  members: readonly T[],
  authors: readonly string[],
): { member: T; author: string }[] {
  return members.flatMap((member) =>
    authors
      .filter(
        (author) => fold(author) === fold(member.name) && nameKey(author) !== nameKey(member.name),
      )
      .map((author) => ({ member, author })),
  );
}

/** One member's ballot line for one initiative: the marks and the vote, or nothing (did not take part). */
export interface Mark {
  scores?: Readonly<Record<string, number>>;
  vote?: 'for' | 'against';
}

export interface Tally<T extends Seat = Seat> {
  /** Members of the roster who may score and vote (the roster less the recused). */
  entitled: T[];
  recused: T[];
  /** Entitled members who scored, in roster order. */
  scorers: T[];
  /** Entitled members whose line is blank. */
  absent: T[];
  /** Recused members whose line is not blank: their marks are not counted, and the sheet is wrong. */
  recusedButMarked: T[];
  /** Mean of the scorers' marks per criterion, to two decimals; empty when nobody scored. */
  averages: Record<string, number>;
  total: number;
  votesFor: number;
  votesAgainst: number;
  /** Votes in favour needed: two thirds of the entitled members. */
  needed: number;
  /** Two thirds of the entitled members voted for. */
  majority: boolean;
  /** At least two thirds of the entitled members cast a vote. */
  quorum: boolean;
}

/**
 * Count one initiative from the members' own ballots: the roster decides who counts, so a
 * missing line lowers nothing — the bar stays two thirds of every member entitled to vote.
 * An author's marks are never folded into the averages.
 */
export function tally<T extends Seat>(input: {
  members: readonly T[];
  authors: readonly string[];
  criteria: readonly Pick<Criterion, 'id'>[];
  marks: ReadonlyMap<string, Mark>;
}): Tally<T> {
  const recused = recusedSeats(input.members, input.authors);
  const recusedIds = new Set(recused.map((member) => member.id));
  const entitled = input.members.filter((member) => !recusedIds.has(member.id));
  const blank = (mark: Mark | undefined) => !mark || (!mark.scores && !mark.vote);
  const scorers = entitled.filter((member) => input.marks.get(member.id)?.scores);
  const absent = entitled.filter((member) => blank(input.marks.get(member.id)));
  const recusedButMarked = recused.filter((member) => !blank(input.marks.get(member.id)));
  const averages: Record<string, number> = {};
  if (scorers.length > 0) {
    for (const criterion of input.criteria) {
      let sum = 0;
      for (const member of scorers) sum += input.marks.get(member.id)?.scores?.[criterion.id] ?? 0;
      averages[criterion.id] = Math.round((sum / scorers.length) * 100) / 100;
    }
  }
  const votes = (vote: Mark['vote']) =>
    entitled.filter((member) => input.marks.get(member.id)?.vote === vote).length;
  const votesFor = votes('for');
  const votesAgainst = votes('against');
  const needed = votesNeeded(entitled.length);
  return {
    entitled,
    recused,
    scorers,
    absent,
    recusedButMarked,
    averages,
    total: totalScore(averages),
    votesFor,
    votesAgainst,
    needed,
    majority: entitled.length > 0 && votesFor >= needed,
    quorum: entitled.length > 0 && votesFor + votesAgainst >= needed,
  };
}

/** A member's ballot line as a decision file keeps it (`results[].marks`). */
export interface StoredMark {
  member: string;
  scores: Readonly<Record<string, number>>;
  vote: 'for' | 'against';
}

/**
 * Count a recorded result again from the marks it keeps: the members recused in the file
 * and every member who wrote the initiative sit out, so an author's line shows up in
 * `recusedButMarked` instead of being folded into the averages.
 */
export function recount<T extends Seat>(input: {
  members: readonly T[];
  authors: readonly string[];
  recused: readonly string[];
  criteria: readonly Pick<Criterion, 'id'>[];
  marks: readonly StoredMark[];
}): Tally<T> {
  const recusedNames = input.members
    .filter((member) => input.recused.includes(member.id))
    .map((member) => member.name);
  return tally({
    members: input.members,
    authors: [...input.authors, ...recusedNames],
    criteria: input.criteria,
    marks: new Map(
      input.marks.map((mark) => [mark.member, { scores: mark.scores, vote: mark.vote }]),
    ),
  });
}

export interface RosterDifference<T extends Seat> {
  /** On the roster, not on the sheet. */
  missing: T[];
  /** On the sheet, not on the roster. */
  extra: Seat[];
}

/**
 * Compare the members a sheet names with the roster, by id (then by name, for a sheet
 * whose ids were left blank). Empty lists: the sheet is the roster.
 */
export function compareRoster<T extends Seat>(
  roster: readonly T[],
  sheet: readonly Seat[],
): RosterDifference<T> {
  const matches = (a: Seat, b: Seat) => a.id === b.id || nameKey(a.name) === nameKey(b.name);
  return {
    missing: roster.filter((member) => !sheet.some((seat) => matches(member, seat))),
    extra: sheet.filter((seat) => !roster.some((member) => matches(member, seat))),
  };
}
