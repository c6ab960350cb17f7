/**
 * The small catalog the catalog and open data tests build on: a closed campaign with a
 * two-criterion rubric, and a 2024 decision recognising one initiative that a commune adopted.
 */
import type { CatalogInput } from '../../src/lib/catalog.ts';
import {
  type Campaign,
  type Decision,
  type Initiative,
  initiativeSchema,
} from '../../src/schemas/index.ts';

/** Campaign `<year>-thu`: only what the catalog reads is filled in, hence the cast. */
export const testCampaign = (year: number, status: Campaign['status']) => ({
  id: `${year}-thu`,
  data: {
    year,
    title: `Đợt phát động năm ${year}`,
    status,
    rubric: {
      total: 100,
      passScore: 50,
      criteria: [
        { id: 'novelty', name: 'Tính mới', max: 60, description: 'x', bands: [] },
        { id: 'effect', name: 'Hiệu quả', max: 40, description: 'x', bands: [] },
      ],
      grades: [{ id: 'tot', name: 'Tốt', minScore: 70 }],
    },
  } as unknown as Campaign,
});

/** An initiative of campaign `2024-thu` by unit `xa-a`, as the schema reads it, with `over` on top. */
export const testInitiative = (over: Partial<Initiative> = {}): Initiative =>
  initiativeSchema.parse({
    title: 'Sáng kiến thử nghiệm',
    summary: 'Tóm tắt đủ dài của một sáng kiến thử nghiệm để qua lược đồ.',
    campaign: '2024-thu',
    unit: 'xa-a',
    authors: [{ name: 'Nguyễn Thị Lan', position: 'Công chức', unit: 'xa-a' }],
    areas: ['procedures'],
    fields: ['online-services'],
    firstApplied: '2024-01-01',
    submitted: '2024-08-01',
    ...over,
  });

/** `initiative` recognised at district level by the 2024 decision (80.5 points), then adopted by xa-a. */
export function recognisedAndAdopted(
  initiative: string,
): Pick<CatalogInput, 'scopeLevels' | 'decisions' | 'adoptions'> {
  return {
    scopeLevels: [{ id: 'huyen', data: { id: 'huyen', name: 'Cấp huyện', rank: 2 } }],
    decisions: [
      {
        id: '2024-thu',
        data: {
          campaign: '2024-thu',
          document: { number: '12/QĐ-UBND', date: '2024-09-30', issuer: 'UBND huyện' },
          results: [
            {
              initiative,
              scores: { novelty: 50, effect: 30.5 },
              votesFor: 5,
              votesAgainst: 0,
              recused: [],
              recognised: true,
              grade: 'tot',
              scope: 'huyen',
              replicate: true,
            },
          ],
        } as unknown as Decision,
      },
    ],
    adoptions: [
      {
        id: 'a1',
        data: {
          initiative,
          unit: 'xa-a',
          since: '2024-10-01',
          result: 'r',
          indicators: [],
          sample: false,
        },
      },
    ],
  };
}
