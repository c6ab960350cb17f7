import { describe, expect, test } from 'vitest';
import {
  datesFrom,
  formatDate,
  formatDateOr,
  formatDateTime,
  formatTime,
  isIsoDate,
  parseDate,
  parseVietnameseDate,
  todayInVietnam,
} from '../../src/core/dates.ts';

describe('todayInVietnam: the calendar day in Asia/Ho_Chi_Minh (UTC+7)', () => {
  const cases: [string, string][] = [
    ['2024-09-04T16:59:59Z', '2024-09-04'],
    // Midnight in Viet Nam is 17:00 UTC the day before.
    ['2024-09-04T17:00:00Z', '2024-09-05'],
    ['2024-09-04T23:30:00Z', '2024-09-05'],
    ['2024-12-31T17:00:00Z', '2025-01-01'],
    ['2024-02-28T17:00:00Z', '2024-02-29'],
  ];
  test.each(cases)('%s → %s', (instant, expected) => {
    expect(todayInVietnam(new Date(instant))).toBe(expected);
  });
});

describe('formatDate: dd/mm/yyyy', () => {
  const cases: [string | Date, string][] = [
    ['2024-09-04', '04/09/2024'],
    // A calendar day is printed as written, never moved through a zone.
    ['2024-12-31', '31/12/2024'],
    [new Date('2024-09-04T17:30:00Z'), '05/09/2024'],
    [new Date('2024-09-04T16:59:00Z'), '04/09/2024'],
  ];
  test.each(cases)('%s → %s', (value, expected) => {
    expect(formatDate(value)).toBe(expected);
  });
  test('refuses a malformed date', () => {
    expect(() => formatDate('4/9/2024')).toThrow(/YYYY-MM-DD/);
  });

  const loose: [unknown, string][] = [
    ['2024-09-04', '04/09/2024'],
    [undefined, '—'],
    ['', '—'],
    ['cuối tháng 9', '—'],
    [new Date('invalid'), '—'],
  ];
  test.each(loose)('formatDateOr(%j) = %j', (value, expected) => {
    expect(formatDateOr(value, '—')).toBe(expected);
  });
});

describe('instants in Viet Nam', () => {
  const cases: [string, string, string][] = [
    ['2024-09-26T07:05:09Z', '26/09/2024 14:05', '14:05'],
    ['2024-09-26T17:00:00Z', '27/09/2024 00:00', '00:00'],
  ];
  test.each(cases)('%s → %s', (instant, dateTime, time) => {
    expect(formatDateTime(new Date(instant))).toBe(dateTime);
    expect(formatTime(new Date(instant))).toBe(time);
  });
});

describe('reading dates people type', () => {
  const strict: [string, string | undefined][] = [
    ['26/09/2024', '2024-09-26'],
    ['5-9-2024', '2024-09-05'],
    ['05.09.2024', '2024-09-05'],
    ['2024-09-05', '2024-09-05'],
    [' 26/9/2024 ', '2024-09-26'],
    ['31/02/2024', undefined],
    ['29/02/2023', undefined],
    ['cuối tháng 9', undefined],
    ['ngày 26/9/2024', undefined],
  ];
  test.each(strict)('parseDate(%j) = %j', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });

  const inText: [string, string | undefined][] = [
    ['Ngày áp dụng: 15/03/2024', '2024-03-15'],
    ['ngày 15 tháng 3 năm 2024', '2024-03-15'],
    ['NGÀY 5 THÁNG 9 NĂM 2024', '2024-09-05'],
    ['từ tháng 3/2024', '2024-03-01'],
    ['tháng 3 năm 2024', '2024-03-01'],
    ['2024-03-15', '2024-03-15'],
    ['31/04/2024', undefined],
    ['sắp tới', undefined],
  ];
  test.each(inText)('parseVietnameseDate(%j) = %j', (text, expected) => {
    expect(parseVietnameseDate(text)).toBe(expected);
  });

  const iso: [string, boolean][] = [
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-9-4', false],
  ];
  test.each(iso)('isIsoDate(%j) = %s', (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });
});

describe('datesFrom: consecutive calendar days', () => {
  test('crosses month, leap day and year ends', () => {
    expect(datesFrom('2028-02-27', 4)).toEqual([
      '2028-02-27',
      '2028-02-28',
      '2028-02-29',
      '2028-03-01',
    ]);
    expect(datesFrom('2026-12-31', 2)).toEqual(['2026-12-31', '2027-01-01']);
  });
  test('gives nothing for no days', () => {
    expect(datesFrom('2026-11-30', 0)).toEqual([]);
  });
});
