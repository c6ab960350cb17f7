import { pathToFileURL } from 'node:url';
import { createSatteriMarkdownProcessor } from '@astrojs/markdown-satteri';
import { fromHtml } from 'hast-util-from-html';
import { describe, expect, test } from 'vitest';
import { renderBody } from '../../src/lib/markdown.ts';
import {
  attachmentImages,
  dropUnsafeUrls,
  escapeRawHtml,
  initiativeSlugOf,
  isSafeUrl,
  sanitizeHtml,
  sanitizeTree,
} from '../../src/lib/markdown-safety.ts';

const entry = pathToFileURL('/repo/content/initiatives/mot-sang-kien/index.md');

type ProcessorOptions = Parameters<typeof createSatteriMarkdownProcessor>[0];

/** The site's pipeline (astro.config.mjs). */
async function render(markdown: string, fileURL: URL = entry): Promise<string> {
  const processor = await createSatteriMarkdownProcessor({
    syntaxHighlight: false,
    mdastPlugins: [escapeRawHtml, dropUnsafeUrls, attachmentImages('/kho/')],
    hastPlugins: [sanitizeHtml],
  } as ProcessorOptions);
  return (await processor.render(markdown, { fileURL })).code;
}

/**
 * The allow-list alone, on a pipeline that parses raw HTML into elements and has none of the
 * mdast plugins: what reaches the tree when the first layer is missing or bypassed.
 */
async function renderSanitizedOnly(markdown: string): Promise<string> {
  const processor = await createSatteriMarkdownProcessor({
    syntaxHighlight: false,
    hastPlugins: [sanitizeHtml],
    features: { rawHtml: true },
  } as ProcessorOptions);
  return (await processor.render(markdown, { fileURL: entry })).code;
}

describe('initiative bodies never render raw HTML', () => {
  const cases: [string, string, RegExp][] = [
    ['script block', '<script>alert(1)</script>', /<script/],
    ['inline image with handler', 'Xem <img src=x onerror="alert(1)"> nhé', /<img src="x"/],
    ['iframe', '<iframe src="https://example.com"></iframe>', /<iframe/],
    ['html comment', '<!-- ẩn -->', /<!--/],
  ];
  test.each(cases)('%s is shown as text', async (_name, markdown, forbidden) => {
    const html = await render(markdown);
    expect(html).not.toMatch(forbidden);
    expect(html).toContain('&lt;');
  });

  const urls: [string, string][] = [
    ['[bấm](javascript:alert(1))', 'javascript:'],
    ['![ảnh](data:image/svg+xml;base64,AAAA)', 'data:'],
    ['[x](VBScript:msgbox)', 'vbscript:'],
    ['[bấm][r]\n\n[r]: javascript:alert(1)', 'javascript:'],
    ['![ảnh][r]\n\n[r]: data:image/svg+xml;base64,AAAA', 'data:'],
  ];
  test.each(urls)('%s loses its dangerous target', async (markdown, protocol) => {
    const html = (await render(markdown)).toLowerCase();
    expect(html).not.toContain(protocol);
  });

  test('ordinary Markdown still renders', async () => {
    const html = await render(
      '## Nội dung giải pháp\n\n**Đậm** và [liên kết](https://example.gov.vn).',
    );
    expect(html).toContain('<h2');
    expect(html).toContain('<strong>Đậm</strong>');
    expect(html).toContain('href="https://example.gov.vn"');
  });
});

