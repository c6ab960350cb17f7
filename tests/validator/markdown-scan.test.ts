/**
 * The line scan of bodies (headings, plain inline links and images) must give
 * exactly what the CommonMark parser gives — headings with their offsets,
 * links and images with their lines, raw HTML — or hand the body to it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseMarkdown, type MarkdownFacts, parseFully } from '../../src/validator/markdown.ts';

const lines = [
  '## Nội dung giải pháp',
  '## Tính mới ##',
  '# Hiệu quả',
  '### Hiệu quả đạt được',
  '## Xem [hướng dẫn](https://a.vn)',
  '  ## thụt hai',
  '    [mã thụt](https://a.vn)',
  '\t[tab](https://a.vn)',
  '> [trích dẫn](https://a.vn)',
  '- [trong danh sách](https://a.vn)',
  '-     [mã trong danh sách](https://a.vn)',
  '1. mục ![ảnh](so-do.png)',
  'Tiêu đề kiểu setext [liên kết](https://a.vn)',
  '---',
  '===',
  '',
  'Chữ thường, 12,5% & 3 < 4',
  '```',
  'Xem thêm [Cổng dịch vụ công quốc gia](https://dichvucong.gov.vn).',
  '![Sơ đồ quy trình mới](so-do.png)',
  '![](so-do.png) và [](https://a.vn)',
  '!![hai dấu](a.png)',
  '[a](b)(c) [d](e)',
  '*[nhấn mạnh](https://a.vn)*',
  '[a *b](https://a.vn)* c',
  '[liên kết](javascript:alert(1))',
  '[liên kết](<https://a.vn>)',
  '[liên kết](https://a.vn "tiêu đề")',
  '[liên kết] (https://a.vn)',
  '[tham chiếu][r]',
  '[r]: https://a.vn',
  '[r]',
  '[lồng [trong]](https://a.vn)',
  '[a]](https://a.vn)',
  '\\[thoát](https://a.vn)',
  '[thực thể](https://a.vn?a=1&amp;b=2)',
  '[xuống',
  'dòng](https://a.vn)',
  '`[mã](https://a.vn)`',
  '[a](https://a.vn/hồ-sơ)',
  '[a](../../etc/passwd)',
  '[a](#muc)',
  'dòng\r',
  'văn bản ] lẻ ) (',
];

function pick(facts: MarkdownFacts) {
  return {
    headings: facts.headings,
    references: facts.references,
    html: facts.html,
  };
}

describe('Markdown line scan', () => {
  it('finds the same headings, links, images and HTML as the CommonMark parser', () => {
    let scanned = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lines), { maxLength: 20 }), (chosen) => {
        const body = chosen.join('\n');
        const facts = analyseMarkdown(body);
        if (!facts.parsed && facts.references.length > 0) scanned += 1;
        expect(pick(facts)).toEqual(pick(parseFully(body)));
      }),
      { numRuns: 3000 },
    );
    // The comparison must exercise the link scan, not only its refusals.
    expect(scanned).toBeGreaterThan(50);
  });

  it('scans a typical body with a link and an image without the parser', () => {
    const body =
      '## Nội dung giải pháp\n\nChữ.\n\n![Sơ đồ](so-do.png)\n\nXem [Cổng](https://dichvucong.gov.vn).\n';
    const facts = analyseMarkdown(body);
    expect(facts.parsed).toBe(false);
    expect(facts.references).toEqual([
      { kind: 'image', url: 'so-do.png', line: 5 },
      { kind: 'link', url: 'https://dichvucong.gov.vn', line: 7 },
    ]);
    expect(pick(facts)).toEqual(pick(parseFully(body)));
  });
});
