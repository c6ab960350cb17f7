/**
 * The screened allow-list (the site's `sanitizeHtml`) renders every body exactly as the plain one
 * (the whole tree sanitised every time): on the sample bodies, on generated ones, on hostile and
 * unusual Markdown, with and without raw HTML parsed into elements, and on random nodes that a
 * plugin ahead of it adds. And the screen does let ordinary bodies through, so the fast path is
 * the one these comparisons exercise.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createSatteriMarkdownProcessor } from '@astrojs/markdown-satteri';
import fc from 'fast-check';
import type { Element, ElementContent, Properties } from 'hast';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTree } from '../../scripts/bench/validate.ts';
import { projectRoot } from '../../scripts/build/astro-command.ts';
import { imageAttributes } from '../../src/lib/image-attributes.ts';
import {
  attachmentImages,
  dropUnsafeUrls,
  escapeRawHtml,
  keptAsIs,
  sanitizeHtml,
  sanitizeHtmlPlugin,
} from '../../src/lib/markdown-safety.ts';
import { renderInput } from '../../src/loaders/content.ts';
import { collections } from '../../src/model/collections.ts';

type ProcessorOptions = Parameters<typeof createSatteriMarkdownProcessor>[0];
type Plugin = NonNullable<NonNullable<ProcessorOptions>['hastPlugins']>[number];

const FOOTNOTES = {
  gfm: {
    footnotes: {
      label: 'Chú thích',
      backContent: '↩',
      backLabel: 'Quay lại chỗ dẫn chú thích {reference}',
    },
  },
};

/** The site's pipeline (astro.config.mjs) with the given allow-list, and optionally a plugin before it. */
function pipeline(sanitizer: Plugin, options: { rawHtml?: boolean; before?: Plugin } = {}) {
  return createSatteriMarkdownProcessor({
    syntaxHighlight: false,
    mdastPlugins: options.rawHtml ? [] : [escapeRawHtml, dropUnsafeUrls, attachmentImages('/kho/')],
    hastPlugins: [...(options.before ? [options.before] : []), sanitizer, imageAttributes('/kho/')],
    features: options.rawHtml ? { ...FOOTNOTES, rawHtml: true } : FOOTNOTES,
  } as ProcessorOptions);
}

const plain = sanitizeHtmlPlugin({ screen: false }) as Plugin;
const screened = sanitizeHtml as Plugin;

function bodiesUnder(root: string): [URL, string][] {
  const folder = join(root, collections.initiatives.folder);
  return readdirSync(folder)
    .map((slug) => join(folder, slug, collections.initiatives.entryFile))
    .filter((file) => existsSync(file))
    .map((file) => [
      pathToFileURL(file),
      readFileSync(file, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, ''),
    ]);
}

const entry = pathToFileURL('/repo/content/initiatives/mot-sang-kien/index.md');

/** Markdown beyond what the samples use: GFM's every construct, escapes, hostile input. */
const unusual = [
  'Tỷ lệ[^1] và "ngoặc" & <b>x</b> \'a\'.\n\n[^1]: Ghi chú "x" & y.',
  '- [x] xong\n- [ ] chưa',
  '| Trái | Giữa | Phải |\n| :--- | :---: | ---: |\n| 1 | 2 | 3 |',
  '| a |\n| --- |\n| <img src=x onerror=alert(1)> |',
  '```ts\nconst a = "<x>";\n```\n\n```\nkhông ngôn ngữ\n```',
  '3. ba\n4. bốn\n\n1) một',
  '[t](https://a.vn/"x" "tựa & \\"q\\"") ![a "b"](so-do.png \'c\') ![ngoài](https://a.vn/a.png)',
  '<https://a.vn/x?a=1&b=2> www.a.vn a@b.vn <javascript:alert(1)>',
  '&nbsp; &copy; &#x26; \u00a0 x &lt;script&gt;',
  '<script>alert(1)</script><style>p{}</style><!-- ẩn -->',
  '[x](javascript:alert(1)) [y](jav&#x61;script:x) [z](//evil.example) [w](/\\evil)',
  '<p style="position:fixed" onclick="x()">x</p><span class="a">b</span>',
  '<table><tr><td style="text-align: center">a</td></tr></table><td>lạc</td>',
  '<ol start="3" class="contains-task-list"><li id="user-content-fn-1">a</li></ol>',
  '<input type="checkbox" checked disabled> <input type="text">',
  '<a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref aria-describedby="footnote-label">1</a>',
  '<h2 id="footnote-label" class="sr-only">Chú thích</h2><section data-footnotes class="footnotes"></section>',
  '<code class="language-ts kho">a</code><pre><code class="language-c++">b</code></pre>',
  '<img src="data:image/png;base64,AA" alt="b" width="9"><img src="a.png" srcset="b 2x">',
  '<svg><a href="javascript:x()">a</a></svg><math><mi>x</mi></math>',
  '---\ntitle: không phải phần đầu\n---\n\n***\n\n> trích\n> > lồng',
  '',
];

let generated: string;
let corpus: [URL, string][];

beforeAll(() => {
  generated = makeTree(150);
  corpus = [
    ...bodiesUnder(projectRoot),
    ...bodiesUnder(generated),
    ...unusual.map((body): [URL, string] => [entry, body]),
  ];
});

afterAll(() => {
  if (generated) rmSync(generated, { recursive: true, force: true });
});

async function renderAll(sanitizer: Plugin, rawHtml: boolean): Promise<string[]> {
  const processor = await pipeline(sanitizer, { rawHtml });
  const out: string[] = [];
  for (const [fileURL, body] of corpus) {
    out.push((await processor.render(renderInput(body), { fileURL })).code);
  }
  return out;
}

