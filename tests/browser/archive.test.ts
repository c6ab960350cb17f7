/**
 * An archive too long for one page: a generated tree of ARCHIVE_SIZE initiatives, built for
 * real (astro build, Pagefind, quick index). Every list goes on over numbered pages reachable by
 * plain links; the quick search finds by title, summary, keywords and unit, typed with or
 * without diacritics, and the full text is one click away; the first search stays in budget.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { firstSearchBytes } from '../../scripts/bench/budgets.ts';
import { makeTree } from '../../scripts/bench/validate.ts';
import { astroBuildCommand } from '../../scripts/build/astro-command.ts';
import { cleanEnv } from '../../scripts/build/build-site.ts';
import { copyProject } from '../../scripts/build/project-copy.ts';
import { buildSearchIndex } from '../../scripts/build/search-index.ts';
import { type StaticServer, serveStatic } from '../../scripts/build/static-server.ts';
import { PAGE_SIZE } from '../../src/lib/pagination.ts';
import { fold, QUICK_DIR, QuickIndex } from '../../src/lib/quick-search.ts';
import { launchChromium } from '../support/chromium.ts';

/** More than two pages of the list, and of the campaign (all generated entries share one). */
const ARCHIVE_SIZE = 2 * PAGE_SIZE + 30;

let tree: string;
let dist: string;
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  tree = makeTree(ARCHIVE_SIZE);
  copyProject(tree);
  const [command, args] = astroBuildCommand(tree);
  const run = spawnSync(command, args, {
    cwd: tree,
    encoding: 'utf8',
    env: { ...cleanEnv(), ASTRO_TELEMETRY_DISABLED: '1', BASE_PATH: '/', SITE_URL: '' },
  });
  if (run.status !== 0) throw new Error(`astro build thất bại:\n${run.stderr.slice(-4000)}`);
  dist = join(tree, 'dist');
  buildSearchIndex(dist);
  server = await serveStatic(dist, '/');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tree) rmSync(tree, { recursive: true, force: true });
});

function html(path: string): string {
  return readFileSync(join(dist, path, 'index.html'), 'utf8');
}

/** Addresses of the initiatives a list page links to, in its list. */
function listed(page: string): string[] {
  const main = page.slice(page.indexOf('<main'), page.indexOf('</main>'));
  return [...main.matchAll(/href="\/sang-kien\/(sang-kien-\d+)\/"/g)].map(
    (match) => match[1] as string,
  );
}

function pager(page: string): {
  current?: string;
  prev?: string;
  next?: string;
  numbers: string[];
} {
  const nav = /<nav class="kho-pager"[^>]*>([\s\S]*?)<\/nav>/.exec(page)?.[1] ?? '';
  return {
    current: /aria-current="page"[^>]*>(\d+)</.exec(nav)?.[1],
    prev: /href="([^"]+)" rel="prev"/.exec(nav)?.[1],
    next: /href="([^"]+)" rel="next"/.exec(nav)?.[1],
    numbers: [...nav.matchAll(/href="([^"]+)"[^>]*>(?:<span[^>]*>Trang <\/span>)?\d+</g)].map(
      (match) => match[1] as string,
    ),
  };
}

/** Follows "Trang sau" from a list's first page: each page's path, in order. */
function walk(first: string): string[] {
  const paths = [first];
  for (;;) {
    const next = pager(html(paths[paths.length - 1] as string)).next;
    if (!next) return paths;
    expect(paths).not.toContain(next.slice(1));
    paths.push(next.slice(1));
  }
}

function allHtml(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.html'))
    .map((name) => join(dir, name));
}