describe('attachment images', () => {
  const cases: [string, string][] = [
    ['![sơ đồ](so-do.png)', 'src="/kho/sang-kien/mot-sang-kien/so-do.png"'],
    ['![sơ đồ](./so-do.png)', 'src="/kho/sang-kien/mot-sang-kien/so-do.png"'],
    ['![ngoài](https://example.gov.vn/a.png)', 'src="https://example.gov.vn/a.png"'],
  ];
  test.each(cases)('%s → %s', async (markdown, expected) => {
    expect(await render(markdown)).toContain(expected);
  });

  test('any other relative image of an initiative is left with no address, as its page renders it', async () => {
    for (const markdown of ['![a](../khac/x.png)', '![b](con/x.png)']) {
      const html = await renderBody(
        markdown,
        '/repo/content/initiatives/mot-sang-kien/index.md',
        '/kho/',
      );
      expect(html).toMatch(/<img [^>]*alt="[ab]"/);
      expect(html).not.toContain('x.png');
      expect(html).not.toContain('__ASTRO_IMAGE_');
    }
  });

  test('pages that are not initiatives keep their image URLs', async () => {
    const html = await render('![a](a.png)', pathToFileURL('/repo/src/pages/huong-dan/index.mdx'));
    expect(html).toContain('a.png');
    expect(html).not.toContain('/kho/sang-kien/');
  });

  const slugs: [string, string | undefined][] = [
    ['/repo/content/initiatives/abc-def/index.md', 'abc-def'],
    ['/repo/content/campaigns/2024.md', undefined],
    ['/repo/content/initiatives/abc/khac.md', undefined],
  ];
  test.each(slugs)('initiativeSlugOf(%s) = %s', (path, slug) => {
    expect(initiativeSlugOf(pathToFileURL(path))).toBe(slug);
  });
});

/**
 * Hostile bodies: markdown, then what must not appear in the lower-cased HTML. Patterns start at
 * a real tag (`<`), so markup shown as text (`&lt;…`) does not count.
 */