describe('the screened allow-list renders as the plain one', () => {
  test.each([false, true])('every body, raw HTML parsed: %s', async (rawHtml) => {
    const expected = await renderAll(plain, rawHtml);
    const actual = await renderAll(screened, rawHtml);
    expect(actual).toHaveLength(corpus.length);
    actual.forEach((html, index) => {
      expect(html, corpus[index]?.[1]).toBe(expected[index]);
    });
  });

  test('ordinary bodies pass the screen: nothing in them needs the allow-list', async () => {
    let elements = 0;
    const flagged: string[] = [];
    const probe = {
      name: 'probe',
      element: {
        filter: [],
        visit(node: Element, ctx: Parameters<typeof keptAsIs>[1]) {
          elements += 1;
          if (!keptAsIs(node, ctx))
            flagged.push(`${node.tagName} ${JSON.stringify(node.properties)}`);
        },
      },
    };
    const processor = await createSatteriMarkdownProcessor({
      syntaxHighlight: false,
      mdastPlugins: [escapeRawHtml, dropUnsafeUrls, attachmentImages('/kho/')],
      hastPlugins: [probe],
    } as ProcessorOptions);
    for (const [fileURL, body] of [...bodiesUnder(projectRoot), ...bodiesUnder(generated)]) {
      await processor.render(renderInput(body), { fileURL });
    }
    expect(elements).toBeGreaterThan(1000);
    expect(flagged).toEqual([]);
  });

  test('and flags what the allow-list changes', async () => {
    const flagged: string[] = [];
    const probe = {
      name: 'probe',
      element: {
        filter: [],
        visit(node: Element, ctx: Parameters<typeof keptAsIs>[1]) {
          if (!keptAsIs(node, ctx)) flagged.push(node.tagName);
        },
      },
    };
    const processor = await createSatteriMarkdownProcessor({
      syntaxHighlight: false,
      hastPlugins: [probe],
      features: { rawHtml: true },
    } as ProcessorOptions);
    const cases: [string, string][] = [
      ['<p onclick="x()">a</p>', 'p'],
      ['<span>a</span>', 'span'],
      ['<a href="javascript:x()">a</a>', 'a'],
      ['<a href="//evil.example">a</a>', 'a'],
      ['<td>lạc</td>', 'td'],
      ['- [x] xong', 'input'],
      ['| a |\n| :-: |\n| 1 |', 'th'],
    ];
    for (const [markdown, tag] of cases) {
      flagged.length = 0;
      await processor.render(markdown, { fileURL: entry });
      expect(flagged, markdown).toContain(tag);
    }
  });
});

// Nodes a plugin ahead of the allow-list might add: allowed and refused names, properties
// with allowed and refused values.
const tagNames = ['p', 'a', 'img', 'code', 'td', 'tr', 'table', 'li', 'ol', 'section', 'h2'];
const moreTags = ['span', 'script', 'style', 'input', 'div', 'svg'];
const values = fc.constantFrom<string | number | boolean | string[]>(
  'https://a.vn/x',
  'javascript:alert(1)',
  '//evil.example',
  'so-do.png',
  '#user-content-fn-1',
  'noi-dung',
  'text-align: center',
  'color: red',
  ['language-ts'],
  ['language-ts', 'x'],
  ['task-list-item'],
  ['footnotes'],
  ['sr-only'],
  ['footnote-label'],
  'checkbox',
  3,
  true,
);
const keys = fc.constantFrom(
  'href',
  'src',
  'alt',
  'title',
  'id',
  'className',
  'style',
  'onClick',
  'type',
  'checked',
  'start',
  'dataFootnotes',
  'ariaDescribedBy',
  'width',
);
const element: fc.Memo<Element> = fc.memo((depth) =>
  fc
    .record({
      tagName: fc.oneof(fc.constantFrom(...tagNames), fc.constantFrom(...moreTags)),
      properties: fc.dictionary(keys, values, { maxKeys: 3 }),
      children:
        depth > 1 ? fc.array(node(depth - 1), { maxLength: 3 }) : fc.constant<ElementContent[]>([]),
    })
    .map(
      (record): Element => ({
        type: 'element',
        tagName: record.tagName,
        properties: record.properties as Properties,
        children: record.children,
      }),
    ),
);
const node: fc.Memo<ElementContent> = fc.memo((depth) =>
  fc.oneof(
    { weight: 3, arbitrary: element(depth) },
    { weight: 1, arbitrary: fc.constantFrom<ElementContent>({ type: 'text', value: 'chữ & "x"' }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<ElementContent>({ type: 'comment', value: ' ẩn ' }),
    },
  ),
);

describe('random nodes added ahead of the allow-list', () => {
  test('render the same through both', async () => {
    let added: ElementContent[] = [];
    const adder = {
      name: 'adder',
      after(root: object, ctx: { appendChild(node: object, child: ElementContent[]): void }) {
        ctx.appendChild(root, added);
      },
    } as Plugin;
    const withPlain = await pipeline(plain, { before: adder });
    const withScreen = await pipeline(screened, { before: adder });
    await fc.assert(
      fc.asyncProperty(fc.array(node(3), { minLength: 1, maxLength: 4 }), async (nodes) => {
        added = structuredClone(nodes);
        const expected = (await withPlain.render('Đoạn **mở đầu**.', { fileURL: entry })).code;
        added = structuredClone(nodes);
        const actual = (await withScreen.render('Đoạn **mở đầu**.', { fileURL: entry })).code;
        expect(actual).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
