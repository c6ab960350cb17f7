/**
 * Where an initiative stands with the committee: recognised (with its grade), not
 * recognised, or not decided yet. Worked out here once, from the decisions, and printed by
 * every card, list, page, feed and data file of the site, so that nobody reads an
 * initiative the committee turned down, or has not looked at yet, as a recognised one.
 */
import type { Grade } from '../schemas/campaign.ts';
import type { Decision, DecisionResult } from '../schemas/decision.ts';
import type { Term } from '../schemas/vocabularies.ts';
import { gradeName } from './committee.ts';

/** The three statuses, in the order lists show them; `slug` names each one's page. */
export const decisionStatuses = [
  {
    id: 'recognised',
    slug: 'duoc-cong-nhan',
    name: 'Được công nhận',
    short: 'Được công nhận',
    description: 'Sáng kiến được Hội đồng xét và công nhận, theo quyết định công nhận của đợt.',
  },
  {
    id: 'not-recognised',
    slug: 'chua-duoc-cong-nhan',
    name: 'Chưa được công nhận',
    short: 'Chưa được công nhận',
    description: 'Sáng kiến đã được Hội đồng xét nhưng chưa được công nhận.',
  },
  {
    id: 'undecided',
    slug: 'chua-xet',
    name: 'Chưa xét',
    short: 'Chưa xét',
    description: 'Sáng kiến đã gửi, Hội đồng chưa có quyết định.',
  },
] as const satisfies readonly Term[];
export type DecisionStatusId = (typeof decisionStatuses)[number]['id'];

export interface InitiativeStatus {
  id: DecisionStatusId;
  /** What the site prints: "Được công nhận — Xuất sắc", "Chưa được công nhận", "Chưa xét". */
  label: string;
  /** Name of the grade of a recognised initiative, when the decision gives one. */
  gradeName?: string;
  /** The decision and the line of it about this initiative; none while undecided. */
  decision?: Decision;
  result?: DecisionResult;
}

/** The parts of an initiative its status depends on. */
export interface StatusSubject {
  id: string;
  campaign: string;
}

type GradesOf = (campaign: string) => readonly Pick<Grade, 'id' | 'name'>[];

function statusOf(
  decision: Decision | undefined,
  result: DecisionResult | undefined,
  grades: GradesOf,
): InitiativeStatus {
  if (!decision || !result) return { id: 'undecided', label: 'Chưa xét' };
  if (!result.recognised) {
    return { id: 'not-recognised', label: 'Chưa được công nhận', decision, result };
  }
  const grade = gradeName(grades(decision.campaign), result.grade);
  return {
    id: 'recognised',
    label: grade ? `Được công nhận — ${grade}` : 'Được công nhận',
    ...(grade && { gradeName: grade }),
    decision,
    result,
  };
}

/**
 * The status of every initiative, from the decisions: a lookup built once (linear in the
 * number of results), as a site of thousands of initiatives asks it for each of them. Only the
 * decision of the initiative's own campaign counts; `grades` gives each campaign's rubric grades.
 */
export function statusLookup(
  decisions: readonly Decision[],
  grades: GradesOf,
): (initiative: StatusSubject) => InitiativeStatus {
  const found = new Map<string, { decision: Decision; result: DecisionResult }>();
  for (const decision of decisions) {
    for (const result of decision.results) {
      found.set(`${decision.campaign}\n${result.initiative}`, { decision, result });
    }
  }
  return (initiative) => {
    const entry = found.get(`${initiative.campaign}\n${initiative.id}`);
    return statusOf(entry?.decision, entry?.result, grades);
  };
}

/** The status of one initiative (for many, build a `statusLookup` once). */
export function initiativeStatus(
  initiative: StatusSubject,
  decisions: readonly Decision[],
  grades: GradesOf,
): InitiativeStatus {
  return statusLookup(decisions, grades)(initiative);
}

/** The status's term (name, slug, description) by id. */
export function decisionStatus(id: DecisionStatusId): (typeof decisionStatuses)[number] {
  const term = decisionStatuses.find((status) => status.id === id);
  if (!term) throw new Error(`Không có kết quả xét "${id}".`);
  return term;
}
