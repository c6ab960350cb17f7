import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownCode, markdownInline, markdownText } from '../../src/core/markdown-escape.ts';
import { INVISIBLE_CHARACTERS } from '../../src/core/text.ts';

const ZWSP = '\u200B';

describe('markdownCode: a name as an inline code span', () => {
  it.each([
    ['a plain path', 'content/initiatives/a/index.md', '`content/initiatives/a/index.md`'],
    ['a backtick inside', 'a`b', '``a`b``'],
    ['a run of two backticks', 'a``b', '```a``b```'],
    ['a backtick at the start', '`x', '`` `x ``'],
    ['only backticks', '``', '``` `` ```'],
    ['spaces at both ends', ' a ', '`  a  `'],
    ['a newline and a heading', 'x\n### @to-chuc/hoi-dong', '`x\\n### @to-chuc/hoi-dong`'],
    ['CR, tab and NUL', 'a\r\tb\u0000', '`a\\r\\tb\\u0000`'],
    ['a line separator', 'a\u2028b', '`a\\u2028b`'],
    ['a right-to-left override', 'anh\u202Egnp.exe', '`anh\\u202Egnp.exe`'],
    ['a zero-width space', 'a\u200Bb', '`a\\u200Bb`'],
    ['nothing', '', '` `'],
    ['Vietnamese', 'Ảnh tiếp nhận hồ sơ.png', '`Ảnh tiếp nhận hồ sơ.png`'],
  ])('%s', (_name, input, expected) => {
    expect(markdownCode(input)).toBe(expected);
  });

  /** The content of a code span as CommonMark reads it (one line, no backslash escapes). */
  function readSpan(span: string): string {
    const fence = /^`+/.exec(span)?.[0] ?? '';
    const inner = span.slice(fence.length, span.length - fence.length);
    expect(span.endsWith(fence)).toBe(true);
    // No run of exactly the fence's length inside: it would close the span early.
    for (const run of inner.match(/`+/g) ?? []) expect(run.length).not.toBe(fence.length);
    return inner.length >= 2 && inner.startsWith(' ') && inner.endsWith(' ') && inner.trim() !== ''
      ? inner.slice(1, -1)
      : inner;
  }

  const hidden = new RegExp(
    `[\\p{Cc}${[...INVISIBLE_CHARACTERS.keys()].map((code) => `\\u{${code.toString(16)}}`).join('')}]`,
    'u',
  );

  it('is one line that no backtick in the name can close early (property test)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (name) => {
        const span = markdownCode(name);
        expect(span).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
        expect(readSpan(span)).not.toMatch(hidden);
      }),
    );
  });

  it('reads back as the name itself when it hides nothing (property test)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 1 }).filter((name) => !hidden.test(name)),
        (name) => {
          expect(readSpan(markdownCode(name))).toBe(name);
        },
      ),
    );
  });
});

describe('markdownText: words from a pull request, inert', () => {
  it.each([
    ['a team mention', 'Gửi @to-chuc/hoi-dong', `Gửi @${ZWSP}to\\-chuc\\/hoi\\-dong`],
    ['an e-mail', 'a@b.vn', `a@${ZWSP}b\\.vn`],
    ['an issue reference', 'xem #12', `xem \\#${ZWSP}12`],
    ['a GH reference', 'GH-12', `GH\\-${ZWSP}12`],
    ['HTML', '<img src=x>', '\\<img src\\=x\\>'],
    ['an entity for @', '&#64;all', `\\&\\#${ZWSP}64\\;all`],
    ['a link', 'https://vi-du.vn', `https\\:${ZWSP}\\/\\/vi\\-du\\.vn`],
    ['a bare www address', 'www.vi-du.vn', `www${ZWSP}\\.vi\\-du\\.vn`],
    ['emphasis', '**đậm** _nghiêng_', '\\*\\*đậm\\*\\* \\_nghiêng\\_'],
    ['a link in brackets', '[bấm](https://x)', `\\[bấm\\]\\(https\\:${ZWSP}\\/\\/x\\)`],
    ['line breaks and a heading', 'a\nb\r\n# c', `a b \\#${ZWSP} c`],
    ['a quote and a table on new lines', 'a\n> b\n|c|', 'a \\> b \\|c\\|'],
    ['an ordered list marker', '1. x', '1\\. x'],
    ['control and invisible characters', 'a\u0000b\u202Ec', 'a\uFFFDb\uFFFDc'],
    ['a percentage', 'Tỷ lệ 90%.', 'Tỷ lệ 90\\%\\.'],
    ['Vietnamese', 'Tổng tỷ lệ đóng góp', 'Tổng tỷ lệ đóng góp'],
  ])('%s', (_name, input, expected) => {
    expect(markdownText(input)).toBe(expected);
  });

  it('no line break, no live mention, no unescaped Markdown character (property test)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const out = markdownText(text);
        expect(out).not.toMatch(/[\r\n\u2028\u2029\u0085\p{Cc}]/u);
        expect(out).not.toMatch(/@(?!\u200B)/);
        expect(out).not.toMatch(/#(?!\u200B)/);
        // Every ASCII punctuation character but @ follows a backslash that is itself escaped or not.
        const unescaped = out.replace(/\\[!-/:-?[-`{-~]/g, '');
        expect(unescaped).not.toMatch(/[!-/:-?[-`{-~]/);
      }),
    );
  });
});

describe('markdownInline (a file people also read as it is)', () => {
  it('keeps commas, stops, colons and parentheses; escapes what makes HTML, links or cells', () => {
    expect(markdownInline('Hồ sơ, một cửa: 90%. (thử) #1 @lan')).toBe(
      'Hồ sơ, một cửa: 90%. (thử) #1 @lan',
    );
    expect(markdownInline('<b>x</b> [a](javascript:alert(1)) *đậm* `mã` a|b & ~x~ !')).toBe(
      '\\<b\\>x\\</b\\> \\[a\\](javascript:alert(1)) \\*đậm\\* \\`mã\\` a\\|b \\& \\~x\\~ \\!',
    );
    expect(markdownInline('https://evil.vn và www.evil.vn')).toBe(
      'https\\://evil.vn và www\\.evil.vn',
    );
    expect(markdownInline('dòng một\ndòng hai\u202e')).toBe('dòng một dòng hai\uFFFD');
  });
});
