/**
 * The references one initiative makes (its campaign, its units, the initiatives it adapts),
 * apart from the other collections' reference rules in references.ts: these also run in the
 * admin's form, so this module stays free of disk access.
 */
import { formatDate } from '../core/dates.ts';
import { inScope, successorOn } from '../core/organisers.ts';
import { collections, pathOf, placeOf } from '../model/collections.ts';
import { error, type Problem } from '../model/problems.ts';
import type { Context, InitiativeFacts } from './types.ts';

/**
 * What the initiative rules need to know. `initiativeSlugs` may be absent (the admin does
 * not load every entry): the rule on adapted initiatives is then left to the validator.
 * Without `campaigns` and `organisers` the organiser's scope is not checked.
 */
export type ReferenceContext = Pick<Context, 'units' | 'campaignIds'> &
  Partial<Pick<Context, 'campaigns' | 'organisers'>> & {
    initiativeSlugs?: ReadonlySet<string>;
  };

export function unitProblem(
  context: Pick<Context, 'units'>,
  unit: string,
  field: string,
  line: number | undefined,
  onDate?: string,
): Problem | undefined {
  if (!context.units) return undefined;
  const known = context.units.get(unit);
  if (!known) {
    return error(
      'references.unit',
      `Đơn vị "${unit}" không có trong danh mục đơn vị (${collections.units.file}).`,
      {
        field,
        line,
      },
    );
  }
  if (onDate && known.validTo && onDate > known.validTo) {
    // After the 2025 reorganisation a commune that merged lives on in its successor: name it.
    const successor = successorOn(context.units, known, onDate);
    const instead = successor
      ? ` Đơn vị kế thừa: "${successor.name}" (mã ${successor.id}${successor.validFrom ? `, có hiệu lực từ ngày ${formatDate(successor.validFrom)}` : ''}).`
      : ' Chọn đơn vị đang có hiệu lực vào ngày đó.';
    return error(
      'references.unit-validity',
      `Đơn vị "${known.name}" chỉ có hiệu lực đến ngày ${formatDate(known.validTo)}, không dùng được cho ngày ${formatDate(onDate)}.${instead}`,
      { field, line },
    );
  }
  if (onDate && known.validFrom && onDate < known.validFrom) {
    return error(
      'references.unit-validity',
      `Đơn vị "${known.name}" chỉ có hiệu lực từ ngày ${formatDate(known.validFrom)}, chưa có vào ngày ${formatDate(onDate)}.`,
      { field, line },
    );
  }
  return undefined;
}

/** The submitting unit lies in the scope of the campaign's organiser on the day it submitted. */
function scopeProblem(context: ReferenceContext, facts: InitiativeFacts): Problem | undefined {
  const campaign = facts.campaign ? context.campaigns?.get(facts.campaign) : undefined;
  const organiser = campaign ? context.organisers?.get(campaign.organiser) : undefined;
  if (!context.units || !campaign || !organiser || !facts.unit) return undefined;
  const day = facts.submitted ?? campaign.opensOn;
  if (inScope(organiser, context.units, facts.unit, day)) return undefined;
  const unit = context.units.get(facts.unit);
  return error(
    'references.organiser-scope',
    `Đơn vị "${unit?.name ?? facts.unit}" không thuộc phạm vi của ${organiser.name} vào ngày ${formatDate(day)}: đợt "${campaign.title}" chỉ nhận sáng kiến của các đơn vị thuộc ${organiser.shortName}.`,
    { field: 'unit', line: facts.lines.unit },
  );
}

export function checkInitiativeReferences(
  facts: InitiativeFacts,
  context: ReferenceContext,
): Problem[] {
  const problems: Problem[] = [];
  const { lines } = facts;
  if (facts.campaign && !context.campaignIds.has(facts.campaign)) {
    problems.push(
      error(
        'references.campaign',
        `Đợt phát động "${facts.campaign}" không tồn tại (không có ${pathOf(collections.campaigns, facts.campaign)}).`,
        { field: 'campaign', line: lines.campaign },
      ),
    );
  }
  if (facts.unit) {
    const problem =
      unitProblem(context, facts.unit, 'unit', lines.unit, facts.submitted) ??
      scopeProblem(context, facts);
    if (problem) problems.push(problem);
  }
  for (const person of facts.personUnits) {
    const problem = unitProblem(
      context,
      person.unit,
      person.field,
      lines[person.field],
      facts.submitted,
    );
    if (problem) problems.push(problem);
  }
  const known = context.initiativeSlugs;
  facts.adaptedFrom.forEach((slug, index) => {
    const field = `adaptedFrom[${index}]`;
    if (slug === facts.slug) {
      problems.push(
        error('references.initiative', 'Sáng kiến không thể kế thừa chính nó.', {
          field,
          line: lines[field],
        }),
      );
    } else if (known && !known.has(slug)) {
      problems.push(
        error(
          'references.initiative',
          `Không có sáng kiến "${slug}" (${placeOf(collections.initiatives, slug)}/).`,
          {
            field,
            line: lines[field],
          },
        ),
      );
    }
  });
  return problems;
}
