import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  buildQuickIndex,
  decodeSet,
  encodeSet,
  fold,
  markWords,
  type QuickDoc,
  QuickIndex,
  words,
} from '../../src/lib/quick-search.ts';

function members(bits: Uint8Array, count: number): number[] {
  return Array.from({ length: count }, (_, id) => id).filter(
    (id) => ((bits[id >> 3] ?? 0) & (1 << (id & 7))) !== 0,
  );
}

describe('sets of documents', () => {
  test('any set survives encoding, sparse (gaps) or dense (bitmap)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.array(fc.nat(), { maxLength: 3000 }),
        (count, raw) => {
          const ids = [...new Set(raw.map((value) => value % count))].sort((a, b) => a - b);
          expect(members(decodeSet(encodeSet(ids, count), count), count)).toEqual(ids);
        },
      ),
    );
  });

  test('a word on every page costs about N/6 characters, not N numbers', () => {
    const count = 50_000;
    const all = Array.from({ length: count }, (_, id) => id);
    const text = encodeSet(all, count);
    expect(text.startsWith('B')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(Math.ceil(count / 6) + 4);
    expect(encodeSet([3, 700], count)).toBe('L4,jd');
  });
});

describe('words', () => {
  test('folded: no tones, no marks, đ as d, lower case; the index form of the stroke too', () => {
    expect(words('Đất đai — Hồ sơ')).toEqual(['dat', 'dai', 'ho', 'so']);
    expect(fold('d\u0335ất')).toBe('dat');
    expect(words('Thủ tục 2021–2025')).toEqual(['thu', 'tuc', '2021', '2025']);
  });

  test('marks the words found, in their own spelling, and escapes the rest', () => {
    expect(markWords('Hồ sơ đất đai <b>', 'dat')).toBe('Hồ sơ <mark>đất</mark> đai &lt;b&gt;');
  });
});

describe('the index', () => {
  const doc = (path: string, title: string, summary: string, unit: string): QuickDoc => ({
    path,
    title,
    summary,
    keywords: [],
    unit,
    year: '2024',
    status: 'Chưa xét',
    terms: [],
    filters: { unit: [unit] },
    date: '2024-01-01',
  });
  const docs = [
    doc('a/', 'Số hóa hồ sơ đất đai', 'Tra cứu nhanh.', 'UBND xã Đức Phú'),
    doc('b/', 'Nhắc hạn hồ sơ hộ tịch', 'Hồ sơ đất đai được nhắc hạn.', 'Phòng Tư pháp'),
    doc('c/', 'Ký số văn bản', 'Không liên quan.', 'UBND xã Đức Phú'),
  ];
  const files = buildQuickIndex(docs, false);
  const index = new QuickIndex(async (path) => files.get(path));

  test('every word must be there; title matches first; the last word as a beginning', async () => {
    expect((await index.search('dat dai')).map((hit) => hit.id)).toEqual([0, 1]);
    expect((await index.search('đất đai hộ tịch')).map((hit) => hit.id)).toEqual([1]);
    expect((await index.search('ho ti')).map((hit) => hit.id)).toEqual([1]);
    expect(await index.search('khongco')).toEqual([]);
  });

  test('filters alone or with words', async () => {
    expect((await index.search('', { unit: 'UBND xã Đức Phú' })).map((hit) => hit.id)).toEqual([
      0, 2,
    ]);
    expect((await index.search('so', { unit: 'Phòng Tư pháp' })).map((hit) => hit.id)).toEqual([1]);
    expect(await index.search('', { unit: 'Không có' })).toEqual([]);
    expect((await index.record(2))?.[1]).toBe('Ký số văn bản');
  });
});