describe('pagination', () => {
  test('the list of every initiative: pages linked forward and back, each initiative once', () => {
    const pages = walk('sang-kien/');
    expect(pages).toEqual(['sang-kien/', 'sang-kien/trang-2/', 'sang-kien/trang-3/']);
    const seen = pages.flatMap((path) => listed(html(path)));
    expect(seen).toHaveLength(ARCHIVE_SIZE);
    expect(new Set(seen).size).toBe(ARCHIVE_SIZE);
    pages.forEach((path, index) => {
      const links = pager(html(path));
      expect(links.current).toBe(String(index + 1));
      expect(links.prev).toBe(index === 0 ? undefined : `/${pages[index - 1]}`);
      // Every other page is one link away (three pages: no gap in the pager).
      expect(new Set(links.numbers)).toEqual(
        new Set(pages.filter((other) => other !== path).map((other) => `/${other}`)),
      );
    });
  });

  test('a campaign, an organiser and a facet page go on over pages too, nothing lost or repeated', () => {
    for (const first of [
      'dot-phat-dong/2024-tanh-linh/',
      'sang-kien/ket-qua-xet/chua-xet/',
      'co-quan-to-chuc/ubnd-huyen-tanh-linh/',
    ]) {
      const pages = walk(first);
      expect(pages.length).toBeGreaterThan(2);
      const seen = pages.flatMap((path) => listed(html(path)));
      expect(seen).toHaveLength(ARCHIVE_SIZE);
      expect(new Set(seen).size).toBe(ARCHIVE_SIZE);
    }
    // A later page names its place in the list and links back to the first page.
    const second = html('dot-phat-dong/2024-tanh-linh/trang-2/');
    expect(second).toMatch(/Sáng kiến 101–200 trên 230/);
    expect(second).toContain('href="/dot-phat-dong/2024-tanh-linh/"');
  });

  test('filters without JavaScript: every value of every facet is a link to its own page', () => {
    const page = html('sang-kien/');
    const facets = page.slice(
      page.indexOf('kho-facet-links'),
      page.indexOf('</nav>', page.indexOf('kho-facet-links')),
    );
    for (const path of [
      '/sang-kien/ket-qua-xet/chua-xet/',
      '/dot-phat-dong/2024-tanh-linh/',
      '/don-vi/xa-duc-phu/',
    ]) {
      expect(facets).toContain(`href="${path}"`);
    }
    // The in-page filter of a one-page list is not sent: it would only filter the page shown.
    expect(page).not.toContain('bo-loc.css');
  });

  test('no page of the site weighs more than 100 kB of HTML, gzipped', () => {
    const heaviest = allHtml(dist)
      .map((file) => ({ file, bytes: gzipSync(readFileSync(file)).length }))
      .sort((a, b) => b.bytes - a.bytes)[0];
    expect(heaviest?.bytes).toBeLessThanOrEqual(100 * 1024);
  });

  test('the later pages are in the sitemap', () => {
    const sitemap = readdirSync(dist)
      .filter((name) => /^sitemap-\d+\.xml$/.test(name))
      .map((name) => readFileSync(join(dist, name), 'utf8'))
      .join('');
    expect(sitemap).toContain('/sang-kien/trang-3/</loc>');
    expect(sitemap).toContain('/dot-phat-dong/2024-tanh-linh/trang-2/</loc>');
  });
});

describe('quick search', () => {
  const index = () =>
    new QuickIndex(async (path) => {
      try {
        return readFileSync(join(dist, QUICK_DIR, path), 'utf8');
      } catch {
        return undefined;
      }
    });

  /** Folded title of each initiative page, from the built page itself. */
  function titles(): Map<string, string> {
    const found = new Map<string, string>();
    for (const name of readdirSync(join(dist, 'sang-kien'))) {
      if (!/^sang-kien-\d+$/.test(name)) continue;
      const title = /<h1[^>]*>([^<]+)<\/h1>/.exec(html(`sang-kien/${name}/`))?.[1] ?? '';
      found.set(`sang-kien/${name}/`, fold(title));
    }
    return found;
  }

  test('finds every initiative whose title holds the words, typed with or without diacritics', async () => {
    const quick = index();
    const info = await quick.info();
    expect(info.fullText).toBe(false);
    expect(info.count).toBe(ARCHIVE_SIZE + 1);
    const byPath = titles();
    for (const [typed, plain] of [
      ['hồ sơ đất đai', 'ho so dat dai'],
      ['Đăng ký kết hôn', 'dang ky ket hon'],
    ] as const) {
      const expected = [...byPath]
        .filter(([, title]) => title.includes(plain))
        .map(([path]) => path);
      expect(expected.length).toBeGreaterThan(0);
      for (const query of [typed, plain]) {
        const hits = await quick.search(query);
        const paths = await Promise.all(hits.map(async (hit) => (await quick.record(hit.id))?.[0]));
        expect(paths).toEqual(expect.arrayContaining(expected));
        // The title holds the words first: those pages come before pages that have them elsewhere.
        const firstOthers = paths.findIndex((path) => !expected.includes(path as string));
        if (firstOthers >= 0) expect(firstOthers).toBeGreaterThanOrEqual(expected.length);
      }
    }
  });

  test('a filter alone lists exactly the initiatives of that unit', async () => {
    const quick = index();
    const unitName = 'UBND xã Đức Phú';
    const pages = [...titles().keys()].filter((path) =>
      html(path).includes(`data-pagefind-filter="unit:${unitName}"`),
    );
    expect(pages.length).toBeGreaterThan(0);
    const hits = await quick.search('', { unit: unitName });
    expect(hits).toHaveLength(pages.length);
  });

  test('in the browser: budget kept, results drawn, full text on request', async () => {
    const bytes = await firstSearchBytes(server, 'dich vu cong truc tuyen');
    expect(bytes).toBeLessThanOrEqual(150 * 1024);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${server.root}tim-kiem/?q=ho+so+dat+dai`);
    const status = page.locator('.kho-search-status');
    await status.filter({ hasText: /Tìm thấy/ }).waitFor();
    expect(await status.textContent()).toMatch(/theo tên, tóm tắt/);
    const first = page.locator('.kho-search-results li').first();
    expect(fold((await first.locator('h2').textContent()) ?? '')).toContain('ho so dat dai');
    // "Tính mới, tính sáng tạo" is a heading of the body of every generated entry, and only that.
    await page.getByLabel('Từ khóa').fill('sang tao');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await status.filter({ hasText: /Không tìm thấy/ }).waitFor();
    await page.getByRole('button', { name: /Tìm cả trong nội dung bài/ }).click();
    await status.filter({ hasText: /^Tìm thấy \d+ sáng kiến\.$/ }).waitFor();
    expect(page.url()).toContain('toan-van=1');
    expect(errors).toEqual([]);
    await page.close();
  });
});
