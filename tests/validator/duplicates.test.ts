import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { foldedTokens } from '../../src/core/text.ts';
import { DUPLICATE_THRESHOLD, TitleIndex } from '../../src/validator/duplicates.ts';
import { validate } from '../../src/validator/index.ts';
import { type Fixture, initiativeData, makeFixture, problemsOf } from '../support/fixtures.ts';

let fixture: Fixture | undefined;
afterEach(() => fixture?.cleanup());

describe('near-duplicate titles', () => {
  it('warns on both entries, naming the other path, regardless of case, accents and đ', async () => {
    fixture = makeFixture();
    const a = fixture.initiative(
      'mot',
      initiativeData({ title: 'Thanh toán lệ phí chứng thực bằng mã QR ngân hàng tại xã Đức Phú' }),
    );
    const b = fixture.initiative(
      'hai',
      initiativeData({ title: 'THANH TOAN LE PHI CHUNG THUC BANG MA QR NGAN HANG TAI XA DUC PHU' }),
    );
    const report = await validate({ root: fixture.root });
    expect(problemsOf(report, a)).toEqual([
      expect.objectContaining({
        code: 'duplicates.title',
        severity: 'warning',
        field: 'title',
        message: expect.stringContaining(b),
      }),
    ]);
    expect(problemsOf(report, b)[0]?.message).toContain(a);
    expect(report.totals.errors).toBe(0);
  });

  it('does not warn about different ideas that share common words', async () => {
    fixture = makeFixture();
    const a = fixture.initiative(
      'mot',
      initiativeData({ title: 'Ứng dụng Zalo trả kết quả hồ sơ hộ tịch' }),
    );
    fixture.initiative('hai', initiativeData({ title: 'Ứng dụng Zalo tiếp nhận hồ sơ đất đai' }));
    expect(problemsOf(await validate({ root: fixture.root }), a)).toEqual([]);
  });

  it('finds exactly what comparing every pair finds (prefix filtering is lossless)', () => {
    const vocabulary = [
      'ho',
      'so',
      'tre',
      'hen',
      'zalo',
      'qr',
      'xa',
      'duc',
      'phu',
      'mot',
      'cua',
      'so',
      'hoa',
      'le',
      'phi',
    ];
    // Long titles over a larger vocabulary too: their 64-bit signatures collide, which must not lose a pair.
    const wide = Array.from({ length: 80 }, (_, index) => `w${index}`);
    const title = fc.oneof(
      fc
        .array(fc.constantFrom(...vocabulary), { minLength: 2, maxLength: 8 })
        .map((words) => words.join(' ')),
      fc
        .array(fc.constantFrom(...wide.slice(0, 30)), { minLength: 15, maxLength: 26 })
        .map((words) => words.join(' ')),
      fc
        .array(fc.constantFrom(...wide), { minLength: 15, maxLength: 26 })
        .map((words) => words.join(' ')),
    );
    fc.assert(
      fc.property(fc.array(title, { minLength: 2, maxLength: 30 }), (drawn) => {
        // Each title again with its first word changed: near-duplicates the join must find.
        const titles = [...drawn, ...drawn.map((text) => text.replace(/^\S+/, 'zz'))];
        const index = new TitleIndex();
        titles.forEach((text, i) => {
          index.add({ slug: `s${i}`, path: `p${i}`, title: text });
        });
        const all = index.allPairs();
        titles.forEach((text, i) => {
          const found = new Set(index.similarTo(text, `s${i}`).map((match) => match.other.slug));
          const own = new Set(foldedTokens(text));
          const expected = new Set<string>();
          titles.forEach((other, j) => {
            if (i === j) return;
            const theirs = new Set(foldedTokens(other));
            const shared = [...own].filter((token) => theirs.has(token)).length;
            if (shared / (own.size + theirs.size - shared) >= DUPLICATE_THRESHOLD)
              expected.add(`s${j}`);
          });
          expect(found).toEqual(expected);
          const joined = new Set((all.get(`s${i}`) ?? []).map((match) => match.other.slug));
          expect(joined).toEqual(expected);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('scales: 10,000 titles need a small fraction of the 50 million pairwise comparisons', () => {
    // Syllables drawn with a Zipf-like law, as in real titles: a few very common ("hồ", "sơ"), many rare.
    const syllables = Array.from({ length: 600 }, (_, i) => `am${i.toString(36)}`);
    let seed = 7;
    // mulberry32: a float LCG would lose precision and cycle.
    const random = () => {
      seed = (seed + 0x6d2b79f5) >>> 0;
      let t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = () => syllables[Math.floor(syllables.length * random() ** 3)] as string;
    const index = new TitleIndex();
    const titles: string[] = [];
    for (let i = 0; i < 10_000; i += 1) {
      const title = Array.from({ length: 8 + Math.floor(random() * 10) }, pick).join(' ');
      titles.push(title);
      index.add({ slug: `s${i}`, path: `p${i}`, title });
    }
    const planted = `${titles[42]} them`;
    index.add({ slug: 'planted', path: 'planted', title: planted });
    const pairs = index.allPairs();
    expect(pairs.get('planted')?.map((match) => match.other.slug)).toContain('s42');
    expect(index.similarTo(planted, 'planted').map((match) => match.other.slug)).toContain('s42');
    expect(index.comparisons).toBeLessThan((10_000 * 10_000) / 50);
  });
});
