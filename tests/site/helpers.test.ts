import { describe, expect, test } from 'vitest';
import { basePath, siteUrl } from '../../src/lib/deploy-config.ts';
import {
  formatBytes,
  formatDate,
  formatNumber,
  formatValue,
  sortByName,
} from '../../src/lib/format.ts';
import { describeChange, scaleBars, viewIndicator } from '../../src/lib/indicators.ts';
import { joinBase } from '../../src/lib/paths.ts';
import { wrapText } from '../../src/lib/share-image.ts';
import { foldVietnamese, slugify } from '../../src/lib/text.ts';
import type { Indicator } from '../../src/schemas/index.ts';

describe('formatDate: dd/mm/yyyy in Vietnam time', () => {
  const cases: [string | Date, string][] = [
    ['2024-09-04', '04/09/2024'],
    ['2024-01-09', '09/01/2024'],
    // 17:30 UTC on 4 Sept is already 5 Sept in Ho Chi Minh City (UTC+7).
    [new Date('2024-09-04T17:30:00Z'), '05/09/2024'],
    [new Date('2024-09-04T16:59:00Z'), '04/09/2024'],
  ];
  test.each(cases)('%s → %s', (input, expected) => {
    expect(formatDate(input)).toBe(expected);
  });
  test('refuses a malformed date', () => {
    expect(() => formatDate('4/9/2024')).toThrow(/YYYY-MM-DD/);
  });
});

describe('numbers and sizes', () => {
  const numbers: [number, string][] = [
    [18.4, '18,4'],
    [3412, '3.412'],
    [0.125, '0,13'],
  ];
  test.each(numbers)('formatNumber(%s) = %s', (value, expected) => {
    expect(formatNumber(value)).toBe(expected);
  });
  const sizes: [number, string][] = [
    [200, '1 KB'],
    [850 * 1024, '850 KB'],
    [2.4 * 1024 * 1024, '2,4 MB'],
  ];
  test.each(sizes)('formatBytes(%s) = %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });
  const values: [number, string, string][] = [
    [6.1, '%', '6,1%'],
    [7.2, 'ngày', '7,2 ngày'],
    [3, '', '3'],
  ];
  test.each(values)('formatValue(%s, %s) = %s', (value, unit, expected) => {
    expect(formatValue(value, unit)).toBe(expected);
  });
});

describe('Vietnamese text', () => {
  const folds: [string, string][] = [
    ['Đất đai', 'dat dai'],
    ['dịch vụ công trực tuyến', 'dich vu cong truc tuyen'],
    ['Thanh toán không tiền mặt', 'thanh toan khong tien mat'],
    ['Ủy ban nhân dân', 'uy ban nhan dan'],
  ];
  test.each(folds)('foldVietnamese(%s) = %s', (input, expected) => {
    expect(foldVietnamese(input)).toBe(expected);
  });
  const slugs: [string, string][] = [
    ['Xã Đức Phú', 'xa-duc-phu'],
    ['Phòng Tài chính – Kế hoạch', 'phong-tai-chinh-ke-hoach'],
  ];
  test.each(slugs)('slugify(%s) = %s', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });
  test('sorting follows Vietnamese alphabetical order', () => {
    const names = ['Xã Đức Phú', 'Xã Bắc Ruộng', 'Xã Đồng Kho', 'Xã Gia An', 'Xã Dũng'];
    expect(sortByName(names, (name) => name)).toEqual([
      'Xã Bắc Ruộng',
      'Xã Dũng',
      'Xã Đồng Kho',
      'Xã Đức Phú',
      'Xã Gia An',
    ]);
  });
});

describe('deploy configuration', () => {
  const bases: [string | undefined, string][] = [
    [undefined, '/'],
    ['', '/'],
    ['/', '/'],
    ['kho', '/kho/'],
    ['/kho-sang-kien', '/kho-sang-kien/'],
    ['/a/b/', '/a/b/'],
  ];
  test.each(bases)('basePath(%s) = %s', (input, expected) => {
    expect(basePath(input)).toBe(expected);
  });
  const sites: [string | undefined, string][] = [
    [undefined, 'http://localhost:4321'],
    ['https://owner.github.io/', 'https://owner.github.io'],
    ['https://cchc.example.gov.vn', 'https://cchc.example.gov.vn'],
  ];
  test.each(sites)('siteUrl(%s) = %s', (input, expected) => {
    expect(siteUrl(input)).toBe(expected);
  });
  const joins: [string, string, string][] = [
    ['/', 'sang-kien/', '/sang-kien/'],
    ['/kho/', '/sang-kien/', '/kho/sang-kien/'],
    ['/kho', 'rss.xml', '/kho/rss.xml'],
  ];
  test.each(joins)('joinBase(%s, %s) = %s', (base, path, expected) => {
    expect(joinBase(base, path)).toBe(expected);
  });
});

describe('indicators', () => {
  const indicator = (kind: Indicator['kind'], before: number, after: number): Indicator => ({
    kind,
    before: { value: before, period: '2023' },
    after: { value: after, period: '2024' },
    source: 'Hệ thống một cửa',
    ...(kind === 'other' ? { label: 'Số cuộc gọi', unit: 'cuộc' } : {}),
  });
  const cases: [Indicator, boolean, string][] = [
    [indicator('late-dossier-rate', 18.4, 6.1), true, 'giảm 12,3 điểm phần trăm'],
    [indicator('online-filing-rate', 40, 75), true, 'tăng 35 điểm phần trăm'],
    [indicator('processing-days', 7, 9.5), false, 'tăng 2,5 ngày'],
    [indicator('cashless-payment-rate', 50, 50), false, 'không đổi'],
    [indicator('other', 10, 20), true, 'tăng 10 cuộc'],
  ];
  test.each(cases)('%o: improved=%s, %s', (input, improved, text) => {
    const view = viewIndicator(input);
    expect(view.improved).toBe(improved);
    expect(describeChange(view)).toBe(text);
  });

  const bars: [number[], number, number[]][] = [
    [[10, 5], 100, [100, 50]],
    [[0, 0], 100, [0, 0]],
    [[3, 9, 6], 90, [30, 90, 60]],
  ];
  test.each(bars)('scaleBars(%o, %s) = %o', (values, width, lengths) => {
    const scaled = scaleBars(
      values.map((value) => ({ label: String(value), value })),
      width,
    );
    expect(scaled.map((bar) => bar.length)).toEqual(lengths);
  });
});

describe('share card text', () => {
  const cases: [string, number, number, string[]][] = [
    ['một hai ba bốn', 7, 3, ['một hai', 'ba bốn']],
    ['một hai ba bốn năm sáu', 7, 2, ['một hai', 'ba…']],
    ['ngắn', 30, 4, ['ngắn']],
  ];
  test.each(cases)('wrapText(%s, %s, %s)', (text, width, lines, expected) => {
    expect(wrapText(text, width, lines)).toEqual(expected);
  });
});
