/**
 * Search with or without diacritics, exhaustively: the real sample site is built (astro build +
 * Pagefind, index in parts as a large site's is), Pagefind's own browser script runs in Node
 * against it (its files read from the build), and for every distinct word of every indexed page
 * the accented word and its folded form ("đất" → "dat") must find the same pages, among them
 * every page the word comes from. Words are read from the built HTML, as Pagefind reads it:
 * the text of `data-pagefind-body` outside `data-pagefind-ignore`, and the `data-pagefind-meta`
 * values.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Element, Nodes, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { beforeAll, describe, expect, test } from 'vitest';
import { searchablePages } from '../../scripts/build/search-index.ts';
import { fold } from '../../src/core/text.ts';
import { findPages, type Pagefind, RANKING } from '../../src/lib/pagefind-search.ts';
import { indexableHtml, searchQuery, unstrokeD } from '../../src/lib/search-text.ts';
import { type BuiltSite, sharedSite } from '../browser/support/site.ts';

let site: BuiltSite;
let pagefind: Pagefind;
/** Page URL (as Pagefind gives it) → the page's indexed words, accented, lower case. */
const pageWords = new Map<string, Set<string>>();

/** Pagefind's script fetches its index by URL: answer from the built folder. */
function serveFromBuild(outDir: string, base: string): void {
  globalThis.fetch = (async (input: string | URL) => {
    const path = new URL(String(input), 'http://localhost/').pathname;
    const file = join(outDir, path.startsWith(base) ? path.slice(base.length) : path);
    try {
      return new Response(readFileSync(file), { status: 200 });
    } catch {
      return new Response('', { status: 404 });
    }
  }) as typeof fetch;
}

// Elements after which Pagefind's text of a page starts a new word.
const BLOCKS = new Set(
  'address article aside blockquote br caption dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul'.split(
    ' ',
  ),
);

function isElement(node: Nodes): node is Element {
  return node.type === 'element';
}

/** Text of the indexed body, words of separate blocks kept apart. */
function bodyText(node: Nodes, out: string[]): void {
  if (node.type === 'text') out.push(node.value);
  if (node.type !== 'element' && node.type !== 'root') return;
  if (isElement(node)) {
    if (node.properties.dataPagefindIgnore !== undefined) return;
    if (BLOCKS.has(node.tagName)) out.push(' ');
  }
  for (const child of node.children) bodyText(child, out);
  if (isElement(node) && BLOCKS.has(node.tagName)) out.push(' ');
}

function find(node: Nodes, test: (element: Element) => boolean, found: Element[] = []): Element[] {
  if (isElement(node) && test(node)) found.push(node);
  if (node.type === 'element' || node.type === 'root') {
    for (const child of node.children) find(child, test, found);
  }
  return found;
}

function textOf(node: Nodes): string {
  const out: string[] = [];
  bodyText(node, out);
  return out.join('');
}

/**
 * Pagefind's words: split at white space (and at the dashes the indexer is given spaced, see
 * indexableText), then only letters and digits kept, lower case; a word with punctuation inside
 * also gives its parts ("HĐND-UBND" → "hđndubnd", "hđnd", "ubnd").
 */
function words(text: string): string[] {
  const found: string[] = [];
  for (const raw of text.split(/[\s–—]+/)) {
    const whole = raw.replace(/[^\p{L}\p{N}\p{M}]/gu, '').toLowerCase();
    if (whole) found.push(whole.normalize('NFC'));
    if (/[^\p{L}\p{N}\p{M}]/u.test(raw)) {
      for (const part of raw.split(/[\p{P}\p{S}]+/u)) {
        const clean = part.replace(/[^\p{L}\p{N}\p{M}]/gu, '').toLowerCase();
        if (clean.length > 1) found.push(clean.normalize('NFC'));
      }
    }
  }
  return found;
}

/** The words Pagefind indexes for one built page, read from its HTML. */
function indexedWords(html: string): Set<string> {
  const tree: Root = fromHtml(html);
  const body = find(tree, (element) => element.properties.dataPagefindBody !== undefined);
  expect(body).toHaveLength(1);
  const text = [textOf(body[0] as Element)];
  for (const element of find(tree, (el) => el.properties.dataPagefindMeta !== undefined)) {
    const spec = String(element.properties.dataPagefindMeta);
    text.push(spec.includes(':') ? spec.slice(spec.indexOf(':') + 1) : textOf(element));
  }
  return new Set(words(text.join(' ')));
}

async function urlsFor(typed: string): Promise<string[]> {
  const results = await findPages(pagefind, typed);
  const urls = await Promise.all(results.map(async (result) => (await result.data()).url));
  return urls.sort();
}

