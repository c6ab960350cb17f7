/**
 * The search index in parts: real Pagefind runs over a small hand-made site.
 */

import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, test } from 'vitest';
import { pruneIndexCache } from '../../scripts/build/index-cache.ts';
import {
  buildSearchIndex,
  PARTS_MANIFEST,
  planParts,
  searchablePages,
} from '../../scripts/build/search-index.ts';

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function page(title: string, body = true): string {
  const article = body
    ? `<article data-pagefind-body><h1>${title}</h1><p>Nội dung về ${title}.</p></article>`
    : `<h1>${title}</h1>`;
  return `<!DOCTYPE html><html lang="vi"><head><title>${title}</title></head><body>${article}</body></html>`;
}

/** A site with `count` initiative pages, one campaign page and pages that are not searchable. */
function makeSite(count: number, word = ''): string {
  const site = mkdtempSync(join(tmpdir(), 'kho-search-index-'));
  made.push(site);
  writeFileSync(join(site, 'index.html'), page('Trang chủ', false));
  const write = (path: string, html: string) => {
    mkdirSync(join(site, path), { recursive: true });
    writeFileSync(join(site, path, 'index.html'), html);
  };
  for (let index = 0; index < count; index += 1)
    write(`sang-kien/bai-${index}`, page(`Bài số ${index}${word ? ` ${word}` : ''}`));
  write('dot-phat-dong/2024', page('Đợt phát động 2024'));
  write('sang-kien/linh-vuc/dat-dai', page('Đất đai', false));
  write('sang-kien', page('Danh sách', false));
  write('sang-kien/trang-2', page('Danh sách, trang 2', false));
  write('dot-phat-dong/2024/trang-2', page('Đợt phát động 2024, trang 2', false));
  return site;
}

