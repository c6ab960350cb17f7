import { describe, expect, test } from 'vitest';
import { formatBytes, formatNumber, formatValue } from '../../src/core/numbers.ts';

describe('formatNumber: Vietnamese separators', () => {
  const cases: [number, number | undefined, string][] = [
    [18.4, undefined, '18,4'],
    [3412, undefined, '3.412'],
    [0.125, undefined, '0,13'],
    [100, undefined, '100'],
    [-2.5, undefined, '-2,5'],
    [1234.5, 0, '1.235'],
    [2.5, 2, '2,50'],
    [6, 1, '6,0'],
  ];
  test.each(cases)('formatNumber(%s, %s) = %s', (value, digits, expected) => {
    expect(formatNumber(value, digits)).toBe(expected);
  });
});

describe('formatValue: a number with its unit', () => {
  const cases: [number, string, string][] = [
    [18.4, '%', '18,4%'],
    [9.8, 'ngày', '9,8 ngày'],
    [1500, 'nghìn đồng', '1.500 nghìn đồng'],
    [3, '', '3'],
  ];
  test.each(cases)('formatValue(%s, %j) = %s', (value, unit, expected) => {
    expect(formatValue(value, unit)).toBe(expected);
  });
});

describe('formatBytes', () => {
  const cases: [number, string][] = [
    [200, '1 KB'],
    [850 * 1024, '850 KB'],
    [5 * 1024 * 1024, '5 MB'],
    [2.4 * 1024 * 1024, '2,4 MB'],
  ];
  test.each(cases)('formatBytes(%s) = %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });
});
