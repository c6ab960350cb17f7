/**
 * Cross-file references: every id an entry names must exist (units, campaigns,
 * initiatives, rubric criteria, members, scope levels), and a committee
 * decision must follow its own rules (scores within each criterion's maximum,
 * two-thirds majority of voting members, authors who sit on the committee
 * recused).
 */

import {
  compareRoster,
  gradeForScore,
  namesAlike,
  recount,
  recusedSeats,
  totalScore,
  votesNeeded,
} from '../core/committee.ts';
import { formatDate } from '../core/dates.ts';
import { formatNumber } from '../core/numbers.ts';
import { committeeOf, inScope, validOn } from '../core/organisers.ts';
import { collections, pathOf } from '../model/collections.ts';
import {
  error,
  type FieldPath,
  formatFieldPath,
  type Problem,
  warning,
} from '../model/problems.ts';
import type { ParsedYaml } from '../model/read.ts';
import { rosterPlace } from '../model/roster.ts';
import type {
  Adoption,
  Campaign,
  Criterion,
  Decision,
  DecisionResult,
  Member,
  Organiser,
} from '../schemas/index.ts';
import { type Context, factsOf } from './context.ts';
import { unitProblem } from './initiative-references.ts';

export { checkInitiativeReferences } from './initiative-references.ts';

function at(file: ParsedYaml, path: FieldPath) {
  return { field: formatFieldPath(path), line: file.lineOf(path) };
}

/** An organiser names known units: its own and those of its scope. */
export function checkOrganiserReferences(
  organiser: Organiser,
  file: ParsedYaml,
  context: Context,
): Problem[] {
  const problems: Problem[] = [];
  const own = at(file, ['unit']);
  const problem = unitProblem(context, organiser.unit, own.field, own.line);
  if (problem) problems.push(problem);
  organiser.scope.forEach((span, index) => {
    const where = at(file, ['scope', index, 'unit']);
    const spanProblem = unitProblem(context, span.unit, where.field, where.line);
    if (spanProblem) problems.push(spanProblem);
  });
  return problems;
}

/**
 * Exactly one organiser runs the site (`operatesSite`): the header, the footer and the "Giới
 * thiệu" page give its name and contacts. Two would leave the site naming neither; none, the site
 * without a contact (a warning: an empty archive still builds); one that has ceased to exist, a
 * site that names a body readers can no longer reach.
 */
export function checkSiteOperator(
  id: string,
  organiser: Organiser,
  file: ParsedYaml,
  context: Context,
): Problem[] {
  const where = at(file, ['operatesSite']);
  const marked = [...context.organisers].filter(([, other]) => other.operatesSite);
  if (marked.length === 0) {
    return [
      warning(
        'references.site-operator-missing',
        `Chưa có cơ quan tổ chức nào là cơ quan quản lý trang web (operatesSite: true): đầu trang, chân trang và trang Giới thiệu không ghi ai quản lý trang và cách liên hệ. Đánh dấu cơ quan đang quản lý trang.`,
        where,
      ),
    ];
  }
  if (!organiser.operatesSite) return [];
  const others = marked.filter(([otherId]) => otherId !== id);
  if (others.length > 0) {
    return [
      error(
        'references.site-operator-several',
        `Chỉ một cơ quan là cơ quan quản lý trang web, nhưng ${others.map(([otherId, other]) => `${other.name} (${pathOf(collections.organisers, otherId)})`).join(', ')} cũng được đánh dấu. Bỏ đánh dấu ở cơ quan không quản lý trang.`,
        where,
      ),
    ];
  }
  if (organiser.validTo && organiser.validTo < context.today) {
    return [
      warning(
        'references.site-operator-validity',
        `${organiser.name} chỉ hoạt động đến ngày ${formatDate(organiser.validTo)} mà vẫn là cơ quan quản lý trang web: trang vẫn ghi tên và liên hệ của cơ quan này. Chuyển dấu "Cơ quan quản lý trang web" sang cơ quan đang quản lý trang.`,
        where,
      ),
    ];
  }
  return [];
}

/**
 * A campaign belongs to a known organiser that exists while it runs, and its receiving
 * office lies in that organiser's scope then.
 */
