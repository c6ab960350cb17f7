/**
 * One admin, many organisers: an admin serving one organiser's staff offers only that
 * organiser's open campaigns, and the form refuses a unit outside the organiser's scope.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { campaignChoiceFor } from '../../src/admin/config.ts';
import { campaignsOffered, entryContext } from '../../src/admin/content-data.ts';
import { parseEntryText } from '../../src/model/read.ts';
import { type Campaign, campaignSchema } from '../../src/schemas/index.ts';
import { checkInitiativeReferences } from '../../src/validator/initiative-references.ts';
import type { InitiativeFacts } from '../../src/validator/types.ts';

const read = (id: string): Campaign =>
  campaignSchema.parse(parseEntryText(readFileSync(`content/campaigns/${id}.md`, 'utf8')).data);

const DAY = '2026-06-15';
/** Both sample campaigns, opened again around DAY: one of each organiser. */
const campaigns = ['2024-tanh-linh', '2026-xa-tanh-linh'].map((id) => ({
  id,
  campaign: { ...read(id), status: 'open' as const, opensOn: '2026-03-01', deadline: '2026-08-31' },
}));

describe('campaigns offered to a submitter of one organiser', () => {
  it('are that organiser’s open campaigns only', () => {
    expect(new Set(campaigns.map(({ campaign }) => campaign.organiser)).size).toBe(2);
    expect(campaignsOffered(campaigns, DAY).map(({ id }) => id)).toEqual([
      '2024-tanh-linh',
      '2026-xa-tanh-linh',
    ]);
    expect(campaignsOffered(campaigns, DAY, 'ubnd-xa-tanh-linh').map(({ id }) => id)).toEqual([
      '2026-xa-tanh-linh',
    ]);
    expect(campaignsOffered(campaigns, DAY, 'ubnd-huyen-tanh-linh').map(({ id }) => id)).toEqual([
      '2024-tanh-linh',
    ]);
    expect(campaignsOffered(campaigns, '2026-09-01', 'ubnd-xa-tanh-linh')).toEqual([]);
  });

  it('the form’s campaign choice filters by the admin’s organiser and says whose campaigns it lists', () => {
    const one = campaignChoiceFor('ubnd-xa-tanh-linh', DAY);
    expect(one.filters).toContainEqual({ field: 'organiser', values: ['ubnd-xa-tanh-linh'] });
    expect(one.filters).toContainEqual({ field: 'status', values: ['open'] });
    expect(one.hint).toContain('Ủy ban nhân dân xã Tánh Linh');
    const all = campaignChoiceFor('', DAY);
    expect(all.filters.map((filter) => filter.field)).toEqual(['status', 'deadline']);
  });

  it('the form refuses a unit outside the organiser’s scope, as the validator does', () => {
    const facts = (unit: string): InitiativeFacts => ({
      slug: 'thu-nghiem',
      path: 'content/initiatives/thu-nghiem/index.md',
      campaign: '2026-xa-tanh-linh',
      unit,
      submitted: '2026-05-20',
      authorNames: [],
      personUnits: [],
      adaptedFrom: [],
      lines: { unit: 4 },
    });
    const context = entryContext(true, DAY);
    expect(checkInitiativeReferences(facts('trung-tam-phvhcc-xa-tanh-linh'), context)).toEqual([]);
    const outside = checkInitiativeReferences(facts('xa-suoi-kiet-lam-dong'), context);
    expect(outside.map((problem) => [problem.code, problem.severity])).toEqual([
      ['references.organiser-scope', 'error'],
    ]);
    expect(outside[0]?.message).toContain('không thuộc phạm vi của Ủy ban nhân dân xã Tánh Linh');
    const expired = checkInitiativeReferences(facts('xa-gia-an'), context);
    expect(expired[0]?.message).toContain('Đơn vị kế thừa: "UBND xã Suối Kiết (từ 01/07/2025)"');
  });
});
