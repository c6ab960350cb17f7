import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { validate } from '../../src/validator/index.ts';
import {
  bodyOf,
  errorCodes,
  type Fixture,
  initiativeData,
  makeFixture,
  PNG,
  problemsOf,
  sectionBodies,
} from '../support/fixtures.ts';

let fixture: Fixture | undefined;
afterEach(() => fixture?.cleanup());

async function bodyProblems(extra: string, attachments: string[] = []) {
  fixture = makeFixture();
  const files = Object.fromEntries(attachments.map((name) => [name, PNG]));
  const data = initiativeData({
    attachments: attachments.map((file) => ({ file, title: 'Sơ đồ quy trình' })),
  });
  const body = bodyOf({
    ...sectionBodies,
    'Nội dung giải pháp': `Các bước thực hiện.\n\n${extra}`,
  });
  const path = fixture.initiative('an-toan', data, body, files);
  const report = await validate({ root: fixture.root });
  return problemsOf(report, path);
}

describe('safety rule: Markdown body', () => {
  it('accepts https links, anchors, and images that are declared attachments', async () => {
    const problems = await bodyProblems(
      '[Cổng dịch vụ công](https://dichvucong.gov.vn) và [mục trên](#hieu-qua).\n\n![Sơ đồ](so-do.png) [tải sơ đồ](./so-do.png)',
      ['so-do.png'],
    );
    expect(problems).toEqual([]);
  });

  it.each([
    ['<script>alert(1)</script>', 'safety.script'],
    ['<div onclick="x()">bấm</div>', 'safety.html'],
    ['Chữ <img src=x onerror=alert(1)> chữ', 'safety.html'],
    ['<!-- chú thích -->', 'safety.html'],
    ['[bấm](javascript:alert(1))', 'safety.url'],
    ['[bấm](JaVa&#x09;ScRiPt:alert(1))', 'safety.url'],
    ['<javascript:alert(1)>', 'safety.url'],
    ['[x](data:text/html;base64,PHNjcmlwdD4=)', 'safety.url'],
    ['[x](vbscript:msgbox)', 'safety.url'],
    ['[x](file:///etc/passwd)', 'safety.url'],
    ['[x](http://example.com)', 'safety.url'],
    ['[x](mailto:a@b.c)', 'safety.url'],
    ['[x](//evil.example/a)', 'safety.url'],
    ['[x](../khac/index.md)', 'safety.url'],
    ['[x](%2e%2e/khac/index.md)', 'safety.url'],
    ['[x](/etc/passwd)', 'safety.url'],
    ['[x]: javascript:alert(1)\n\n[bấm][x]', 'safety.url'],
    ['![ảnh ngoài](https://example.com/a.png)', 'safety.image'],
    ['![ảnh chưa khai báo](khac.png)', 'safety.image'],
    ['[tệp chưa khai báo](bao-cao.pdf)', 'safety.local-link'],
  ])('refuses %j', async (markdown, code) => {
    const problems = await bodyProblems(markdown);
    expect(problems.map((p) => p.code)).toContain(code);
    const problem = problems.find((p) => p.code === code);
    expect(problem?.line).toBeGreaterThan(10);
  });
});

describe('safety rule: what the page would not show', () => {
  it.each([
    ['![Sơ đồ](so-do.png?x=1#y)', 'so-do.png'],
    ['![Sơ đồ](%73o-do.png)', 'so-do.png'],
  ])('refuses an image address the page would blank: %j', async (markdown, file) => {
    const problems = await bodyProblems(markdown, ['so-do.png']);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'safety.image',
        message: expect.stringContaining(`phải ghi đúng tên tệp "${file}"`),
      }),
    ]);
  });

  it.each([
    'Xem www.example.com/abc nhé.',
    'Xem http://example.com nhé.',
    'Xem (http://example.com) nhé.',
  ])('refuses a bare address that would become a link leading nowhere: %j', async (markdown) => {
    const problems = await bodyProblems(markdown);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'safety.url',
        message: expect.stringContaining('chỉ dùng địa chỉ đầy đủ https://'),
      }),
    ]);
  });

  it('leaves bare https addresses, code and link targets to their own rules', async () => {
    expect(
      await bodyProblems(
        'Xem https://dichvucong.gov.vn và `http://localhost:4321`.\n\n```\nwww.vi-du.vn\n```',
      ),
    ).toEqual([]);
    expect((await bodyProblems('[cổng](http://example.com)')).map((p) => p.code)).toEqual([
      'safety.url',
    ]);
  });
});

describe('safety rule: files', () => {
  it('refuses an .mdx entry and .mdx campaigns', async () => {
    fixture = makeFixture();
    fixture.write('content/initiatives/mdx/index.mdx', '---\ntitle: x\n---\n');
    fixture.write('content/campaigns/2025.mdx', '---\ntitle: x\n---\n');
    const report = await validate({ root: fixture.root });
    expect(errorCodes(report, 'content/initiatives/mdx/index.mdx')).toEqual([
      'safety.entry-extension',
    ]);
    expect(errorCodes(report, 'content/campaigns/2025.mdx')).toEqual(['safety.entry-extension']);
  });

  it('never runs a ---js front matter: the marker file is not created', async () => {
    fixture = makeFixture();
    const marker = fixture.path('marker.txt');
    const js = `---js\nrequire('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); module.exports = { title: 'x' };\n---\n`;
    fixture.write('content/initiatives/js/index.md', js);
    const report = await validate({ root: fixture.root });
    expect(errorCodes(report, 'content/initiatives/js/index.md')).toContain(
      'safety.front-matter-language',
    );
    expect(existsSync(marker)).toBe(false);
  });
});

describe('bodies the CommonMark parser would take minutes over', () => {
  it('refuses a paragraph of more than a thousand link or emphasis marks, naming its line', async () => {
    const problems = await bodyProblems(`Danh mục: ${'[a] '.repeat(1001)}`);
    const over = problems.filter((problem) => problem.code === 'markdown.too-many-marks');
    expect(over).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: expect.stringContaining('có hơn 1.000 dấu [, *, _ hoặc ~'),
      }),
    ]);
    const text = readFileSync(
      (fixture as Fixture).path('content/initiatives/an-toan/index.md'),
      'utf8',
    ).split('\n');
    expect(text[(over[0]?.line ?? 0) - 1]).toMatch(/^Danh mục: \[a\]/);
  });

  it('counts each paragraph, a quote line by line, on its own', async () => {
    // Two thousand marks in paragraphs of five hundred: nothing to say.
    const paragraphs = Array.from({ length: 4 }, () => '*a* '.repeat(250)).join('\n\n');
    expect(
      (await bodyProblems(paragraphs)).filter(
        (problem) => problem.code === 'markdown.too-many-marks',
      ),
    ).toEqual([]);
    // A long table or list is parsed row by row, item by item: nothing to say either.
    const table = `| Thủ tục | Liên kết |\n| - | - |\n${'| **Hộ tịch** | [mở](https://a.vn) |\n'.repeat(300)}`;
    const list = '- [mở](https://a.vn) *mới*\n'.repeat(400);
    for (const long of [table, list]) {
      expect(
        (await bodyProblems(long)).filter((problem) => problem.code === 'markdown.too-many-marks'),
      ).toEqual([]);
    }
    // A quote's lines run on as one paragraph: the parser sees them together.
    const quote = Array.from({ length: 1001 }, () => '> [a]').join('\n');
    expect((await bodyProblems(quote)).map((problem) => problem.code)).toContain(
      'markdown.too-many-marks',
    );
  });
});
