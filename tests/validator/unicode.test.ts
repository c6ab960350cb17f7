import { afterEach, describe, expect, it } from 'vitest';
import { validate } from '../../src/validator/index.ts';
import {
  bodyOf,
  entryText,
  type Fixture,
  initiativeData,
  makeFixture,
  problemsOf,
  sectionBodies,
} from '../support/fixtures.ts';

let fixture: Fixture | undefined;
afterEach(() => fixture?.cleanup());

async function unicodeProblems(
  summaryTail: string,
  solution = sectionBodies['Nội dung giải pháp'] as string,
) {
  fixture = makeFixture();
  const data = initiativeData({
    summary: `Xã lập lịch hẹn và nhắc hạn tự động để giảm hồ sơ trễ hẹn${summaryTail}`,
  });
  const path = fixture.initiative(
    'unicode',
    data,
    bodyOf({ ...sectionBodies, 'Nội dung giải pháp': solution }),
  );
  const report = await validate({ root: fixture.root });
  const lines = (await import('node:fs')).readFileSync(fixture.path(path), 'utf8').split('\n');
  return problemsOf(report, path)
    .filter((p) => p.code.startsWith('unicode.'))
    .map((p) => ({ ...p, text: lines[(p.line ?? 0) - 1] }));
}

describe('unicode rule', () => {
  it('accepts NFC text without invisible characters', async () => {
    expect(await unicodeProblems('. Tiếng Việt có dấu: ắ ằ ẳ ẵ ặ đ Đ — “ngoặc”, 12,5%.')).toEqual(
      [],
    );
  });

  it('reports decomposed (NFD) Vietnamese with the line', async () => {
    const problems = await unicodeProblems('.', 'Tiê\u0301ng Viê\u0323t tổ hợp.');
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'unicode.nfc',
        text: expect.stringContaining('Tiê\u0301ng'),
      }),
    ]);
  });

  it.each([
    ['\u200b', 'U+200B'],
    ['\u202e', 'U+202E'],
    ['\u2066', 'U+2066'],
    ['\u200e', 'U+200E'],
    ['\ufeff', 'U+FEFF'],
    ['\u00ad', 'U+00AD'],
    ['\u0007', 'U+0007'],
    // Tag characters (plane 14) spell hidden text; a blank braille cell shows as a space.
    ['\u{e0041}\u{e0042}', 'U+E0000–U+E007F'],
    ['\u{e0100}', 'U+E0100'],
    ['\u2800', 'U+2800'],
    // A variation selector after a letter changes nothing a reader sees.
    ['\ufe0f', 'U+FE0F'],
  ])('reports invisible or bidi character %j with its line', async (char, name) => {
    const problems = await unicodeProblems('.', `Nhắc hạn${char} tự động.`);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'unicode.invisible',
        message: expect.stringContaining(name),
        text: expect.stringContaining('Nhắc hạn'),
      }),
    ]);
  });

  it('keeps the emoji presentation selector after an emoji', async () => {
    expect(await unicodeProblems('.', 'Đã xong ✅ và ❤\ufe0f, 1\ufe0f\u20e3 bước.')).toEqual([]);
  });

  it.each([
    ['Cyrillic о, а, с', 'Phân công công chức đầu mối theo nhóm thủ tục tại xã Lа Ngâu', 'Lа'],
    ['a Greek ο', 'Nhắc hạn hồ sơ đất đai tự động chο người dân', 'chο'],
  ])('reports a word that mixes Latin with look-alike %s', async (_name, tail, word) => {
    const problems = await unicodeProblems(` ${tail}.`);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'unicode.mixed-script',
        severity: 'error',
        message: expect.stringContaining(`Từ "${word}" trộn chữ Latinh với chữ Hy Lạp hoặc Kirin`),
        text: expect.stringContaining(`${word} `),
      }),
    ]);
  });

  it('leaves words wholly in Greek or Cyrillic alone', async () => {
    expect(await unicodeProblems('. Hệ số α và Δ tăng; tên gọi «Москва».')).toEqual([]);
  });

  it('reports a look-alike written as a character reference', async () => {
    const problems = await problemsIn(withSolution('Xã L&#1072; Ngâu áp dụng.'));
    expect(problems.map((problem) => problem.code)).toEqual(['unicode.mixed-script']);
  });

  /** Unicode problems of an entry written as `text`, each with the text of its line. */
  async function problemsIn(text: string) {
    fixture = makeFixture();
    const path = 'content/initiatives/unicode/index.md';
    fixture.write(path, text);
    const report = await validate({ root: fixture.root });
    const lines = (await import('node:fs')).readFileSync(fixture.path(path), 'utf8').split('\n');
    return problemsOf(report, path)
      .filter((p) => p.code.startsWith('unicode.'))
      .map((p) => ({ ...p, text: lines[(p.line ?? 0) - 1] }));
  }
  const withSolution = (solution: string) =>
    entryText(initiativeData(), bodyOf({ ...sectionBodies, 'Nội dung giải pháp': solution }));
  const withSummary = (summary: string) =>
    entryText(initiativeData({ summary: 'TÓM-TẮT' })).replace('TÓM-TẮT', summary);
  const SUMMARY = 'Xã lập lịch hẹn và nhắc hạn tự động để giảm hồ sơ trễ hẹn';

  // The source shows only ASCII; the page and the data carry the character itself.
  it.each([
    ['a decimal reference', withSolution('Nhắc hạn&#8203; tự động.'), 'U+200B', '&#8203;'],
    ['a hex reference', withSolution('Nhắc hạn&#x202E; tự động.'), 'U+202E', '&#x202E;'],
    ['a named reference', withSolution('Nhắc hạn&ZeroWidthSpace; tự động.'), 'U+200B', '&Zero'],
    ['a soft hyphen reference', withSolution('Nhắc&shy;hạn tự động.'), 'U+00AD', '&shy;'],
    [
      'a reference in a heading',
      withSolution('Xem mục\n\n## Ghi chú&lrm;\n\nChữ.'),
      'U+200E',
      '&lrm;',
    ],
    ['a YAML escape', withSummary(`"${SUMMARY}\\u200b."`), 'U+200B', '\\u200b'],
    ['a YAML escape of a bidi override', withSummary(`"${SUMMARY}\\u202e."`), 'U+202E', '\\u202e'],
    ['a YAML escape of a control character', withSummary(`"${SUMMARY}\\x07."`), 'U+0007', '\\x07'],
  ])(
    'reports an invisible character written as %s, on its line',
    async (_name, text, name, shown) => {
      expect(await problemsIn(text)).toEqual([
        expect.objectContaining({
          code: 'unicode.invisible',
          message: expect.stringContaining(name),
          text: expect.stringContaining(shown),
        }),
      ]);
    },
  );

  // A combining mark behind an escape: the page and the data carry decomposed text.
  it.each([
    ['a YAML escape', withSummary(`"${SUMMARY} va\\u0300 hơn."`), 'va\\u0300'],
    ['a decimal reference', withSolution('Lập lịch hẹn va&#768; nhắc hạn.'), 'va&#768;'],
    ['a hex reference in a heading', withSolution('Chữ.\n\n## Ghi chu&#x301;\n\nChữ.'), '&#x301;'],
  ])('reports a decomposed letter written as %s, on its line', async (_name, text, shown) => {
    expect(await problemsIn(text)).toEqual([
      expect.objectContaining({
        code: 'unicode.nfc',
        message: expect.stringContaining('hãy gõ thẳng chữ có dấu'),
        text: expect.stringContaining(shown),
      }),
    ]);
  });

  it('reports a decomposed line once, written raw and as a reference', async () => {
    const problems = await problemsIn(withSolution('Lập lịch he\u0323n va&#768; nhắc hạn.'));
    expect(problems.map((problem) => problem.code)).toEqual(['unicode.nfc']);
  });

  it('reports a character written both raw and as a reference on one line once', async () => {
    const problems = await problemsIn(
      withSolution('Nhắc hạn\u200b tự&#8203; động [xem](https://a.vn).'),
    );
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('U+200B')]);
  });

  it('accepts references that decode to visible characters', async () => {
    expect(
      await problemsIn(withSolution('Tỷ lệ &lt; 5&nbsp;% &amp; giảm &#8212; “tốt”, A&#x2011;B.')),
    ).toEqual([]);
  });
});