export function checkCampaignReferences(
  campaign: Campaign,
  file: ParsedYaml,
  context: Context,
): Problem[] {
  const problems: Problem[] = [];
  const where = at(file, ['organiser']);
  const organiser = context.organisers.get(campaign.organiser);
  if (!context.organiserIds.has(campaign.organiser)) {
    problems.push(
      error(
        'references.organiser',
        `Cơ quan tổ chức "${campaign.organiser}" không có trong danh mục (không có ${pathOf(collections.organisers, campaign.organiser)}).`,
        where,
      ),
    );
  } else if (organiser && !validOn(organiser, campaign.opensOn)) {
    problems.push(
      error(
        'references.organiser-validity',
        `${organiser.name} ${organiser.validTo && campaign.opensOn > organiser.validTo ? `chỉ tổ chức đến ngày ${formatDate(organiser.validTo)}` : `chỉ tổ chức từ ngày ${formatDate(organiser.validFrom ?? campaign.opensOn)}`}, không phát động được đợt bắt đầu ngày ${formatDate(campaign.opensOn)}.`,
        where,
      ),
    );
  }
  const office = at(file, ['receivingOffice']);
  const officeProblem = unitProblem(
    context,
    campaign.receivingOffice,
    office.field,
    office.line,
    campaign.opensOn,
  );
  if (officeProblem) problems.push(officeProblem);
  else if (
    organiser &&
    context.units &&
    !inScope(organiser, context.units, campaign.receivingOffice, campaign.opensOn)
  ) {
    problems.push(
      error(
        'references.organiser-scope',
        `Cơ quan tiếp nhận "${context.units.get(campaign.receivingOffice)?.name ?? campaign.receivingOffice}" không thuộc phạm vi của ${organiser.name}.`,
        office,
      ),
    );
  }
  return problems;
}

export function checkAdoptionReferences(
  adoption: Adoption,
  file: ParsedYaml,
  context: Context,
): Problem[] {
  const problems: Problem[] = [];
  if (!context.initiativeSlugs.has(adoption.initiative)) {
    problems.push(
      error(
        'references.initiative',
        `Không có sáng kiến "${adoption.initiative}".`,
        at(file, ['initiative']),
      ),
    );
  }
  const where = at(file, ['unit']);
  const problem = unitProblem(context, adoption.unit, where.field, where.line, adoption.since);
  if (problem) problems.push(problem);
  return problems;
}

