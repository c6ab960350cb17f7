/**
 * The Markdown list (`tong-hop-<đợt>.md`) quotes what submitters typed: a title, a unit, a name
 * must reach it as text, never as HTML, a link of their choosing, or a new heading or row.
 * The file is read back with a GFM parser, the way GitHub or an editor's preview shows it.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Root, RootContent, Table } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString as textOf } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type Report } from '../../scripts/report/build.ts';
import { LocalGitSource } from '../../scripts/report/local-source.ts';
import { toMarkdown } from '../../scripts/report/markdown.ts';
import { main } from '../../scripts/report.ts';
import { cmsBranch, makeRepo } from '../support/git-fixture.ts';

const project = resolve(import.meta.dirname, '../..');
const SAMPLE = 'nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai';
const sampleText = readFileSync(join(project, 'content/initiatives', SAMPLE, 'index.md'), 'utf8');
const CAMPAIGN = '2024-tanh-linh';
const COLUMNS = 9;

const HOSTILE_TITLE = '=HYPERLINK("https://evil") | cột <b>x</b> [a](javascript:alert(1))\n## Hai';
const HOSTILE_UNIT = 'don-vi <img src=x onerror=alert(1)> | [b](javascript:alert(2))';
const HOSTILE_AUTHOR = 'Nguyễn Văn A\n# Tiêu đề giả <script>alert(3)</script> **đậm**';

const hostileEntry = sampleText
  .replace(/^title: .*$/m, `title: ${JSON.stringify(HOSTILE_TITLE)}`)
  .replace(/^unit: .*$/m, `unit: ${JSON.stringify(HOSTILE_UNIT)}`)
  .replace(/^ {2}- name: .*$/m, `  - name: ${JSON.stringify(HOSTILE_AUTHOR)}`);

function parse(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

function* nodes(node: Root | RootContent): Generator<Root | RootContent> {
  yield node;
  if ('children' in node) for (const child of node.children) yield* nodes(child);
}

/** What a reader sees: the text, with the zero-width spaces that break bare links left out. */
const seen = (text: string) => text.replace(/\u200B/g, '');

/** The same text on one line, as a cell must hold it. */
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');

describe('Markdown list: submitted text is inert', () => {
  let markdown: string;
  let report: Report;

  beforeAll(async () => {
    const root = makeRepo(project, {}, true);
    cmsBranch(root, 'bai-doc-hai', { 'index.md': hostileEntry }, 'pending_review');
    const out = mkdtempSync(join(tmpdir(), 'kho-report-md-'));
    const original = { log: console.log, error: console.error };
    console.log = () => {};
    console.error = () => {};
    try {
      const code = await main([
        '--repo',
        root,
        '--campaign',
        CAMPAIGN,
        '--out',
        out,
        '--format',
        'md',
      ]);
      expect(code).toBe(0);
    } finally {
      Object.assign(console, original);
    }
    markdown = readFileSync(join(out, `tong-hop-${CAMPAIGN}.md`), 'utf8');
    report = await buildReport(new LocalGitSource(root), CAMPAIGN);
  });

  it('has no raw HTML, no javascript: link and no heading of the submitter', () => {
    expect(markdown).not.toMatch(/(^|[^\\])</m);
    // A closing bracket only when escaped: `\](javascript:…)` is text, not a link.
    expect(markdown).not.toMatch(/(^|[^\\])\]\(javascript:/m);
    // Commas and stops of a title are kept as typed, not backslashed.
    expect(markdown).toContain('Kiosk tra cứu hồ sơ, nhắc hạn và đánh giá hài lòng');
    expect(markdown).not.toMatch(/<br>/);
    expect(markdown.split('\n').filter((line) => line.startsWith('#'))).toHaveLength(1);
    const tree = parse(markdown);
    const all = [...nodes(tree)];
    expect(all.filter((node) => node.type === 'html')).toEqual([]);
    expect(all.filter((node) => node.type === 'heading')).toHaveLength(1);
    for (const node of all) {
      if (node.type === 'link') expect(node.url).toMatch(/^https?:\/\//);
    }
  });

  it('keeps the hostile row one row of nine cells, showing the words as typed', () => {
    const tables = parse(markdown).children.filter((node): node is Table => node.type === 'table');
    expect(tables).toHaveLength(1);
    const rows = tables[0]?.children ?? [];
    // The header, then one row per initiative: no cell split by `|`, no row ended by a newline.
    expect(rows).toHaveLength(report.rows.length + 1);
    for (const row of rows) expect(row.children).toHaveLength(COLUMNS);
    const hostile = rows.find((row) => seen(textOf(row.children[1])).startsWith('=HYPERLINK'));
    expect(hostile, 'the hostile row').toBeDefined();
    const cells = (hostile?.children ?? []).map((cell) => seen(textOf(cell)));
    expect(cells[1]).toBe(oneLine(HOSTILE_TITLE));
    expect(cells[2]).toBe(HOSTILE_UNIT);
    expect(cells[3]).toContain(oneLine(HOSTILE_AUTHOR));
  });

  it('links a row only to an http(s) address, whole', () => {
    const [first] = report.rows;
    if (!first) throw new Error('the report has no row');
    const withUrl = (url: string) =>
      parse(toMarkdown({ ...report, rows: [{ ...first, url }] })).children.flatMap((node) =>
        [...nodes(node)].filter((inner) => inner.type === 'link'),
      );
    expect(withUrl('javascript:alert(1)')).toEqual([]);
    expect(withUrl('data:text/html,<b>x</b>')).toEqual([]);
    const [link] = withUrl('https://github.com/to-chuc/kho/pull/12?a=(b)');
    expect(link?.type === 'link' && link.url).toBe(
      'https://github.com/to-chuc/kho/pull/12?a=%28b%29',
    );
  });

  it('escapes the campaign title and the source named at the top', () => {
    const shown = toMarkdown({
      ...report,
      campaign: { ...report.campaign, title: 'Đợt <i>1</i>\n# Giả' },
      source: 'kho git trên máy (nhánh [x](javascript:alert(1)))',
    });
    const tree = parse(shown);
    const all = [...nodes(tree)];
    expect(all.filter((node) => node.type === 'html' || node.type === 'link')).toEqual([]);
    const headings = all.filter((node) => node.type === 'heading');
    expect(headings.map((node) => seen(textOf(node)))).toEqual([
      'Tổng hợp sáng kiến: Đợt <i>1</i> # Giả',
    ]);
  });
});
