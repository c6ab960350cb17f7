/**
 * One formatter of schema problems: the field's Vietnamese label first, then what was
 * expected and what was found. A value of the wrong type is never reported as missing.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue, parseWithInput, relevantIssues } from '../../src/model/zod-errors.ts';
import { initiativeSchema } from '../../src/schemas/index.ts';
import { initiativeData } from '../support/fixtures.ts';

function messages(data: Record<string, unknown>): string[] {
  const result = parseWithInput(initiativeSchema, data);
  return result.success
    ? []
    : relevantIssues(result.error.issues).map((issue) => formatIssue(initiativeSchema, issue));
}

describe('schema problems in Vietnamese', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    [
      'a missing field',
      { title: undefined },
      /^Tên sáng kiến, giải pháp: Chưa điền \(bắt buộc\)\.$/,
    ],
    [
      'a number where text is expected',
      { title: 42 },
      /^Tên sáng kiến, giải pháp: .*đang là số 42\)?\.$/,
    ],
    [
      'a list where text is expected',
      { summary: ['a', 'b'] },
      /^Tóm tắt: .*đang là một danh sách 2 mục/,
    ],
    ['text too short', { title: 'Ngắn' }, /^Tên sáng kiến, giải pháp: .*10 ký tự.*đang có 4 ký tự/],
    ['a date in another form', { submitted: '20/08/2024' }, /YYYY-MM-DD.*đang là «20\/08\/2024»/],
    ['an unknown vocabulary id', { areas: ['khong-co'] }, /khong-co/],
    [
      'a nested field names its item',
      {
        authors: [{ name: 'Nguyễn Thị Lan', position: 'Công chức', unit: 42 }],
      },
      /^Tác giả thứ 1 › Đơn vị công tác: .*đang là số 42/,
    ],
    [
      'shares that do not add up',
      {
        authors: [
          { name: 'Nguyễn Thị Lan', position: 'Công chức', unit: 'xa-duc-phu', share: 60 },
          { name: 'Trần Văn Bình', position: 'Công chức', unit: 'xa-duc-phu', share: 30 },
        ],
      },
      /Tổng tỷ lệ đóng góp là 90%, phải bằng 100%/,
    ],
  ];
  it.each(cases)('%s', (_name, overrides, expected) => {
    const found = messages(initiativeData(overrides));
    expect(
      found.some((message) => expected.test(message)),
      found.join('\n'),
    ).toBe(true);
  });

  it('says a wrong type once, not again as a wrong length', () => {
    const found = messages(initiativeData({ summary: ['a', 'b'] }));
    expect(found).toEqual(['Tóm tắt: Phải là chuỗi ký tự (đang là một danh sách 2 mục).']);
  });

  it('says nothing of a valid entry', () => {
    expect(messages(initiativeData())).toEqual([]);
  });

  it('never reports a present value as missing', () => {
    for (const value of [42, true, ['x'], { a: 1 }, null]) {
      const found = messages(initiativeData({ title: value }));
      expect(found.length).toBeGreaterThan(0);
      expect(found.join('\n')).not.toMatch(/Chưa điền/);
    }
  });
});
