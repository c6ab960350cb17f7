/**
 * Many organisers after the 2025 reorganisation: a district's call of 2024 judged under the
 * units of its time, a new commune's call of 2026 under the new ones, and a unit that ended on
 * 30 June 2025 refused after that day with its successor named.
 */

import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { validate } from '../../src/validator/index.ts';
import {
  CAMPAIGN_ID,
  campaignData,
  distinctTitles,
  entryText,
  errorCodes,
  type Fixture,
  initiativeData,
  makeFixture,
  organiserData,
  problemsOf,
  units,
} from '../support/fixtures.ts';

const NEW_CAMPAIGN = '2026-xa-moi';
const NEW_ORGANISER = 'ubnd-xa-moi';

const endOfDistricts = { validTo: '2025-06-30' };
const newUnits = [
  {
    id: 'ubnd-tinh-moi',
    name: 'Ủy ban nhân dân tỉnh Mới',
    kind: 'committee',
    validFrom: '2025-07-01',
  },
  {
    id: 'xa-moi',
    name: 'UBND xã Mới',
    kind: 'commune',
    parent: 'ubnd-tinh-moi',
    validFrom: '2025-07-01',
  },
  {
    id: 'van-phong-xa-moi',
    name: 'Văn phòng HĐND và UBND xã Mới',
    kind: 'office',
    parent: 'xa-moi',
    validFrom: '2025-07-01',
  },
];

/** The fixture's district units end on 30/06/2025; Đức Phú and Gia An live on in xã Mới. */
function reorganised(fixture: Fixture): void {
  const old = units.map((unit) => ({
    ...unit,
    ...endOfDistricts,
    ...(unit.kind === 'commune' ? { successor: 'xa-moi' } : {}),
  }));
  fixture.write('content/units.yaml', stringify([...old, ...newUnits]));
  fixture.write(
    'content/organisers/ubnd-huyen-thu-nghiem.yaml',
    stringify(organiserData({ validTo: '2025-06-30', operatesSite: false })),
  );
  fixture.write(
    `content/organisers/${NEW_ORGANISER}.yaml`,
    stringify(
      organiserData({
        name: 'Ủy ban nhân dân xã Mới',
        shortName: 'UBND xã Mới',
        kind: 'commune',
        unit: 'xa-moi',
        place: 'Mới',
        scope: [{ unit: 'xa-moi', validFrom: '2025-07-01' }],
        validFrom: '2025-07-01',
      }),
    ),
  );
  fixture.write(
    `content/campaigns/${NEW_CAMPAIGN}.md`,
    entryText(
      campaignData({
        year: 2026,
        title: 'Tìm kiếm giải pháp, sáng kiến cải cách hành chính năm 2026 của xã Mới',
        organiser: NEW_ORGANISER,
        receivingOffice: 'van-phong-xa-moi',
        opensOn: '2026-03-01',
        deadline: '2026-08-31',
      }),
      'Thông báo phát động của xã Mới.\n',
    ),
  );
}

const entry2026 = {
  campaign: NEW_CAMPAIGN,
  unit: 'xa-moi',
  authors: [{ name: 'Nguyễn Thị Lan', position: 'Công chức Tư pháp – Hộ tịch', unit: 'xa-moi' }],
  firstApplied: '2026-01-05',
  submitted: '2026-05-20',
};

let fixture: Fixture | undefined;
afterEach(() => fixture?.cleanup());

