import { describe, expect, test } from 'vitest';
import {
  cleanInline,
  fold,
  foldedTokens,
  INVISIBLE_CHARACTERS,
  matchKey,
  nameKey,
  normalizeLine,
  normalizeText,
  sortByName,
} from '../../src/core/text.ts';

describe('fold: case, marks and đ set aside', () => {
  const cases: [string, string][] = [
    ['Đất đai', 'dat dai'],
    ['dịch vụ công trực tuyến', 'dich vu cong truc tuyen'],
    ['Thanh toán không tiền mặt', 'thanh toan khong tien mat'],
    ['ĐỔI MỚI Đăng ký', 'doi moi dang ky'],
    ['đường Đ', 'duong d'],
    ['Ủy ban  nhân\tdân ', 'uy ban nhan dan'],
    // Decomposed input (combining marks typed separately) folds the same.
    ['Thực trạng'.normalize('NFD'), 'thuc trang'],
    // Punctuation is kept: the search copy and the validator's heading rules need it.
    ['1. Tính mới:', '1. tinh moi:'],
  ];
  test.each(cases)('fold(%j) = %j', (text, expected) => {
    expect(fold(text)).toBe(expected);
  });
});

describe('matchKey: folded words only, for Word headings, labels and names', () => {
  const cases: [string, string][] = [
    ['1. TÍNH MỚI:', '1 tinh moi'],
    ['Tên sáng kiến, giải pháp', 'ten sang kien giai phap'],
    ['“Một cửa” – liên thông', 'mot cua lien thong'],
    ['Giảm 50% hồ sơ', 'giam 50% ho so'],
    [` Thu\u200bc tra\u0323ng\u00a0mới\ufeff `, 'thuc trang moi'],
  ];
  test.each(cases)('matchKey(%j) = %j', (text, expected) => {
    expect(matchKey(text)).toBe(expected);
  });
});

describe('foldedTokens: the words of a title for the duplicate index', () => {
  const cases: [string, string[]][] = [
    ['Đơn giản hóa thủ tục', ['don', 'gian', 'hoa', 'thu', 'tuc']],
    ['“Một cửa” 4.0', ['mot', 'cua', '4', '0']],
    ['', []],
  ];
  test.each(cases)('foldedTokens(%j)', (text, expected) => {
    expect(foldedTokens(text)).toEqual(expected);
  });
});

describe('nameKey: case, spaces and Unicode form set aside, accents kept', () => {
  const same: [string, string][] = [
    ['Trần Văn Hùng', 'TRẦN  VĂN HÙNG'],
    ['Trần Văn Hùng', 'Trần Văn Hùng'.normalize('NFD')],
    ['Tính mới (tối đa 30)', ' tính mới  (TỐI ĐA 30) '],
  ];
  test.each(same)('%j equals %j', (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
  });
  const different: [string, string][] = [
    ['Lê Thị Hà', 'Lê Thị Hạ'],
    ['Trần Văn Hùng', 'Tran Van Hung'],
  ];
  test.each(different)('%j differs from %j', (a, b) => {
    expect(nameKey(a)).not.toBe(nameKey(b));
  });
});

describe('clean-up of pasted text', () => {
  const cases: [string, (text: string) => string, string][] = [
    [`${'Thực'.normalize('NFD')}\u00a0trạng`, cleanInline, 'Thực trạng'],
    [' Một\u200b cửa ', cleanInline, ' Một cửa '],
    ['dòng 1\r\ndòng 2\u2028dòng 3', normalizeText, 'dòng 1\ndòng 2\ndòng 3'],
    ['\ufeff Tóm tắt \u202e', normalizeText, 'Tóm tắt'],
    ['Tên\n  sáng\u3000kiến ', normalizeLine, 'Tên sáng kiến'],
  ];
  test.each(cases)('%j', (text, clean, expected) => {
    expect(clean(text)).toBe(expected);
  });

  test('every invisible character the validator reports is removed from imported text', () => {
    for (const code of INVISIBLE_CHARACTERS.keys()) {
      const character = String.fromCharCode(code);
      expect(normalizeLine(`a${character}b`), code.toString(16)).toMatch(/^a ?b$/);
    }
  });
});

describe('Vietnamese order', () => {
  test('letters in the Vietnamese alphabet, numbers by value', () => {
    const names = ['Xã Đức Phú', 'Xã Bắc Ruộng', 'Xã Đồng Kho', 'Xã Dũng', 'Phường 10', 'Phường 2'];
    expect(sortByName(names, (name) => name)).toEqual([
      'Phường 2',
      'Phường 10',
      'Xã Bắc Ruộng',
      'Xã Dũng',
      'Xã Đồng Kho',
      'Xã Đức Phú',
    ]);
  });
});