/** Every file under `dir` with its bytes. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files[path.slice(dir.length + 1)] = readFileSync(path).toString('base64');
    }
  }
  return files;
}

describe('planParts', () => {
  test('one part up to the part size', () => {
    expect(planParts(['a', 'b', 'c'], 3)).toEqual([['a', 'b', 'c']]);
    expect(planParts([], 3)).toEqual([[]]);
  });

  test('above it, pages are dealt round-robin into as few parts as fit, none lost', () => {
    const pages = Array.from({ length: 11 }, (_, index) => `p${index}`);
    const parts = planParts(pages, 4);
    expect(parts).toHaveLength(3);
    expect(parts.map((part) => part.length)).toEqual([4, 4, 3]);
    expect(parts.flat().sort()).toEqual([...pages].sort());
  });

  test('a part size that is not a positive integer is refused', () => {
    expect(() => planParts(['a'], 0)).toThrow(/số nguyên dương/);
    expect(() => planParts(['a'], 2.5)).toThrow(/số nguyên dương/);
  });
});

describe('buildSearchIndex', () => {
  test('lists initiative and campaign pages only, not the later pages of a list', () => {
    const site = makeSite(3);
    expect(searchablePages(site)).toEqual([
      'dot-phat-dong/2024/index.html',
      'sang-kien/bai-0/index.html',
      'sang-kien/bai-1/index.html',
      'sang-kien/bai-2/index.html',
    ]);
  });

  test('a small site gets one index and an empty list of parts', () => {
    const site = makeSite(3);
    const result = buildSearchIndex(site);
    expect(result).toMatchObject({ pages: 4, parts: 1, quick: 0 });
    expect(JSON.parse(readFileSync(join(site, PARTS_MANIFEST), 'utf8'))).toEqual([]);
  }, 60_000);

  test('above the part size, every page is indexed once across the parts, with their URLs', () => {
    const site = makeSite(6);
    const result = buildSearchIndex(site, { partSize: 3 });
    expect(result).toMatchObject({ pages: 7, parts: 3, quick: 0 });
    const parts = JSON.parse(readFileSync(join(site, PARTS_MANIFEST), 'utf8'));
    expect(parts).toEqual(['pagefind-2/', 'pagefind-3/']);
    const urls: string[] = [];
    for (const bundle of ['pagefind', 'pagefind-2', 'pagefind-3']) {
      expect(existsSync(join(site, bundle, 'pagefind-entry.json'))).toBe(true);
      for (const name of readdirSync(join(site, bundle, 'fragment'))) {
        // A fragment is gzipped `pagefind_dcd` followed by the page's JSON record.
        const text = gunzipSync(readFileSync(join(site, bundle, 'fragment', name))).toString();
        urls.push(JSON.parse(text.replace(/^pagefind_dcd/, '')).url);
      }
    }
    // Each page once, with its address as if indexed from the site's root.
    expect(urls.sort()).toEqual([
      '/dot-phat-dong/2024/',
      ...Array.from({ length: 6 }, (_, index) => `/sang-kien/bai-${index}/`),
    ]);
    // The staging folders of hard links are gone.
    expect(readdirSync(site).filter((name) => name.startsWith('.pagefind'))).toEqual([]);
  }, 60_000);

  test('a part whose pages are unchanged is copied from an earlier build, not indexed again', () => {
    // Words of its own, so that no earlier run of any test made this index.
    const token = `ma${randomUUID().replaceAll('-', '')}`;
    const first = makeSite(5, token);
    const before = buildSearchIndex(first, { partSize: 2 });
    expect(before).toMatchObject({ pages: 6, parts: 3, reused: 0 });

    const again = makeSite(5, token);
    expect(buildSearchIndex(again, { partSize: 2 })).toMatchObject({
      pages: 6,
      parts: 3,
      reused: 3,
    });
    for (const bundle of ['pagefind', 'pagefind-2', 'pagefind-3']) {
      expect(tree(join(again, bundle))).toEqual(tree(join(first, bundle)));
    }

    // One page changed: only its part is indexed again, and its new words are found in it.
    const changed = makeSite(5, token);
    writeFileSync(join(changed, 'sang-kien/bai-2/index.html'), page(`Bài số 2 ${token} bản sửa`));
    expect(buildSearchIndex(changed, { partSize: 2 })).toMatchObject({ reused: 2 });
    const titles = ['pagefind', 'pagefind-2', 'pagefind-3'].flatMap((bundle) =>
      readdirSync(join(changed, bundle, 'fragment')).map(
        (name) =>
          JSON.parse(
            gunzipSync(readFileSync(join(changed, bundle, 'fragment', name)))
              .toString()
              .replace(/^pagefind_dcd/, ''),
          ).meta.title as string,
      ),
    );
    expect(titles).toContain(`Bài số 2 ${token} bản sửa`);
    expect(titles).not.toContain(`Bài số 2 ${token}`);
  }, 120_000);

  test('after two weeks without a build, a changed part keeps the bundles of the parts after it; the build’s end removes only the unused one', () => {
    // A cache of its own: its bundles are made to look old.
    const cache = mkdtempSync(join(tmpdir(), 'kho-index-cache-'));
    made.push(cache);
    const before = process.env.KHO_INDEX_CACHE;
    process.env.KHO_INDEX_CACHE = cache;
    try {
      const token = `ma${randomUUID().replaceAll('-', '')}`;
      expect(buildSearchIndex(makeSite(5, token), { partSize: 2 })).toMatchObject({ reused: 0 });
      const old = new Date(Date.now() - 20 * 86_400_000);
      const stored = readdirSync(cache);
      expect(stored).toHaveLength(3);
      for (const folder of stored) {
        for (const name of readdirSync(join(cache, folder), { recursive: true, encoding: 'utf8' }))
          utimesSync(join(cache, folder, name), old, old);
        utimesSync(join(cache, folder), old, old);
      }

      // The first part changed: indexed and stored first, before the two others are reached.
      const changed = () => {
        const site = makeSite(5, token);
        writeFileSync(join(site, 'sang-kien/bai-0/index.html'), page(`Bài số 0 ${token} bản sửa`));
        return site;
      };
      expect(buildSearchIndex(changed(), { partSize: 2 })).toMatchObject({ parts: 3, reused: 2 });
      expect(readdirSync(cache)).toHaveLength(4);

      // Once the build is over, only the first part's old bundle, which no page uses now, goes.
      pruneIndexCache();
      const kept = readdirSync(cache);
      expect(kept).toHaveLength(3);
      expect(stored.filter((folder) => !kept.includes(folder))).toHaveLength(1);
      expect(buildSearchIndex(changed(), { partSize: 2 })).toMatchObject({ reused: 3 });
    } finally {
      if (before === undefined) delete process.env.KHO_INDEX_CACHE;
      else process.env.KHO_INDEX_CACHE = before;
    }
  }, 120_000);
});