export function checkDecisionReferences(
  decision: Decision,
  file: ParsedYaml,
  context: Context,
  fileId: string,
): Problem[] {
  const problems: Problem[] = [];
  const campaign = context.campaigns.get(decision.campaign);
  if (!context.campaignIds.has(decision.campaign)) {
    problems.push(
      error(
        'references.campaign',
        `Đợt phát động "${decision.campaign}" không tồn tại.`,
        at(file, ['campaign']),
      ),
    );
  } else if (fileId !== decision.campaign) {
    problems.push(
      warning(
        'references.decision-file',
        `Tệp quyết định nên đặt tên theo đợt: ${pathOf(collections.decisions, decision.campaign)}.`,
        at(file, ['campaign']),
      ),
    );
  }
  const memberIds = new Set<string>();
  decision.members.forEach((member, index) => {
    if (memberIds.has(member.id)) {
      problems.push(
        error(
          'references.duplicate-id',
          `Mã thành viên "${member.id}" bị lặp.`,
          at(file, ['members', index, 'id']),
        ),
      );
    }
    memberIds.add(member.id);
  });
  // The campaign's roster is who counts: a member dropped from the decision would lower the two thirds.
  const roster = campaign
    ? committeeOf(campaign, context.organisers.get(campaign.organiser))?.members
    : undefined;
  if (campaign && roster) {
    const { missing, extra } = compareRoster(roster, decision.members);
    const who = (seats: readonly { id: string; name: string }[]) =>
      seats.map((seat) => `${seat.name} (${seat.id})`).join(', ');
    if (missing.length > 0 || extra.length > 0) {
      problems.push(
        error(
          'decision.roster',
          `Thành viên khác danh sách Hội đồng của đợt (${rosterPlace(decision.campaign, campaign, context.organisers.get(campaign.organiser))}):${missing.length ? ` thiếu ${who(missing)}.` : ''}${extra.length ? ` Thừa ${who(extra)}.` : ''}`,
          at(file, ['members']),
        ),
      );
    }
  }
  const criteria = new Map(
    campaign?.rubric.criteria.map((criterion) => [criterion.id, criterion]) ?? [],
  );
  const grades = new Set(campaign?.rubric.grades.map((grade) => grade.id) ?? []);
  const seen = new Set<string>();
  decision.results.forEach((result, index) => {
    const base = ['results', index] as const;
    if (seen.has(result.initiative)) {
      problems.push(
        error(
          'references.duplicate-id',
          `Sáng kiến "${result.initiative}" có hai kết quả.`,
          at(file, [...base, 'initiative']),
        ),
      );
    }
    seen.add(result.initiative);
    const facts = factsOf(context, result.initiative);
    if (!facts) {
      problems.push(
        error(
          'references.initiative',
          `Không có sáng kiến "${result.initiative}".`,
          at(file, [...base, 'initiative']),
        ),
      );
    } else if (facts.campaign && facts.campaign !== decision.campaign) {
      problems.push(
        error(
          'references.initiative-campaign',
          `Sáng kiến "${result.initiative}" thuộc đợt "${facts.campaign}", không thuộc đợt của quyết định này.`,
          at(file, [...base, 'initiative']),
        ),
      );
    }
    if (campaign) {
      for (const [criterionId, score] of Object.entries(result.scores)) {
        const criterion = criteria.get(criterionId);
        const where = at(file, [...base, 'scores', criterionId]);
        if (!criterion) {
          problems.push(
            error(
              'references.criterion',
              `Tiêu chí "${criterionId}" không có trong thang điểm của đợt (${[...criteria.keys()].join(', ')}).`,
              where,
            ),
          );
        } else if (score > criterion.max) {
          problems.push(
            error(
              'decision.score-above-max',
              `Điểm tiêu chí "${criterion.name}" là ${score}, vượt điểm tối đa ${criterion.max}.`,
              where,
            ),
          );
        }
      }
      if (result.grade && !grades.has(result.grade)) {
        problems.push(
          error(
            'references.grade',
            `Mức xếp loại "${result.grade}" không có trong thang điểm.`,
            at(file, [...base, 'grade']),
          ),
        );
      }
    }
    if (result.scope && context.scopeLevels && !context.scopeLevels.has(result.scope)) {
      problems.push(
        error(
          'references.scope',
          `Phạm vi "${result.scope}" không có trong danh mục (${collections.scopeLevels.file}).`,
          at(file, [...base, 'scope']),
        ),
      );
    }
    result.recused.forEach((memberId, recusedIndex) => {
      if (!memberIds.has(memberId)) {
        problems.push(
          error(
            'references.member',
            `"${memberId}" không phải thành viên hội đồng.`,
            at(file, [...base, 'recused', recusedIndex]),
          ),
        );
      }
    });
    const authors = facts?.authorNames ?? [];
    for (const member of recusedSeats(decision.members, authors)) {
      if (!result.recused.includes(member.id)) {
        problems.push(
          error(
            'decision.recusal',
            `Thành viên "${member.name}" là tác giả của sáng kiến này nên phải được ghi vào danh sách không biểu quyết.`,
            at(file, [...base, 'recused']),
          ),
        );
      }
    }
    for (const { member, author } of namesAlike(decision.members, authors)) {
      if (result.recused.includes(member.id)) continue;
      problems.push(
        warning(
          'decision.recusal-alike',
          `Thành viên "${member.name}" và tác giả "${author}" chỉ khác nhau ở dấu. Nếu là một người: sửa họ tên cho đúng một cách viết và ghi thành viên vào danh sách không biểu quyết; nếu là hai người: không cần sửa.`,
          at(file, [...base, 'recused']),
        ),
      );
    }
    if (result.marks) {
      problems.push(
        ...checkMarks(result, base, {
          file,
          members: decision.members,
          memberIds,
          authors: facts?.authorNames ?? [],
          criteria: campaign ? [...criteria.values()] : undefined,
        }),
      );
    }
    const voting =
      decision.members.length - result.recused.filter((id) => memberIds.has(id)).length;
    const cast = result.votesFor + result.votesAgainst;
    if (cast > voting) {
      problems.push(
        error(
          'decision.votes',
          `Tổng số phiếu (${cast}) nhiều hơn số thành viên được biểu quyết (${voting}).`,
          at(file, [...base, 'votesFor']),
        ),
      );
    }
    const needed = votesNeeded(voting);
    if (result.recognised && result.votesFor < needed) {
      problems.push(
        error(
          'decision.majority',
          `Được công nhận cần ít nhất ${needed}/${voting} phiếu đồng ý (hai phần ba thành viên biểu quyết), mới có ${result.votesFor}.`,
          at(file, [...base, 'recognised']),
        ),
      );
    }
    if (campaign) problems.push(...checkOutcome(result, base, file, campaign.rubric, needed));
  });
  if (campaign) problems.push(...checkDecisionDates(decision, file, campaign));
  return problems;
}

