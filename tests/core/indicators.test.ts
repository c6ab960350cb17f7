import { describe, expect, test } from 'vitest';
import {
  describeChange,
  describeIndicator,
  type IndicatorParts,
  indicatorName,
  indicatorTitle,
  indicatorUnit,
  viewIndicator,
} from '../../src/core/indicators.ts';
import type { Indicator } from '../../src/schemas/index.ts';

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
    ...(kind === 'other' ? { label: 'Số cuộc gọi', unit: 'cuộc' } : {}),
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