describe('two organisers before and after 1 July 2025', () => {
  it('accept both organisers, a campaign of each and an entry of each', async () => {
    fixture = makeFixture();
    reorganised(fixture);
    fixture.initiative('sang-kien-2024', initiativeData());
    fixture.initiative('sang-kien-2026', initiativeData(entry2026));
    const report = await validate({ root: fixture.root });
    expect(report.totals.errors).toBe(0);
    for (const path of [
      'content/organisers/ubnd-huyen-thu-nghiem.yaml',
      `content/organisers/${NEW_ORGANISER}.yaml`,
      `content/campaigns/${CAMPAIGN_ID}.md`,
      `content/campaigns/${NEW_CAMPAIGN}.md`,
      'content/initiatives/sang-kien-2024/index.md',
      'content/initiatives/sang-kien-2026/index.md',
    ]) {
      expect(report.files.map((file) => file.path)).toContain(path);
      expect(problemsOf(report, path)).toEqual([]);
    }
  });

  it('refuse a unit that ended on 30/06/2025 in a 2026 entry, naming its successor', async () => {
    fixture = makeFixture();
    reorganised(fixture);
    const path = fixture.initiative(
      'sang-kien-2026',
      initiativeData({
        ...entry2026,
        unit: 'xa-duc-phu',
        authors: [
          { name: 'Nguyễn Thị Lan', position: 'Công chức Tư pháp – Hộ tịch', unit: 'xa-gia-an' },
        ],
      }),
    );
    const problems = problemsOf(await validate({ root: fixture.root }), path).filter(
      (problem) => problem.code === 'references.unit-validity',
    );
    expect(problems.map((problem) => [problem.severity, problem.field])).toEqual([
      ['error', 'unit'],
      ['error', 'authors[0].unit'],
    ]);
    expect(problems[0]?.message).toBe(
      'Cơ quan, đơn vị chủ trì: Đơn vị "UBND xã Đức Phú" chỉ có hiệu lực đến ngày 30/06/2025, không dùng được cho ngày 20/05/2026. Đơn vị kế thừa: "UBND xã Mới" (mã xa-moi, có hiệu lực từ ngày 01/07/2025).',
    );
  });

  it('name a submission date that is not a day at its field, and still check the other entries', async () => {
    fixture = makeFixture();
    reorganised(fixture);
    // Text that sorts after the units' last day (2025-06-30) and before their first (2025-07-01).
    const written = ['1/8/2026', 'tháng 8 năm 2024', 'yes', '2025-06-31'];
    const paths = written.map((submitted, index) =>
      fixture?.initiative(
        `sang-kien-ngay-sai-${index + 1}`,
        initiativeData({
          ...entry2026,
          title: distinctTitles[index],
          submitted,
        }),
      ),
    );
    const good = fixture.initiative('sang-kien-2026', initiativeData(entry2026));
    const report = await validate({ root: fixture.root });
    for (const path of paths) {
      const problems = problemsOf(report, path as string);
      expect(problems.map((problem) => [problem.code.split('.')[0], problem.field])).toEqual([
        ['schema', 'submitted'],
      ]);
      expect(problems[0]?.message).toMatch(/^Ngày gửi: /);
    }
    expect(problemsOf(report, good)).toEqual([]);
  });

  it('refuse an entry of a unit outside the organiser’s scope', async () => {
    fixture = makeFixture();
    reorganised(fixture);
    fixture.write(
      'content/units.yaml',
      stringify([
        ...units.map((unit) => ({ ...unit, ...endOfDistricts })),
        ...newUnits,
        {
          id: 'xa-ben-canh',
          name: 'UBND xã Bên Cạnh',
          kind: 'commune',
          parent: 'ubnd-tinh-moi',
          validFrom: '2025-07-01',
        },
      ]),
    );
    const path = fixture.initiative(
      'sang-kien-2026',
      initiativeData({ ...entry2026, unit: 'xa-ben-canh' }),
    );
    const report = await validate({ root: fixture.root });
    expect(errorCodes(report, path)).toEqual(['references.organiser-scope']);
    expect(problemsOf(report, path)[0]?.message).toContain(
      'không thuộc phạm vi của Ủy ban nhân dân xã Mới',
    );
  });

  it('refuse a campaign of an organiser that no longer exists when it opens', async () => {
    fixture = makeFixture();
    reorganised(fixture);
    const path = `content/campaigns/${NEW_CAMPAIGN}.md`;
    fixture.write(
      path,
      entryText(
        campaignData({
          year: 2026,
          opensOn: '2026-03-01',
          deadline: '2026-08-31',
          receivingOffice: 'phong-noi-vu',
        }),
        'Thông báo.\n',
      ),
    );
    const report = await validate({ root: fixture.root });
    expect(errorCodes(report, path)).toEqual([
      'references.organiser-validity',
      'references.unit-validity',
    ]);
    expect(problemsOf(report, path)[0]?.message).toBe(
      'Cơ quan tổ chức: Ủy ban nhân dân huyện Thử Nghiệm chỉ tổ chức đến ngày 30/06/2025, không phát động được đợt bắt đầu ngày 01/03/2026.',
    );
  });

  it('refuse an organiser whose scope names an unknown unit', async () => {
    fixture = makeFixture();
    const path = 'content/organisers/ubnd-huyen-thu-nghiem.yaml';
    fixture.write(path, stringify(organiserData({ scope: [{ unit: 'huyen-khong-co' }] })));
    const report = await validate({ root: fixture.root });
    expect(errorCodes(report, path)).toEqual(['references.unit']);
    expect(problemsOf(report, path)[0]?.field).toBe('scope[0].unit');
  });
});

