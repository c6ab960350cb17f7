import { pathToFileURL } from 'node:url';
import { createSatteriMarkdownProcessor } from '@astrojs/markdown-satteri';
import { describe, expect, test } from 'vitest';
import {
  attachmentImages,
  dropUnsafeUrls,
  escapeRawHtml,
  initiativeSlugOf,
} from '../../src/lib/markdown-safety.ts';

const entry = pathToFileURL('/repo/content/initiatives/mot-sang-kien/index.md');

async function render(markdown: string, fileURL: URL = entry): Promise<string> {
  const processor = await createSatteriMarkdownProcessor({
    syntaxHighlight: false,
    mdastPlugins: [escapeRawHtml, dropUnsafeUrls, attachmentImages('/kho/')],
  } as Parameters<typeof createSatteriMarkdownProcessor>[0]);
  return (await processor.render(markdown, { fileURL })).code;
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
