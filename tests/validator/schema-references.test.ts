import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { validate } from '../../src/validator/index.ts';
import {
  CAMPAIGN_ID,
  errorCodes,
  type Fixture,
  initiativeData,
  makeFixture,
  problemsOf,
  units,
} from '../support/fixtures.ts';

let fixture: Fixture | undefined;
afterEach(() => fixture?.cleanup());

const run = () => validate({ root: (fixture as Fixture).root, workers: 0 });

describe('schema rule', () => {
  it('accepts a valid tree', async () => {
    fixture = makeFixture({ initiatives: 3 });
    const report = await run();
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    expect(report.files.map((file) => file.path)).toContain(
      'content/initiatives/sang-kien-1/index.md',
    );
  });

  it('names the field with its Vietnamese label and line', async () => {
    fixture = makeFixture();
    const data = initiativeData();
    delete data.summary;
    const path = fixture.initiative('thieu-tom-tat', data);
    const problems = problemsOf(await run(), path);
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'schema.invalid',
        field: 'summary',
        message: 'Tóm tắt: Chưa điền (bắt buộc).',
      }),
    );
  });

  it("reports authors' shares that do not sum to 100 on the authors line", async () => {
    fixture = makeFixture();
    const path = fixture.initiative(
      'ty-le',
      initiativeData({
        authors: [
          { name: 'Nguyễn Thị Lan', position: 'Công chức', unit: 'xa-duc-phu', share: 60 },
          { name: 'Trần Văn Bình', position: 'Công chức', unit: 'xa-duc-phu', share: 30 },
        ],
      }),
    );
    const problem = problemsOf(await run(), path).find((p) => p.field === 'authors');
    expect(problem?.message).toBe('Tác giả: Tổng tỷ lệ đóng góp là 90%, phải bằng 100%.');
    const lines = readFileSync(fixture.path(path), 'utf8').split('\n');
    expect(lines[(problem?.line ?? 0) - 1]).toBe('authors:');
  });

  it("tells the shares' sum and a doubled author along with the other mistakes, not after them", async () => {
    fixture = makeFixture();
    const data = initiativeData({
      summary: 'ngắn',
      areas: [],
      authors: [
        { name: 'Nguyễn Thị Lan', position: 'Công chức', unit: 'xa-duc-phu', share: 60 },
        { name: 'Nguyễn Thị Lan', position: 'Công chức', unit: 'xa-duc-phu', share: 30 },
      ],
    });
    delete data.title;
    const path = fixture.initiative('cung-luc', data);
    const fields = problemsOf(await run(), path).map((problem) => problem.field);
    expect(fields).toEqual(
      expect.arrayContaining(['title', 'summary', 'areas', 'authors', 'authors[1].name']),
    );
  });

  it('refuses unknown fields such as a phone number field', async () => {
    fixture = makeFixture();
    const path = fixture.initiative('truong-la', initiativeData({ phone: 'không ghi' }));
    expect(problemsOf(await run(), path).map((p) => p.code)).toEqual(
      expect.arrayContaining(['schema.invalid', 'personal-data.field']),
    );
  });

  it('checks units.yaml and scope-levels.yaml ids are unique', async () => {
    fixture = makeFixture();
    fixture.write('content/units.yaml', stringify([...units, units[1]]));
    fixture.write(
      'content/scope-levels.yaml',
      '- { id: co-so, name: Cấp cơ sở, rank: 1 }\n- { id: co-so, name: Cấp xã, rank: 1 }\n',
    );
    const report = await run();
    // The rule lives in the list schemas, so it reports like every schema rule.
    expect(errorCodes(report, 'content/units.yaml')).toEqual(['schema.invalid']);
    expect(problemsOf(report, 'content/units.yaml')[0]?.message).toMatch(/bị lặp/);
    expect(problemsOf(report, 'content/scope-levels.yaml')).toEqual([
      expect.objectContaining({ code: 'schema.invalid', line: 2, field: '[1].id' }),
    ]);
  });
});