describe('the site’s operator: one organiser says operatesSite', () => {
  let fixture: Fixture | undefined;
  afterEach(() => fixture?.cleanup());

  const DISTRICT_FILE = 'content/organisers/ubnd-huyen-thu-nghiem.yaml';
  const COMMUNE_FILE = `content/organisers/${NEW_ORGANISER}.yaml`;
  const codes = (report: Awaited<ReturnType<typeof validate>>, path: string) =>
    problemsOf(report, path).map((problem) => `${problem.severity} ${problem.code}`);

  it('accepts one operator among several organisers', async () => {
    fixture = makeFixture();
    reorganised(fixture);
    const report = await validate({ root: fixture.root, today: '2026-12-03' });
    expect(codes(report, DISTRICT_FILE)).toEqual([]);
    expect(codes(report, COMMUNE_FILE)).toEqual([]);
  });

  it('refuses two operators, each file naming the other', async () => {
    fixture = makeFixture();
    reorganised(fixture);
    fixture.write(DISTRICT_FILE, stringify(organiserData({ validTo: '2025-06-30' })));
    const report = await validate({ root: fixture.root, today: '2026-12-03' });
    expect(errorCodes(report, DISTRICT_FILE)).toEqual(['references.site-operator-several']);
    expect(errorCodes(report, COMMUNE_FILE)).toEqual(['references.site-operator-several']);
    const [problem] = problemsOf(report, COMMUNE_FILE);
    expect(problem?.field).toBe('operatesSite');
    expect(problem?.message).toContain(`Ủy ban nhân dân huyện Thử Nghiệm (${DISTRICT_FILE})`);
    expect(problem?.message).toContain('Bỏ đánh dấu ở cơ quan không quản lý trang.');
    expect(report.totals.errors).toBe(2);
  });

  it('warns, without refusing, when no organiser runs the site', async () => {
    fixture = makeFixture();
    fixture.write(DISTRICT_FILE, stringify(organiserData({ operatesSite: false })));
    const report = await validate({ root: fixture.root, today: '2026-12-03' });
    expect(codes(report, DISTRICT_FILE)).toEqual(['warning references.site-operator-missing']);
    expect(problemsOf(report, DISTRICT_FILE)[0]?.message).toContain(
      'Chưa có cơ quan tổ chức nào là cơ quan quản lý trang web',
    );
  });

  it('warns when the operator has ceased to exist, judged on the day of the check', async () => {
    fixture = makeFixture();
    fixture.write(DISTRICT_FILE, stringify(organiserData({ validTo: '2025-06-30' })));
    const before = await validate({ root: fixture.root, today: '2025-06-30' });
    expect(codes(before, DISTRICT_FILE)).toEqual([]);
    const after = await validate({ root: fixture.root, today: '2025-07-01' });
    expect(codes(after, DISTRICT_FILE)).toEqual(['warning references.site-operator-validity']);
    expect(problemsOf(after, DISTRICT_FILE)[0]?.message).toContain(
      'chỉ hoạt động đến ngày 30/06/2025 mà vẫn là cơ quan quản lý trang web',
    );
  });

  it('refuses a value that is not yes or no, naming the field in Vietnamese', async () => {
    fixture = makeFixture();
    fixture.write(DISTRICT_FILE, stringify(organiserData({ operatesSite: 'có' })));
    const report = await validate({ root: fixture.root, today: '2026-12-03' });
    const [problem] = problemsOf(report, DISTRICT_FILE);
    expect(problem?.severity).toBe('error');
    expect(problem?.field).toBe('operatesSite');
    expect(problem?.message).toContain('Cơ quan quản lý trang web');
  });
});
