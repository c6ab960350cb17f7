/**
 * The references one initiative makes (its campaign, its units, the initiatives it adapts),
 * apart from the other collections' reference rules in references.ts: these also run in the
 * admin's form, so this module stays free of disk access.
 */
import { collections, pathOf, placeOf } from '../model/collections.ts';
import { error, type Problem, warning } from '../model/problems.ts';
import type { Context, InitiativeFacts } from './types.ts';

/**
 * What the initiative rules need to know. `initiativeSlugs` may be absent (the admin does
 * not load every entry): the rule on adapted initiatives is then left to the validator.
 */
export type ReferenceContext = Pick<Context, 'units' | 'campaignIds'> & {
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
  if (
    onDate &&
    ((known.validTo && onDate > known.validTo) || (known.validFrom && onDate < known.validFrom))
  ) {
    return warning(
      'references.unit-validity',
      `Đơn vị "${known.name}" không còn hoặc chưa có hiệu lực vào ngày ${onDate}.`,
      { field, line },
    );
  }
  return undefined;
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
    const problem = unitProblem(context, facts.unit, 'unit', lines.unit, facts.submitted);
    if (problem) problems.push(problem);
  }
  for (const person of facts.personUnits) {
    const problem = unitProblem(context, person.unit, person.field, lines[person.field]);
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
