import { describe, expect, test } from 'vitest';
import {
  describeChange,
  describeIndicator,
  describeRelativeChange,
  directionName,
  type IndicatorParts,
  indicatorDirection,
  indicatorName,
  indicatorTitle,
  indicatorUnit,
  verdictNames,
  verdictOf,
  viewIndicator,
} from '../../src/core/indicators.ts';
import { type Indicator, indicatorSchema } from '../../src/schemas/index.ts';

describe('title, name and unit of an indicator', () => {
  const cases: [IndicatorParts, string, string, string][] = [
    [{ kind: 'late-dossier-rate' }, 'Tỷ lệ hồ sơ trễ hẹn', 'Tỷ lệ hồ sơ trễ hẹn', '%'],
    [
      { kind: 'late-dossier-rate', label: 'Hồ sơ đất đai' },
      'Hồ sơ đất đai',
      'Tỷ lệ hồ sơ trễ hẹn – Hồ sơ đất đai',
      '%',
    ],
    [
      { kind: 'processing-days' },
      'Thời gian giải quyết bình quân',
      'Thời gian giải quyết bình quân',
      'ngày',
    ],
    [{ kind: 'other', label: 'Số cuộc gọi', unit: 'cuộc' }, 'Số cuộc gọi', 'Số cuộc gọi', 'cuộc'],
    // A form being filled in: nothing chosen yet.
    [{}, 'Chỉ số', 'Chỉ số', ''],
  ];
  test.each(cases)('%o', (indicator, title, name, unit) => {
    expect(indicatorTitle(indicator)).toBe(title);
    expect(indicatorName(indicator)).toBe(name);
    expect(indicatorUnit(indicator)).toBe(unit);
  });
});

describe('direction and change', () => {
  const indicator = (kind: Indicator['kind'], before: number, after: number): Indicator => ({
    kind,
    before: { value: before, period: '2023' },
    after: { value: after, period: '2024' },
    source: 'Hệ thống một cửa',
    ...(kind === 'other' ? { label: 'Số cuộc gọi', unit: 'cuộc', better: 'higher' as const } : {}),
  });
  const cases: [Indicator, boolean, string, string][] = [
    [
      indicator('late-dossier-rate', 18.4, 6.1),
      true,
      'giảm 12,3 điểm phần trăm',
      'Tỷ lệ hồ sơ trễ hẹn: 18,4% → 6,1%',
    ],
    [
      indicator('online-filing-rate', 40, 75),
      true,
      'tăng 35 điểm phần trăm',
      'Tỷ lệ hồ sơ nộp trực tuyến: 40% → 75%',
    ],
    [
      indicator('processing-days', 7, 9.5),
      false,
      'tăng 2,5 ngày',
      'Thời gian giải quyết bình quân: 7 ngày → 9,5 ngày',
    ],
    [indicator('other', 10, 20), true, 'tăng 10 cuộc', 'Số cuộc gọi: 10 cuộc → 20 cuộc'],
    [
      indicator('cashless-payment-rate', 50, 50),
      false,
      'không đổi',
      'Tỷ lệ thanh toán không dùng tiền mặt: 50% → 50%',
    ],
  ];
  test.each(cases)('%o', (input, improved, change, described) => {
    const view = viewIndicator(input);
    expect(view.improved).toBe(improved);
    expect(describeChange(view)).toBe(change);
    expect(describeIndicator(input)).toBe(described);
  });
});

describe('which way is better', () => {
  const cases: [IndicatorParts, string | undefined][] = [
    [{ kind: 'late-dossier-rate' }, 'lower'],
    [{ kind: 'processing-days' }, 'lower'],
    [{ kind: 'online-filing-rate' }, 'higher'],
    [{ kind: 'satisfaction-rate' }, 'higher'],
    // "Other" indicators say it themselves.
    [{ kind: 'other', better: 'lower' }, 'lower'],
    [{ kind: 'other', better: 'higher' }, 'higher'],
    // Not said yet (a form being filled in): unknown, never a guess.
    [{ kind: 'other' }, undefined],
    [{ kind: 'other', better: 'sideways' }, undefined],
    [{}, undefined],
    // A known kind keeps its own direction.
    [{ kind: 'late-dossier-rate', better: 'higher' }, 'lower'],
  ];
  test.each(cases)('%o → %s', (indicator, direction) => {
    expect(indicatorDirection(indicator)).toBe(direction);
  });

  test('an indicator whose direction is unknown is not judged', () => {
    const input = {
      kind: 'other',
      label: 'Số cuộc gọi',
      unit: 'cuộc',
      before: { value: 420, period: '2023' },
      after: { value: 95, period: '2024' },
      source: 'Sổ ghi điện thoại',
    } as Indicator;
    expect(() => viewIndicator(input)).toThrow('chưa ghi chiều tốt');
  });

  test('directions and verdicts have Vietnamese names', () => {
    expect(directionName('lower')).toBe('Càng thấp càng tốt');
    expect(directionName('higher')).toBe('Càng cao càng tốt');
    expect(verdictNames).toEqual({
      improved: 'cải thiện',
      worse: 'chưa cải thiện',
      unchanged: 'không đổi',
    });
  });
});