beforeAll(async () => {
  site = await sharedSite({ base: '/kho-sang-kien/', searchPartSize: 8 });
  for (const page of searchablePages(site.outDir)) {
    const url = `${site.base}${page.replace(/index\.html$/, '')}`;
    pageWords.set(url, indexedWords(readFileSync(join(site.outDir, page), 'utf8')));
  }
  serveFromBuild(site.outDir, site.base);
  const module = (await import(
    pathToFileURL(join(site.outDir, 'pagefind', 'pagefind.js')).href
  )) as Pagefind;
  await module.options({ basePath: `${site.base}pagefind/`, baseUrl: site.base, ranking: RANKING });
  await module.init();
  const parts = JSON.parse(
    readFileSync(join(site.outDir, 'pagefind', 'kho-parts.json'), 'utf8'),
  ) as string[];
  expect(parts.length).toBeGreaterThan(0);
  for (const part of parts) {
    await module.mergeIndex(`${site.base}${part}`, { baseUrl: site.base, ranking: RANKING });
  }
  pagefind = module;
}, 600_000);

describe('search text (đ written as d + U+0335 for the indexer)', () => {
  test('the index input has no đ left, and writing it back gives the page text again', () => {
    const html = '<p title="Đất đai">Đất đai, <b>đ</b>ồng Đ</p>';
    const stroked = indexableHtml(html);
    expect(stroked.replace(/<[^>]*>/g, '')).not.toMatch(/[đĐ]/);
    // Attributes (filters, URLs) are left as they are.
    expect(stroked).toContain('title="Đất đai"');
    expect(unstrokeD(stroked)).toBe(html);
  });

  test('a dash glued between two words is spaced for the indexer, a spaced one is kept', () => {
    expect(indexableHtml('<p>2021–2025, 9—17 giờ, Tư pháp – Hộ tịch</p>')).toBe(
      '<p>2021 – 2025, 9 — 17 giờ, Tư pháp – Hộ tịch</p>',
    );
  });

  test('the query: spacing collapsed, đ written as the index has it, other marks kept', () => {
    expect(searchQuery('  Đất   đai ')).toBe('D\u0335ất d\u0335ai');
    expect(searchQuery('dat dai')).toBe('dat dai');
  });
});

describe('every word of the sample corpus, with and without diacritics', () => {
  test('the corpus is the whole sample: every searchable page, hundreds of words', () => {
    expect(pageWords.size).toBeGreaterThan(10);
    const all = new Set([...pageWords.values()].flatMap((set) => [...set]));
    expect(all.size).toBeGreaterThan(500);
    // The words this issue was about are in it.
    for (const word of ['đất', 'đai', 'điện', 'đơn', 'giản', 'hộ', 'tịch']) {
      expect(all.has(word)).toBe(true);
    }
  });

  test('each word and its folded form find the same pages, including every page it is on', async () => {
    const all = [...new Set([...pageWords.values()].flatMap((set) => [...set]))].sort();
    const failures: string[] = [];
    let withD = 0;
    for (const word of all) {
      const folded = fold(word);
      if (folded !== word && /đ/.test(word)) withD += 1;
      const [accented, plain] = await Promise.all([urlsFor(word), urlsFor(folded)]);
      const expected = [...pageWords].filter(([, set]) => set.has(word)).map(([url]) => url);
      const missing = expected.filter((url) => !plain.includes(url));
      if (accented.join() !== plain.join() || missing.length > 0) {
        failures.push(
          `${word} / ${folded}: có dấu ${accented.length} trang, không dấu ${plain.length} trang, thiếu ${missing.join(', ')}`,
        );
      }
    }
    expect(withD).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  }, 600_000);

  test('titles come back with their đ (the index writes it d + U+0335)', async () => {
    const results = await findPages(pagefind, 'dat dai');
    const titles = await Promise.all(results.map(async (r) => (await r.data()).meta.title ?? ''));
    expect(titles.some((title) => unstrokeD(title).includes('đất đai'))).toBe(true);
  });
});

describe('ranking', () => {
  test('for every keyword of the sample, pages with it in their title or keywords come first', async () => {
    const everything = await pagefind.search(null);
    const metas = await Promise.all(everything.results.map(async (r) => (await r.data()).meta));
    const keywords = new Set(
      metas.flatMap((meta) =>
        unstrokeD(meta.keywords ?? '')
          .split(',')
          .map((keyword) => keyword.trim())
          .filter(Boolean),
      ),
    );
    expect(keywords.size).toBeGreaterThan(20);
    const misranked: string[] = [];
    for (const keyword of keywords) {
      const key = fold(keyword);
      // Pagefind matches the start of a word: "ma qr" is in "mã QR ngân hàng".
      const holds = new RegExp(`(^|[^a-z0-9])${key.replace(/[^a-z0-9 ]/g, '.')}`);
      const order: boolean[] = [];
      for (const result of await findPages(pagefind, keyword)) {
        const { meta } = await result.data();
        order.push(holds.test(fold(unstrokeD(`${meta.title} | ${meta.keywords ?? ''}`))));
      }
      expect(order.some(Boolean)).toBe(true);
      if (order.lastIndexOf(true) > order.indexOf(false) && order.includes(false)) {
        misranked.push(`${keyword}: ${order.map((hit) => (hit ? 'T' : '.')).join('')}`);
      }
    }
    expect(misranked).toEqual([]);
  }, 600_000);
});