const hostile: [string, string, RegExp][] = [
  ['autolink to a script URL', '<javascript:alert(1)>', /<[^>]*href="\s*javascript:/],
  ['entity-encoded scheme', '[bấm](jav&#x61;script:alert(1))', /<[^>]*href="\s*javascript:/],
  ['named-entity colon', '[bấm](javascript&colon;alert(1))', /<[^>]*href="\s*javascript:/],
  ['tab inside the scheme', '[bấm](java&#9;script:alert(1))', /<[^>]*href="java\s*script:/],
  ['leading space entity', '[bấm](&#32;javascript:alert(1))', /<[^>]*href="\s*javascript:/],
  ['vbscript link', '[x](vbscript:msgbox(1))', /<[^>]*href="vbscript:/],
  ['data URL image', '![ảnh](data:image/svg+xml;base64,PHN2Zz4=)', /<[^>]*src="data:/],
  ['reference image to data', '![ảnh][r]\n\n[r]: data:text/html;base64,AAAA', /<[^>]*src="data:/],
  ['reference link to script', '[bấm][r]\n\n[r]: javascript:alert(1)', /<[^>]*href="javascript:/],
  ['protocol-relative link', '[x](//evil.example/a)', /<[^>]*href="\/\/evil/],
  ['backslash host', '[x](/\\evil.example/a)', /<[^>]*href="\/\\/],
  ['file URL', '[x](file:///etc/passwd)', /<[^>]*href="file:/],
  ['raw HTML in a table', '| a |\n| --- |\n| <img src=x onerror=alert(1)> |', /<[^>]*\sonerror=/],
  ['svg with handler', '<svg onload=alert(1)><circle r=1 /></svg>', /<svg|<[^>]*\sonload=/],
  ['math', '<math><mtext><script>alert(1)</script></mtext></math>', /<math|<script/],
  ['iframe', '<iframe src="https://example.com"></iframe>', /<iframe/],
  [
    'form controls',
    '<form action="https://x"><input name=a><button>Gửi</button></form>',
    /<form|<input|<button/,
  ],
  ['style element', '<style>body{display:none}</style>', /<style/],
  ['style attribute', '<p style="position:fixed">x</p>', /<[^>]*\sstyle=/],
  ['srcset', '<img src="a.png" srcset="https://evil.example/x.png 2x">', /<[^>]*\ssrcset=/],
  ['object', '<object data="x.swf"></object>', /<object/],
  [
    'link with script URL in raw HTML',
    '<a href="javascript:alert(1)">x</a>',
    /<[^>]*href="javascript:/,
  ],
  ['comment', '<!-- <script>alert(1)</script> -->', /<!--|<script/],
];

describe('the rendered tree keeps only what Markdown makes', () => {
  test.each(hostile)('%s: the site pipeline', async (_name, markdown, forbidden) => {
    expect((await render(markdown)).toLowerCase()).not.toMatch(forbidden);
  });

  test.each(hostile)('%s: the allow-list alone', async (_name, markdown, forbidden) => {
    expect((await renderSanitizedOnly(markdown)).toLowerCase()).not.toMatch(forbidden);
  });

  test('text inside dropped wrappers stays readable, code inside dropped elements does not', async () => {
    const html = await renderSanitizedOnly(
      'Trước <span onclick="x()">giữa</span> sau <script>alert("mã")</script>',
    );
    expect(html).toContain('giữa');
    expect(html).not.toContain('onclick');
    expect(html).not.toContain('alert');
  });

  test('everything GFM makes survives the allow-list unchanged', async () => {
    const markdown = [
      '# Một',
      '## Hai',
      '',
      'Đoạn *nghiêng*, **đậm**, ~~gạch~~, `mã`, [liên kết](https://example.gov.vn "tựa"),',
      '[tệp](bao-cao.pdf), [mục](#mot) và chú thích[^1].  ',
      'Dòng mới.',
      '',
      '![sơ đồ](so-do.png "Sơ đồ")',
      '',
      '> Trích dẫn',
      '',
      '1. một',
      '2. hai',
      '',
      '3. ba',
      '4. bốn',
      '',
      '- [x] xong',
      '- [ ] chưa',
      '',
      '| Trái | Giữa | Phải |',
      '| :--- | :---: | ---: |',
      '| 1 | 2 | 3 |',
      '',
      '```ts',
      'const a = 1;',
      '```',
      '',
      '---',
      '',
      '[^1]: Ghi chú.',
    ].join('\n');
    const plain = await createSatteriMarkdownProcessor({
      syntaxHighlight: false,
    } as ProcessorOptions);
    const expected = (await plain.render(markdown, { fileURL: entry })).code;
    const html = await renderSanitizedOnly(markdown);
    // The changes: task-list boxes become characters instead of form controls, column alignment
    // an attribute instead of a style; a rebuilt tree writes boolean attributes as `=""`.
    expect(html).toBe(
      expected
        .replace(/<input[^>]*checked[^>]*>/g, '☑ ')
        .replace(/<input[^>]*>/g, '☐ ')
        .replace(/style="text-align: (\w+)"/g, 'align="$1"')
        .replace(/ (data-footnotes|data-footnote-ref)(?=[\s>])/g, ' $1=""'),
    );
  });
});

describe('sanitizeTree', () => {
  /** Raw HTML in, what the allow-list leaves out (Sätteri parses and serialises). */
  const cases: [string, string, string][] = [
    ['event handler', '<p onclick="x()">a</p>', '<p>a</p>'],
    ['style', '<p style="color:red">a</p>', '<p>a</p>'],
    ['unknown element unwrapped', '<p><span class="x">a</span></p>', '<p>a</p>'],
    ['script dropped with its code', '<p>a<script>x()</script></p>', '<p>a</p>'],
    ['iframe dropped', '<iframe srcdoc="<script>x()</script>"></iframe>', ''],
    ['svg dropped', '<svg><a href="javascript:x()">a</a></svg>', '<p></p>'],
    [
      'img keeps src, alt, title only',
      '<p><img src="a.png" alt="b" title="c" srcset="d 2x" width="9"></p>',
      '<p><img src="a.png" alt="b" title="c"></p>',
    ],
    [
      'img with data URL',
      '<p><img src="data:image/png;base64,AA" alt="b"></p>',
      '<p><img alt="b"></p>',
    ],
    [
      'link with https',
      '<p><a href="https://a.vn/x" target="_blank">a</a></p>',
      '<p><a href="https://a.vn/x">a</a></p>',
    ],
    ['link with http', '<p><a href="http://a.vn/x">a</a></p>', '<p><a>a</a></p>'],
    ['link with uppercase scheme', '<p><a href="JaVaScRiPt:x()">a</a></p>', '<p><a>a</a></p>'],
    // Heading ids are added after the allow-list, from the heading's text.
    ['id outside the footnote prefix', '<h2 id="noi-dung">a</h2>', '<h2 id="a">a</h2>'],
    [
      'footnote ids kept',
      '<ol><li id="user-content-fn-1">a</li></ol>',
      '<ol><li id="user-content-fn-1">a</li></ol>',
    ],
    [
      'class outside the list',
      '<pre><code class="language-ts kho-callout">a</code></pre>',
      '<pre><code class="language-ts">a</code></pre>',
    ],
    [
      'table alignment as an attribute',
      '<table><tbody><tr><td style="text-align: center">a</td><td style="color:red">b</td></tr></tbody></table>',
      '<table><tbody><tr><td align="center">a</td><td>b</td></tr></tbody></table>',
    ],
    ['comment', '<p>a<!-- b --></p>', '<p>a</p>'],
  ];
  test.each(cases)('%s', async (_name, input, expected) => {
    expect((await renderSanitizedOnly(input)).trim()).toBe(expected);
    expect(sanitizeTree(fromHtml(input, { fragment: true })).changed).toBe(input !== expected);
  });

  test('a clean tree is reported unchanged', () => {
    const input = '<p>a <em>b</em> <a href="#c" title="d">c</a></p>';
    expect(sanitizeTree(fromHtml(input, { fragment: true })).changed).toBe(false);
  });

  const urls: [string, boolean][] = [
    ['https://example.gov.vn/a', true],
    ['HTTPS://example.gov.vn/a', true],
    ['bao-cao.pdf', true],
    ['./bao-cao.pdf', true],
    ['/kho/sang-kien/a/b.png', true],
    ['#muc-1', true],
    ['?q=1', true],
    ['http://example.gov.vn', false],
    ['javascript:alert(1)', false],
    [' javascript:alert(1)', false],
    ['java\tscript:alert(1)', false],
    ['java\nscript:alert(1)', false],
    ['\u0000javascript:alert(1)', false],
    ['data:text/html,x', false],
    ['vbscript:x', false],
    ['mailto:a@b.vn', false],
    ['//evil.example', false],
    ['\\\\evil.example', false],
    ['/\\evil.example', false],
  ];
  test.each(urls)('isSafeUrl(%j) = %s', (url, safe) => {
    expect(isSafeUrl(url)).toBe(safe);
  });
});

describe('the site’s own Markdown pipeline (astro.config.mjs)', () => {
  test('footnotes speak Vietnamese and keep their links', async () => {
    const { default: config } = await import('../../astro.config.mjs');
    const processor = config.markdown?.processor as {
      createRenderer(options: object): Promise<{
        render(markdown: string, options: { fileURL: URL }): Promise<{ code: string }>;
      }>;
    };
    const renderer = await processor.createRenderer({ gfm: true, syntaxHighlight: false });
    const { code } = await renderer.render('Tỷ lệ giảm[^1].\n\n[^1]: Theo hệ thống một cửa.\n', {
      fileURL: entry,
    });
    expect(code).toContain('Chú thích');
    expect(code).toContain('aria-label="Quay lại chỗ dẫn chú thích 1"');
    expect(code).not.toMatch(/Footnotes|Back to reference/);
    expect(code).toMatch(/href="#user-content-fn-1"/);
  });
});