/**
 * The result follows from the marks and the votes, as `decide` works it out: recognised when
 * two thirds agree and the average total reaches the pass score, graded by that total. A
 * result typed by hand (or in the CMS) that says otherwise would be published as it stands.
 */
function checkOutcome(
  result: DecisionResult,
  base: readonly ['results', number],
  file: ParsedYaml,
  rubric: Campaign['rubric'],
  needed: number,
): Problem[] {
  const problems: Problem[] = [];
  const total = totalScore(result.scores);
  const shown = formatNumber(total);
  const passes = total >= rubric.passScore;
  if (result.recognised && !passes) {
    problems.push(
      error(
        'decision.pass-score',
        `Được công nhận cần tổng điểm bình quân ít nhất ${formatNumber(rubric.passScore)}, mới có ${shown}.`,
        at(file, [...base, 'recognised']),
      ),
    );
  }
  if (!result.recognised && passes && result.votesFor >= needed) {
    problems.push(
      error(
        'decision.not-recognised',
        `Ghi không được công nhận, nhưng ${result.votesFor} phiếu đồng ý đã đủ hai phần ba (cần ${needed}) và tổng điểm bình quân ${shown} đạt điểm tối thiểu ${formatNumber(rubric.passScore)}: theo phiếu, sáng kiến được công nhận.`,
        at(file, [...base, 'recognised']),
      ),
    );
  }
  if (!result.grade) return problems;
  const recorded = rubric.grades.find((grade) => grade.id === result.grade);
  if (!recorded) return problems; // references.grade says so
  if (!result.recognised) {
    problems.push(
      error(
        'decision.grade-not-recognised',
        `Sáng kiến không được công nhận thì không xếp loại; bỏ mức "${recorded.name}".`,
        at(file, [...base, 'grade']),
      ),
    );
    return problems;
  }
  const earned = gradeForScore(rubric.grades, total);
  if (earned?.id !== recorded.id) {
    const scale = [...rubric.grades]
      .sort((a, b) => b.minScore - a.minScore)
      .map((grade) => `${grade.name} từ ${formatNumber(grade.minScore)}`)
      .join(', ');
    problems.push(
      error(
        'decision.grade',
        `Mức xếp loại ghi "${recorded.name}", nhưng tổng điểm bình quân ${shown} ${earned ? `ứng với mức "${earned.name}"` : 'chưa tới mức nào'} (${scale}).`,
        at(file, [...base, 'grade']),
      ),
    );
  }
  return problems;
}

/** The decision is issued after the meeting, and the meeting comes after the last day to submit. */
function checkDecisionDates(decision: Decision, file: ParsedYaml, campaign: Campaign): Problem[] {
  const problems: Problem[] = [];
  if (decision.document.date < decision.meetingOn) {
    problems.push(
      error(
        'decision.dates',
        `Quyết định ban hành ngày ${formatDate(decision.document.date)}, trước ngày họp xét ${formatDate(decision.meetingOn)}.`,
        at(file, ['document', 'date']),
      ),
    );
  }
  if (decision.meetingOn < campaign.deadline) {
    problems.push(
      warning(
        'decision.meeting-early',
        `Ngày họp xét ${formatDate(decision.meetingOn)} sớm hơn hạn cuối nhận sáng kiến của đợt (${formatDate(campaign.deadline)}).`,
        at(file, ['meetingOn']),
      ),
    );
  }
  return problems;
}

/**
 * A result that keeps each member's marks: every line a member of the committee who may
 * score, complete and within the rubric; no line from an author of the initiative (or a
 * member recorded as not voting); and the averages and votes recounted from the lines
 * equal to those recorded — an author's marks folded into an average show up here.
 */
