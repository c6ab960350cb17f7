import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  neutraliseCellText,
  restoreCellText,
  spreadsheetCell,
} from '../../src/core/spreadsheet.ts';

describe('neutraliseCellText: no text cell starts like a formula', () => {
  const cases: [string, string][] = [
    [
      '=HYPERLINK("https://example.com","Bấm vào")',
      '\'=HYPERLINK("https://example.com","Bấm vào")',
    ],
    ['+1+2', "'+1+2"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['  =1+1', "'  =1+1"],
    ["'=1+1", "''=1+1"],
    ['-5', "'-5"],
    ['Nhắc hạn tự động hồ sơ đất đai', 'Nhắc hạn tự động hồ sơ đất đai'],
    ['Giảm 18,4% → 6,1%', 'Giảm 18,4% → 6,1%'],
    ['2992/KH-UBND', '2992/KH-UBND'],
    ["'trích dẫn'", "'trích dẫn'"],
    ['a=b', 'a=b'],
    ['', ''],
  ];
  test.each(cases)('%j → %j', (text, expected) => {
    expect(neutraliseCellText(text)).toBe(expected);
  });
});

describe('spreadsheetCell: only text changes', () => {
  const cases: [unknown, unknown][] = [
    [-5, -5],
    [-0.5, -0.5],
    [27, 27],
    [true, true],
    [null, null],
    [undefined, undefined],
    ['-5', "'-5"],
    ['=1', "'=1"],
  ];
  test.each(cases)('%j → %j', (value, expected) => {
    expect(spreadsheetCell(value)).toEqual(expected);
  });
});

describe('restoreCellText', () => {
  const cases: [string, string][] = [
    ["'=1+1", '=1+1'],
    ["''=1+1", "'=1+1"],
    ["'-Nhóm A", '-Nhóm A'],
    ["'trích dẫn'", "'trích dẫn'"],
    ['Bình thường', 'Bình thường'],
  ];
  test.each(cases)('%j → %j', (text, expected) => {
    expect(restoreCellText(text)).toBe(expected);
  });

  test('undoes neutraliseCellText for every text, and the result never starts like a formula', () => {
    const alphabet = fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', ' ', 'a', 'ạ', '1');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 8 }), (chars) => {
        const text = chars.join('');
        const safe = neutraliseCellText(text);
        expect(restoreCellText(safe)).toBe(text);
        expect(safe).not.toMatch(/^[=+\-@\t\r]/);
        expect(safe.replace(/^\s+/, '')).not.toMatch(/^[=+\-@]/);
      }),
      { numRuns: 2000 },
    );
  });
});