describe('references rule', () => {
  it('reports an unknown campaign, unit, author unit and adaptedFrom with their lines', async () => {
    fixture = makeFixture({ initiatives: 1 });
    const path = fixture.initiative(
      'tham-chieu',
      initiativeData({
        campaign: 'khong-co-dot',
        unit: 'xa-khong-co',
        authors: [{ name: 'Lê Văn An', position: 'Công chức', unit: 'phong-khong-co' }],
        adaptedFrom: ['sang-kien-1', 'sang-kien-khong-co'],
      }),
    );
    const problems = problemsOf(await run(), path);
    const byField = Object.fromEntries(problems.map((p) => [p.field, p]));
    expect(byField.campaign?.code).toBe('references.campaign');
    expect(byField.unit?.code).toBe('references.unit');
    expect(byField['authors[0].unit']?.message).toMatch(
      /^Tác giả thứ 1 › Đơn vị công tác: Đơn vị "phong-khong-co"/,
    );
    expect(byField['adaptedFrom[1]']?.code).toBe('references.initiative');
    expect(byField['adaptedFrom[0]']).toBeUndefined();
    for (const problem of problems) expect(problem.line).toBeGreaterThan(1);
  });

  it('checks adoptions against initiatives and units', async () => {
    fixture = makeFixture({ initiatives: 1 });
    const ok =
      'initiative: sang-kien-1\nunit: xa-gia-an\nsince: 2024-10-01\nresult: Giảm một nửa số hồ sơ trễ hẹn tại xã.\n';
    fixture.write('content/adoptions/tot.yaml', ok);
    fixture.write(
      'content/adoptions/sai.yaml',
      ok.replace('sang-kien-1', 'khong-co').replace('xa-gia-an', 'xa-khong-co'),
    );
    const report = await run();
    expect(errorCodes(report, 'content/adoptions/tot.yaml')).toEqual([]);
    expect(errorCodes(report, 'content/adoptions/sai.yaml')).toEqual([
      'references.initiative',
      'references.unit',
    ]);
  });

  describe('decisions', () => {
    const members = [
      { id: 'chu-tich', name: 'Phạm Văn Chủ', position: 'Phó Chủ tịch UBND', role: 'chair' },
      { id: 'uy-vien-1', name: 'Nguyễn Thị Lan', position: 'Công chức', role: 'member' },
      { id: 'uy-vien-2', name: 'Hồ Văn Ba', position: 'Trưởng phòng', role: 'member' },
      { id: 'thu-ky', name: 'Đỗ Thị Tư', position: 'Chuyên viên', role: 'secretary' },
    ];
    const result = (overrides: Record<string, unknown> = {}) => ({
      initiative: 'sang-kien-1',
      scores: { novelty: 35, effect: 55 },
      votesFor: 3,
      votesAgainst: 0,
      recused: ['uy-vien-1'],
      recognised: true,
      grade: 'xuat-sac',
      scope: 'co-so',
      ...overrides,
    });
    const decision = (results: unknown[]) =>
      stringify({
        campaign: CAMPAIGN_ID,
        document: { number: '1234/QĐ-UBND', date: '2024-09-30', issuer: 'UBND huyện Thử Nghiệm' },
        meetingOn: '2024-09-26',
        members,
        results,
      });
    const path = `content/decisions/${CAMPAIGN_ID}.yaml`;

    it('accepts a decision that follows the rules', async () => {
      fixture = makeFixture({ initiatives: 1 });
      fixture.write(path, decision([result()]));
      expect(errorCodes(await run(), path)).toEqual([]);
    });

    it('reports unknown initiative, criterion, grade, scope and member', async () => {
      fixture = makeFixture({ initiatives: 1 });
      fixture.write(
        path,
        decision([
          result({ initiative: 'khong-co' }),
          result({
            scores: { novelty: 30, 'sang-tao': 5 },
            recognised: false,
            grade: 'khong-co',
            scope: 'vu-tru',
            recused: ['uy-vien-1', 'nguoi-la'],
          }),
        ]),
      );
      expect(errorCodes(await run(), path).sort()).toEqual(
        [
          'references.criterion',
          'references.grade',
          'references.initiative',
          'references.member',
          'references.scope',
        ].sort(),
      );
    });

    it('reports scores above the criterion maximum', async () => {
      fixture = makeFixture({ initiatives: 1 });
      fixture.write(path, decision([result({ scores: { novelty: 41, effect: 50 } })]));
      const problems = problemsOf(await run(), path);
      expect(problems).toEqual([
        expect.objectContaining({
          code: 'decision.score-above-max',
          field: 'results[0].scores.novelty',
        }),
      ]);
    });

    it('recognises only with two thirds of the voting members (members minus recused)', async () => {
      fixture = makeFixture({ initiatives: 1 });
      // 4 members, 1 recused: 3 voting, 2 needed.
      fixture.write(path, decision([result({ votesFor: 2, votesAgainst: 1 })]));
      expect(errorCodes(await run(), path)).toEqual([]);
      fixture.write(path, decision([result({ votesFor: 1, votesAgainst: 2 })]));
      expect(errorCodes(await run(), path)).toEqual(['decision.majority']);
      fixture.write(path, decision([result({ votesFor: 3, votesAgainst: 1 })]));
      expect(errorCodes(await run(), path)).toEqual(['decision.votes']);
    });

    it('requires an author who sits on the committee to be recused', async () => {
      fixture = makeFixture({ initiatives: 1 });
      // The fixture's author is Nguyễn Thị Lan, member uy-vien-1.
      fixture.write(path, decision([result({ recused: [], votesFor: 3, votesAgainst: 1 })]));
      expect(errorCodes(await run(), path)).toEqual(['decision.recusal']);
    });

    it('requires the members of the campaign roster, no fewer and no others', async () => {
      const roster = { members: members.map((member) => ({ ...member })) };
      fixture = makeFixture({ initiatives: 1, campaign: { committee: roster } });
      fixture.write(path, decision([result()]));
      expect(errorCodes(await run(), path)).toEqual([]);
      fixture = makeFixture({
        initiatives: 1,
        campaign: {
          committee: {
            members: [
              ...roster.members,
              { id: 'uy-vien-3', name: 'Lê Văn Năm', position: 'Chuyên viên', role: 'member' },
            ],
          },
        },
      });
      fixture.write(path, decision([result()]));
      expect(problemsOf(await run(), path)).toEqual([
        expect.objectContaining({
          code: 'decision.roster',
          message: `Thành viên hội đồng: Thành viên khác danh sách Hội đồng của đợt (content/campaigns/${CAMPAIGN_ID}.md, mục "Hội đồng xét sáng kiến"): thiếu Lê Văn Năm (uy-vien-3).`,
        }),
      ]);
    });

    it('requires the result that the votes and the total give, and the grade of the total', async () => {
      fixture = makeFixture({ initiatives: 1 });
      const codes = async (overrides: Record<string, unknown>) => {
        fixture?.write(path, decision([result(overrides)]));
        return problemsOf(await run(), path).map((problem) => [problem.code, problem.field]);
      };
      // Pass score 50; one grade, Xuất sắc from 85; 3 voting, 2 needed.
      expect(await codes({ scores: { novelty: 20, effect: 25 }, grade: undefined })).toEqual([
        ['decision.pass-score', 'results[0].recognised'],
      ]);
      expect(await codes({ recognised: false, grade: undefined })).toEqual([
        ['decision.not-recognised', 'results[0].recognised'],
      ]);
      expect(
        await codes({ recognised: false, votesFor: 1, votesAgainst: 2, grade: 'xuat-sac' }),
      ).toEqual([['decision.grade-not-recognised', 'results[0].grade']]);
      expect(await codes({ scores: { novelty: 30, effect: 40 } })).toEqual([
        ['decision.grade', 'results[0].grade'],
      ]);
      const [grade] = problemsOf(await run(), path);
      expect(grade?.message).toContain(
        'Mức xếp loại ghi "Xuất sắc", nhưng tổng điểm bình quân 70 chưa tới mức nào (Xuất sắc từ 85).',
      );
      // Not enough votes and not recognised, below every grade and ungraded: nothing to say.
      expect(
        await codes({
          scores: { novelty: 30, effect: 40 },
          recognised: false,
          votesFor: 1,
          votesAgainst: 2,
          grade: undefined,
        }),
      ).toEqual([]);
    });

    it('dates the decision after the meeting, and the meeting after the deadline', async () => {
      fixture = makeFixture({ initiatives: 1 });
      const dated = (document: string, meetingOn: string) =>
        decision([result()])
          .replace('date: 2024-09-30', `date: ${document}`)
          .replace('meetingOn: 2024-09-26', `meetingOn: ${meetingOn}`);
      fixture.write(path, dated('2024-09-20', '2024-09-26'));
      expect(problemsOf(await run(), path)).toEqual([
        expect.objectContaining({
          code: 'decision.dates',
          severity: 'error',
          field: 'document.date',
          message: expect.stringContaining(
            'Quyết định ban hành ngày 20/09/2024, trước ngày họp xét 26/09/2024.',
          ),
        }),
      ]);
      // The fixture campaign's last day is 04/09/2024.
      const early = '2024-09-03';
      fixture.write(path, dated(early, early));
      expect(problemsOf(await run(), path)).toEqual([
        expect.objectContaining({
          code: 'decision.meeting-early',
          severity: 'warning',
          field: 'meetingOn',
        }),
      ]);
    });

    it('warns when a member and an author differ only by accents, and counts them apart', async () => {
      fixture = makeFixture({ initiatives: 1 });
      // The fixture's author is Nguyễn Thị Lan; "Nguyễn Thị Làn" is someone else, not recused.
      const alike = members.map((member) =>
        member.id === 'uy-vien-1' ? { ...member, name: 'Nguyễn Thị Làn' } : member,
      );
      fixture.write(
        path,
        stringify({
          ...parse(decision([result({ recused: [], votesFor: 4 })])),
          members: alike,
        }),
      );
      expect(problemsOf(await run(), path)).toEqual([
        expect.objectContaining({
          code: 'decision.recusal-alike',
          severity: 'warning',
          field: 'results[0].recused',
          message: expect.stringContaining(
            'Thành viên "Nguyễn Thị Làn" và tác giả "Nguyễn Thị Lan" chỉ khác nhau ở dấu.',
          ),
        }),
      ]);
    });

    it('reports a decision for an unknown campaign', async () => {
      fixture = makeFixture({ initiatives: 1 });
      fixture.write(
        path,
        decision([result()]).replace(`campaign: ${CAMPAIGN_ID}`, 'campaign: dot-khac'),
      );
      expect(errorCodes(await run(), path)).toContain('references.campaign');
    });
  });
});

describe('required data files', () => {
  it('reports a missing units.yaml instead of skipping unit checks silently', async () => {
    fixture = makeFixture({ initiatives: 1 });
    fixture.remove('content/units.yaml');
    const report = await validate({ root: fixture.root });
    expect(errorCodes(report, 'content/units.yaml')).toEqual(['file.unreadable']);
  });
});