function checkMarks(
  result: DecisionResult,
  base: readonly ['results', number],
  input: {
    file: ParsedYaml;
    members: readonly Member[];
    memberIds: ReadonlySet<string>;
    authors: readonly string[];
    /** The rubric's criteria; undefined when the campaign is unknown. */
    criteria?: readonly Criterion[];
  },
): Problem[] {
  const problems: Problem[] = [];
  const marks = result.marks ?? [];
  const { file } = input;
  const seen = new Set<string>();
  marks.forEach((mark, index) => {
    const where = [...base, 'marks', index] as const;
    if (!input.memberIds.has(mark.member)) {
      problems.push(
        error(
          'references.member',
          `"${mark.member}" không phải thành viên hội đồng.`,
          at(file, [...where, 'member']),
        ),
      );
    }
    if (seen.has(mark.member)) {
      problems.push(
        error(
          'references.duplicate-id',
          `Thành viên "${mark.member}" có hai dòng phiếu cho sáng kiến này.`,
          at(file, [...where, 'member']),
        ),
      );
    }
    seen.add(mark.member);
    if (!input.criteria) return;
    const known = new Set(input.criteria.map((criterion) => criterion.id));
    for (const [criterionId, score] of Object.entries(mark.scores)) {
      const criterion = input.criteria.find((item) => item.id === criterionId);
      if (!criterion) {
        problems.push(
          error(
            'references.criterion',
            `Tiêu chí "${criterionId}" không có trong thang điểm của đợt (${[...known].join(', ')}).`,
            at(file, [...where, 'scores', criterionId]),
          ),
        );
      } else if (score > criterion.max) {
        problems.push(
          error(
            'decision.score-above-max',
            `Điểm tiêu chí "${criterion.name}" của "${mark.member}" là ${formatNumber(score)}, vượt điểm tối đa ${criterion.max}.`,
            at(file, [...where, 'scores', criterionId]),
          ),
        );
      }
    }
    const missing = input.criteria.filter((criterion) => mark.scores[criterion.id] === undefined);
    if (missing.length > 0) {
      problems.push(
        error(
          'decision.marks-incomplete',
          `Phiếu của "${mark.member}" thiếu điểm tiêu chí ${missing.map((criterion) => `"${criterion.name}"`).join(', ')}.`,
          at(file, [...where, 'scores']),
        ),
      );
    }
  });
  const count = recount({
    members: input.members,
    authors: input.authors,
    recused: result.recused,
    criteria: input.criteria ?? [],
    marks,
  });
  for (const member of count.recusedButMarked) {
    const index = marks.findIndex((mark) => mark.member === member.id);
    problems.push(
      error(
        'decision.author-marked',
        `${member.name} là tác giả của sáng kiến này (hoặc được ghi không biểu quyết) nên không được chấm điểm, biểu quyết; bỏ dòng phiếu của ${member.name}.`,
        at(file, [...base, 'marks', index, 'member']),
      ),
    );
  }
  if (input.criteria) {
    for (const criterion of input.criteria) {
      const recorded = result.scores[criterion.id];
      const recounted = count.averages[criterion.id];
      if (recorded === recounted) continue;
      if (
        recorded !== undefined &&
        recounted !== undefined &&
        Math.abs(recorded - recounted) < 0.005
      )
        continue;
      problems.push(
        error(
          'decision.marks-average',
          `Điểm bình quân tiêu chí "${criterion.name}" ghi ${recorded === undefined ? '(trống)' : formatNumber(recorded)}, nhưng tính lại từ phiếu của ${count.scorers.length} thành viên được chấm là ${recounted === undefined ? '(không có phiếu)' : formatNumber(recounted)}.`,
          at(file, [...base, 'scores', criterion.id]),
        ),
      );
    }
  }
  if (count.votesFor !== result.votesFor || count.votesAgainst !== result.votesAgainst) {
    problems.push(
      error(
        'decision.marks-votes',
        `Số phiếu ghi ${result.votesFor} đồng ý, ${result.votesAgainst} không đồng ý; đếm lại từ phiếu của từng thành viên được ${count.votesFor} đồng ý, ${count.votesAgainst} không đồng ý.`,
        at(file, [...base, 'votesFor']),
      ),
    );
  }
  return problems;
}