describe('verdict', () => {
  const cases: [number, number, 'lower' | 'higher', string][] = [
    [10, 5, 'lower', 'improved'],
    [5, 10, 'lower', 'worse'],
    [10, 5, 'higher', 'worse'],
    [5, 10, 'higher', 'improved'],
    [7, 7, 'lower', 'unchanged'],
    [7, 7, 'higher', 'unchanged'],
    [0, 0.5, 'higher', 'improved'],
  ];
  test.each(cases)('%d → %d, %s is better: %s', (before, after, direction, verdict) => {
    expect(verdictOf(before, after, direction)).toBe(verdict);
  });
});

describe('the samples\' own indicators of kind "other"', () => {
  const other = (
    label: string,
    unit: string,
    better: 'lower' | 'higher',
    before: number,
    after: number,
  ): Indicator => ({
    kind: 'other',
    label,
    unit,
    better,
    before: { value: before, period: '6 tháng cuối năm 2023' },
    after: { value: after, period: '6 tháng đầu năm 2024' },
    source: 'Báo cáo của đơn vị',
  });
  // Fewer calls, minutes, days, documents and hours: each of these went down and that is better.
  const cases: [Indicator, string, string, string | undefined][] = [
    [
      other('Số cuộc điện thoại hỏi tình trạng hồ sơ mỗi tháng', 'cuộc gọi', 'lower', 420, 95),
      'improved',
      'giảm 325 cuộc gọi',
      'giảm 77,4%',
    ],
    [
      other('Thời gian phục vụ bình quân một lượt chứng thực', 'phút', 'lower', 9, 5),
      'improved',
      'giảm 4 phút',
      'giảm 44,4%',
    ],
    [
      other('Thời gian tổng hợp kết quả chấm điểm', 'ngày làm việc', 'lower', 15, 3),
      'improved',
      'giảm 12 ngày làm việc',
      'giảm 80%',
    ],
    [
      other('Số tài liệu kiểm chứng phải bổ sung', 'tài liệu', 'lower', 96, 21),
      'improved',
      'giảm 75 tài liệu',
      'giảm 78,1%',
    ],
    [
      other('Thời gian đối soát lệ phí cuối tháng', 'giờ', 'lower', 6, 1),
      'improved',
      'giảm 5 giờ',
      'giảm 83,3%',
    ],
    // The one that should go up, and did.
    [
      other('Số lượt người dân xem bản tin', 'lượt', 'higher', 40, 1350),
      'improved',
      'tăng 1.310 lượt',
      'tăng 3.275%',
    ],
    // The same numbers with the direction the other way round are not an improvement.
    [
      other('Số cuộc điện thoại hỏi tình trạng hồ sơ mỗi tháng', 'cuộc gọi', 'higher', 420, 95),
      'worse',
      'giảm 325 cuộc gọi',
      'giảm 77,4%',
    ],
  ];
  test.each(cases)('%#: %s', (input, verdict, change, relative) => {
    expect(indicatorSchema.safeParse(input).success).toBe(true);
    const view = viewIndicator(input);
    expect(view.verdict).toBe(verdict);
    expect(view.improved).toBe(verdict === 'improved');
    expect(describeChange(view)).toBe(change);
    expect(describeRelativeChange(view)).toBe(relative);
  });
});

describe('the schema asks "other" indicators for their direction', () => {
  const base = {
    before: { value: 9, period: '2023' },
    after: { value: 5, period: '2024' },
    source: 'Báo cáo của đơn vị',
  };
  const problems = (input: unknown) => {
    const parsed = indicatorSchema.safeParse(input);
    return parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  test('an "other" indicator without one is refused, naming the field', () => {
    expect(problems({ ...base, kind: 'other', label: 'Số phút chờ', unit: 'phút' })).toEqual([
      'better: Chỉ số khác phải ghi chiều tốt: "Càng thấp càng tốt" hay "Càng cao càng tốt".',
    ]);
  });

  test('a known kind needs none, and refuses one that contradicts it', () => {
    expect(problems({ ...base, kind: 'processing-days' })).toEqual([]);
    expect(problems({ ...base, kind: 'processing-days', better: 'lower' })).toEqual([]);
    expect(problems({ ...base, kind: 'processing-days', better: 'higher' })).toEqual([
      'better: Loại chỉ số này đã có chiều tốt "Càng thấp càng tốt"; bỏ trống trường này.',
    ]);
  });

  test('only the two directions are accepted', () => {
    expect(
      problems({ ...base, kind: 'other', label: 'Số phút chờ', unit: 'phút', better: 'down' }),
    ).toHaveLength(1);
  });
});
