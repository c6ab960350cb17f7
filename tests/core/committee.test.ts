import { describe, expect, test } from 'vitest';
import {
  compareRoster,
  criterionHeader,
  gradeForScore,
  gradeName,
  type Mark,
  namesAlike,
  readCriterionHeader,
  recusedSeats,
  tally,
  totalScore,
  votesNeeded,
} from '../../src/core/committee.ts';
import { committeeSchema } from '../../src/schemas/campaign.ts';

describe('votesNeeded: two thirds of the members who may vote, rounded up', () => {
  const cases: [number, number][] = [
    [3, 2],
    [4, 3],
    [5, 4],
    [6, 4],
    [7, 5],
    [8, 6],
    [9, 6],
    [10, 7],
    [12, 8],
    [0, 0],
  ];
  test.each(cases)('%s voting → %s in favour', (voting, needed) => {
    expect(votesNeeded(voting)).toBe(needed);
  });
});

describe('totalScore: the sum of the criteria, to two decimals', () => {
  const cases: [Record<string, number | undefined>, number][] = [
    [{ novelty: 25, effect: 30, scope: 20 }, 75],
    // 0.1 + 0.2 is 0.30000000000000004 in floating point.
    [{ a: 0.1, b: 0.2 }, 0.3],
    [{ a: 27.5, b: 18.33, c: 14.17 }, 60],
    [{ a: 20, b: undefined }, 20],
    [{}, 0],
  ];
  test.each(cases)('%o → %s', (scores, total) => {
    expect(totalScore(scores)).toBe(total);
  });
});

describe('grades', () => {
  // Listed lowest first on purpose: the rubric may list them in any order.
  const grades = [
    { id: 'kha', name: 'Khá', minScore: 50 },
    { id: 'xuat-sac', name: 'Xuất sắc', minScore: 85 },
    { id: 'tot', name: 'Tốt', minScore: 70 },
  ];
  const scores: [number, string | undefined][] = [
    [92, 'xuat-sac'],
    [85, 'xuat-sac'],
    [84.99, 'tot'],
    [70, 'tot'],
    [50, 'kha'],
    [49.5, undefined],
  ];
  test.each(scores)('a total of %s is graded %s', (total, id) => {
    expect(gradeForScore(grades, total)?.id).toBe(id);
  });

  const names: [string | undefined, string | undefined][] = [
    ['tot', 'Tốt'],
    ['khong-con', 'khong-con'],
    [undefined, undefined],
  ];
  test.each(names)('gradeName(%j) = %j', (id, name) => {
    expect(gradeName(grades, id)).toBe(name);
  });
});

describe('criterion headers of the scoring sheet', () => {
  test('are written with their maximum and read back with or without it', () => {
    const header = criterionHeader({ name: 'Tính mới, tính sáng tạo', max: 30 });
    expect(header).toBe('Tính mới, tính sáng tạo (tối đa 30)');
    const cases: [string, { name: string; withMax: boolean }][] = [
      [header, { name: 'Tính mới, tính sáng tạo', withMax: true }],
      [
        'Tính mới, tính sáng tạo  (Tối đa 30 điểm) ',
        { name: 'Tính mới, tính sáng tạo', withMax: true },
      ],
      ['Tính mới, tính sáng tạo', { name: 'Tính mới, tính sáng tạo', withMax: false }],
    ];
    for (const [text, expected] of cases) expect(readCriterionHeader(text)).toEqual(expected);
  });
});

// A committee of seven, one of whom (Trần Văn Hùng) wrote the initiative being counted.
const members = [
  { id: 'chu-tich', name: 'Nguyễn Văn Thành' },
  { id: 'pho-chu-tich', name: 'Lê Thị Kim Dung' },
  { id: 'uy-vien-1', name: 'Phạm Đức Long' },
  { id: 'uy-vien-2', name: 'Võ Thị Thanh Xuân' },
  { id: 'uy-vien-3', name: 'Huỳnh Minh Quang' },
  { id: 'tac-gia', name: 'Trần Văn Hùng' },
  { id: 'thu-ky', name: 'Nguyễn Thị Bích Trâm' },
];
const criteria = [{ id: 'novelty' }, { id: 'effect' }];
const marks = (entries: [string, Mark][]) => new Map(entries);
const scored = (novelty: number, effect: number, vote: Mark['vote']): Mark => ({
  scores: { novelty, effect },
  vote,
});

