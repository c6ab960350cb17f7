import { describe, expect, test } from 'vitest';
import {
  criterionHeader,
  gradeForScore,
  gradeName,
  readCriterionHeader,
  totalScore,
  votesNeeded,
} from '../../src/core/committee.ts';

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
