/** The catalog of a site of many organisers: who organised each campaign and initiative. */
import { describe, expect, test } from 'vitest';
import { buildCatalog } from '../../src/lib/catalog.ts';
import { buildFacets, facetValues } from '../../src/lib/facets.ts';
import type { Initiative, Organiser } from '../../src/schemas/index.ts';
import { testCampaign } from '../support/catalog-fixture.ts';

const organiser = (name: string, shortName: string, over: Partial<Organiser> = {}) =>
  ({
    name,
    shortName,
    kind: 'commune',
    unit: 'xa-a',
    place: 'A',
    contact: { office: 'Văn phòng', address: 'Số 1', phone: '0252 3880 000', email: 'a@b.vn' },
    scope: [{ unit: 'xa-a' }],
    sample: true,
    ...over,
  }) as Organiser;

const initiative = (id: string, campaign: string, adaptedFrom: string[] = []) => ({
  id,
  data: {
    title: id,
    summary: 's',
    campaign,
    unit: 'xa-a',
    authors: [],
    areas: ['procedures'],
    fields: [],
    goals: [],
    firstApplied: '2024-01-01',
    submitted: '2024-08-01',
    trialParticipants: [],
    indicators: [],
    attachments: [],
    videos: [],
    adaptedFrom,
    keywords: [],
    sample: false,
  } as unknown as Initiative,
});

function catalog() {
  const old = testCampaign(2024, 'closed');
  const fresh = testCampaign(2026, 'open');
  return buildCatalog({
    campaigns: [
      { ...old, data: { ...old.data, organiser: 'huyen' } },
      { ...fresh, data: { ...fresh.data, organiser: 'xa' } },
    ] as never,
    initiatives: [initiative('cu', '2024-thu'), initiative('moi', '2026-thu', ['cu'])],
    units: [{ id: 'xa-a', data: { id: 'xa-a', name: 'Xã A', kind: 'commune' } }],
    scopeLevels: [],
    decisions: [],
    adoptions: [],
    organisers: [
      { id: 'huyen', data: organiser('UBND huyện Cũ', 'Huyện Cũ', { validTo: '2025-06-30' }) },
      { id: 'xa', data: organiser('UBND xã Mới', 'Xã Mới', { validFrom: '2025-07-01' }) },
    ],
  });
}

describe('a catalog of two organisers', () => {
  test('each initiative knows its organiser, and an adaptation crosses organisers', () => {
    const built = catalog();
    expect(built.organisers.map((item) => item.id)).toEqual(['xa', 'huyen']);
    expect(built.initiativeById.get('cu')?.organiser?.name).toBe('UBND huyện Cũ');
    expect(built.initiativeById.get('moi')?.organiser?.name).toBe('UBND xã Mới');
    expect(built.initiativeById.get('moi')?.adaptedFrom[0]).toMatchObject({
      id: 'cu',
      year: 2024,
      organiser: { id: 'huyen' },
    });
    expect(built.initiativeById.get('cu')?.adaptedBy[0]).toMatchObject({
      id: 'moi',
      year: 2026,
      organiser: { id: 'xa' },
    });
    expect(built.byOrganiser.get('xa')?.map((view) => view.id)).toEqual(['moi']);
  });

  test('the list filters by organiser and names each campaign’s organiser', () => {
    const built = catalog();
    const facets = buildFacets(built);
    const byOrganiser = facets.find((facet) => facet.key === 'organiser');
    expect(byOrganiser?.options.map((option) => [option.id, option.label, option.count])).toEqual([
      ['xa', 'Xã Mới', 1],
      ['huyen', 'Huyện Cũ', 1],
    ]);
    const campaigns = facets.find((facet) => facet.key === 'campaign');
    expect(campaigns?.options.map((option) => option.label)).toEqual([
      'Năm 2026 – Xã Mới',
      'Năm 2024 – Huyện Cũ',
    ]);
    expect(facetValues(built.initiativeById.get('cu') as never).organiser).toBe('huyen');
  });
});