describe('tally: counting one initiative from the members own ballots', () => {
  test('4 of 7 in favour is not two thirds: 5 are needed', () => {
    const count = tally({
      members,
      authors: ['Người Ngoài Hội Đồng'],
      criteria,
      marks: marks(
        members.map((member, index) => [member.id, scored(20, 20, index < 4 ? 'for' : 'against')]),
      ),
    });
    expect(count.entitled).toHaveLength(7);
    expect([count.votesFor, count.votesAgainst, count.needed]).toEqual([4, 3, 5]);
    expect(count.majority).toBe(false);
    expect(count.quorum).toBe(true);
  });

  test('a member who did not take part lowers nothing: the bar stays two thirds of all seven', () => {
    // Four ballots filled, three left blank: before the roster, this counted as 4 of 4.
    const count = tally({
      members,
      authors: [],
      criteria,
      marks: marks(members.slice(0, 4).map((member) => [member.id, scored(25, 25, 'for')])),
    });
    expect(count.absent.map((member) => member.id)).toEqual(['uy-vien-3', 'tac-gia', 'thu-ky']);
    expect(count.needed).toBe(5);
    expect(count.majority).toBe(false);
    expect(count.quorum).toBe(false);
  });

  test('an author is recused by name (case aside, accents kept), left out of the averages and of the two thirds', () => {
    // "Tran Van Hung" and "Trần Văn Hưng" are other people than the member "Trần Văn Hùng".
    expect(recusedSeats(members, ['TRAN VAN HUNG', 'Trần Văn Hưng'])).toEqual([]);
    expect(namesAlike(members, ['TRAN VAN HUNG', 'Trần Văn Hưng', 'Lê Văn Khác'])).toEqual([
      { member: members.find((member) => member.id === 'tac-gia'), author: 'TRAN VAN HUNG' },
      { member: members.find((member) => member.id === 'tac-gia'), author: 'Trần Văn Hưng' },
    ]);
    const count = tally({
      members,
      authors: ['TRẦN  VĂN HÙNG'],
      criteria,
      marks: marks([
        ...members
          .filter((member) => member.id !== 'tac-gia')
          .map((member, index): [string, Mark] => [
            member.id,
            scored(20 + index, 10, index < 4 ? 'for' : 'against'),
          ]),
        ['tac-gia', scored(30, 30, 'for')],
      ]),
    });
    expect(count.recused.map((member) => member.id)).toEqual(['tac-gia']);
    expect(count.recusedButMarked.map((member) => member.id)).toEqual(['tac-gia']);
    expect(count.entitled).toHaveLength(6);
    // (20 + 21 + 22 + 23 + 24 + 25) / 6 = 22.5: the author's 30 is not in it.
    expect(count.averages).toEqual({ novelty: 22.5, effect: 10 });
    expect(count.total).toBe(32.5);
    expect([count.votesFor, count.votesAgainst, count.needed]).toEqual([4, 2, 4]);
    expect(count.majority).toBe(true);
  });

  test('averages are rounded to two decimals', () => {
    const count = tally({
      members: members.slice(0, 3),
      authors: [],
      criteria,
      marks: marks([
        ['chu-tich', scored(27, 18, 'for')],
        ['pho-chu-tich', scored(28, 18, 'for')],
        ['uy-vien-1', scored(28, 19, 'for')],
      ]),
    });
    expect(count.averages).toEqual({ novelty: 27.67, effect: 18.33 });
    expect(count.total).toBe(46);
  });

  test('recusedSeats matches authors only', () => {
    expect(recusedSeats(members, ['Trần Văn Hùng', 'Ai Đó']).map((member) => member.id)).toEqual([
      'tac-gia',
    ]);
    expect(recusedSeats(members, [])).toEqual([]);
  });
});

describe('compareRoster: a sheet is the roster, or who is missing and who is extra', () => {
  test('a deleted row is missing, a stranger is extra, a blank id is matched by name', () => {
    const sheet = [
      ...members.filter((member) => member.id !== 'uy-vien-2').map((member) => ({ ...member })),
      { id: '', name: 'NGUYỄN VĂN THÀNH' },
      { id: 'nguoi-la', name: 'Người Lạ' },
    ];
    const difference = compareRoster(members, sheet);
    expect(difference.missing.map((member) => member.id)).toEqual(['uy-vien-2']);
    expect(difference.extra.map((member) => member.id)).toEqual(['nguoi-la']);
    expect(compareRoster(members, members)).toEqual({ missing: [], extra: [] });
  });
});

describe('committeeSchema: the roster of a campaign', () => {
  const roster = (roles: string[]) => ({
    members: roles.map((role, index) => ({
      id: `thanh-vien-${index + 1}`,
      name: `Thành viên số ${index + 1}`,
      position: 'Trưởng phòng',
      role,
    })),
  });
  test('needs exactly one chair, unique ids and names, at least three members', () => {
    expect(
      committeeSchema.safeParse(roster(['chair', 'vice-chair', 'member', 'secretary'])).success,
    ).toBe(true);
    const messages = (value: unknown) => {
      const parsed = committeeSchema.safeParse(value);
      return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
    };
    expect(messages(roster(['member', 'member', 'secretary']))).toContain(
      'Hội đồng cần đúng một Chủ tịch Hội đồng, đang có 0.',
    );
    expect(messages(roster(['chair', 'member']))).toContain('Hội đồng cần ít nhất 3 thành viên.');
    const twice = roster(['chair', 'member', 'member']);
    twice.members[2] = {
      ...twice.members[1],
      position: 'Chuyên viên',
    } as (typeof twice.members)[number];
    expect(messages(twice)).toEqual(
      expect.arrayContaining([
        'Mã thành viên "thanh-vien-2" bị lặp.',
        'Thành viên "Thành viên số 2" được ghi hai lần.',
      ]),
    );
  });
});
