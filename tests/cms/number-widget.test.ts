/**
 * The admin's number field reads numbers as they are written in Vietnam ("5,5", "1.200"):
 * Decap's `<input type="number">` turned "5,5" into 55 in Chromium, silently.
 */
import { describe, expect, it } from 'vitest';
import { judgeNumber, readNumber, showNumber } from '../../src/admin/number-widget.ts';

const field = (options: Record<string, unknown>) => ({
  get: (key: string, fallback?: unknown) => (key in options ? options[key] : fallback),
});

describe('readNumber', () => {
  it.each([
    ['5,5', 5.5],
    ['5.5', 5.5],
    ['12,25', 12.25],
    ['0,1', 0.1],
    ['1.200', 1200],
    ['12.345.678', 12_345_678],
    ['1.200,5', 1200.5],
    ['  98 ', 98],
    ['-3', -3],
    ['7,', 7],
  ])('%j → %d', (text, value) => {
    expect(readNumber(text)).toBe(value);
  });

  it('says empty and unreadable apart', () => {
    expect(readNumber('')).toBeUndefined();
    expect(readNumber('  ')).toBeUndefined();
    for (const text of ['5,5,5', 'mười', '1.2.3', '12,3.4', '5%', '-']) {
      expect(readNumber(text), text).toBeNull();
    }
  });

  it('shows a stored number back the Vietnamese way, without rounding it', () => {
    for (const value of [5.5, 1200, 0.125, 1200.5, 98]) {
      expect(readNumber(showNumber(value))).toBe(value);
    }
    expect(showNumber(5.5)).toBe('5,5');
    expect(showNumber(0.125)).toBe('0,125');
    expect(showNumber(2024)).toBe('2024');
    expect(showNumber(12_345.5)).toBe('12.345,5');
    expect(showNumber('')).toBe('');
  });
});

describe('judgeNumber', () => {
  const share = field({ label: 'Tỷ lệ đóng góp (%)', min: 0.1, max: 100, value_type: 'float' });
  it('accepts an empty value and a number in range', () => {
    expect(judgeNumber(share, '')).toBe(true);
    expect(judgeNumber(share, 50)).toBe(true);
  });

  it('names the field, writes its bounds with a decimal comma, and refuses unreadable text', () => {
    expect(judgeNumber(share, 150)).toEqual({
      error: { type: 'RANGE', message: 'Tỷ lệ đóng góp (%) phải từ 0,1 đến 100.' },
    });
    expect(judgeNumber(share, '5,5,5')).toEqual({
      error: {
        type: 'PATTERN',
        message: 'Tỷ lệ đóng góp (%): "5,5,5" không phải là số; viết như 5,5 hoặc 1.200.',
      },
    });
    const year = field({ label: 'Năm', min: 2000, value_type: 'int' });
    expect(judgeNumber(year, 2024.5)).toEqual({
      error: { type: 'PATTERN', message: 'Năm phải là số nguyên.' },
    });
    expect(judgeNumber(year, 1999)).toEqual({
      error: { type: 'RANGE', message: 'Năm phải từ 2000 trở lên.' },
    });
  });
});
