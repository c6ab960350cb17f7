/**
 * The site's addresses, on a real build served under a base path: every parent path of a
 * sitemap URL is a page of its own (and in the sitemap), no empty listing is in the sitemap,
 * every entry has its last change, the feed is valid XML with its self link and build date,
 * the list's filters speak the pages' Vietnamese slugs and say when a value is unknown, and a
 * long word in the previous/next links does not widen a 360 px page.
 *
 * Built from a copy of the project whose content has one title with a very long word, so
 * that the 360 px check has something to hold.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { astroBuildCommand } from '../../scripts/build/astro-command.ts';
import { cleanEnv } from '../../scripts/build/build-site.ts';
import { copyProject, projectRoot } from '../../scripts/build/project-copy.ts';
import { launchChromium } from '../support/chromium.ts';
import { axeInEveryPage, wcagViolations } from './support/axe.ts';
import { type StaticServer, serveStatic, sitemapUrls } from './support/site.ts';

const BASE = '/kho-sang-kien/';
const SITE = 'http://127.0.0.1:4321';
/** One word of 60 letters, in a title: what a real title may hold (a code, a joined name). */
const LONG_WORD = 'Liênthôngđiệntửmộtcửahiệnđạikhôngtiếpxúctrựctiếpgiữacáccấp';

let browser: Browser;
let server: StaticServer;
let root: string;
let outDir: string;
let urls: string[] = [];
/** Sitemap entries: site-relative path and its lastmod. */
let entries: { path: string; lastmod: string | undefined }[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  root = mkdtempSync(join(tmpdir(), 'kho-urls-site-'));
  copyProject(root);
  cpSync(join(projectRoot, 'content'), join(root, 'content'), { recursive: true });
  const folder = join(root, 'content', 'initiatives');
  const target = readdirSync(folder).sort()[0] as string;
  const file = join(folder, target, 'index.md');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace(/^title: .*$/m, `title: Sáng kiến ${LONG_WORD} cho người dân`));
  outDir = join(root, 'dist');
  const [command, args] = astroBuildCommand(root, ['--outDir', outDir]);
  const run = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...cleanEnv(), BASE_PATH: BASE, SITE_URL: SITE, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (run.status !== 0) {
    throw new Error(
      `astro build thất bại:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`,
    );
  }
  server = await serveStatic(outDir, BASE);
  urls = sitemapUrls(outDir, server);
  const xml = readdirSync(outDir)
    .filter((name) => /^sitemap-\d+\.xml$/.test(name))
    .map((name) => readFileSync(join(outDir, name), 'utf8'))
    .join('');
  entries = [...xml.matchAll(/<url>(.*?)<\/url>/g)].map((match) => {
    const body = match[1] as string;
    const loc = new URL(/<loc>([^<]+)<\/loc>/.exec(body)?.[1] as string);
    return {
      path: loc.pathname.slice(BASE.length),
      lastmod: /<lastmod>([^<]+)<\/lastmod>/.exec(body)?.[1],
    };
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

function html(path: string): string {
  return readFileSync(join(outDir, path, 'index.html'), 'utf8');
}

/** "", "don-vi/", "sang-kien/linh-vuc/" … for "sang-kien/linh-vuc/x/". */
function parents(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts
    .slice(0, -1)
    .map((_, index) => `${parts.slice(0, index + 1).join('/')}/`)
    .concat('');
}

const EMPTY_LISTING = 'Chưa có sáng kiến nào thuộc mục này.';

/**
 * A listing with nothing in it: it says so, and links to no initiative (a unit that only
 * adopted others' initiatives says it leads none, but lists what it adopted).
 */
function isEmptyListing(path: string): boolean {
  const text = html(path);
  const main = text.slice(text.indexOf('<main'), text.indexOf('</main>'));
  const initiativeLink = new RegExp(
    `href="${BASE}sang-kien/(?!linh-vuc/|muc-tieu/|pham-vi/|ket-qua-xet/)[a-z0-9-]+/"`,
  );
  return main.includes(EMPTY_LISTING) && !initiativeLink.test(main);
}

describe('sitemap', () => {
  test('has the sitemap of the build, read the way a crawler reads it', () => {
    expect(entries.length).toBe(urls.length);
    expect(entries.length).toBeGreaterThan(20);
  });

  test('every parent path of every URL is a page of its own, and in the sitemap', () => {
    const listed = new Set(entries.map((entry) => entry.path));
    const missing: string[] = [];
    let checked = 0;
    for (const { path } of entries) {
      for (const parent of parents(path)) {
        checked += 1;
        if (!existsSync(join(outDir, parent, 'index.html')))
          missing.push(`/${parent}: không có trang`);
        else if (!listed.has(parent)) missing.push(`/${parent}: không có trong sơ đồ trang`);
      }
    }
    expect(checked).toBeGreaterThan(entries.length);
    expect([...new Set(missing)]).toEqual([]);
  });

  test('no URL is an empty listing, while the empty listings are still built', () => {
    const empty = entries.filter(({ path }) => isEmptyListing(path));
    expect(empty.map((entry) => entry.path)).toEqual([]);
    // The samples leave some listings empty (scopes no initiative reached, units with nothing):
    // they are built, so links to them work, but left out of the sitemap.
    const built = readdirSync(outDir, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('index.html'))
      .map((name) => name.slice(0, -'index.html'.length).split('\\').join('/'));
    const emptyBuilt = built.filter((path) => isEmptyListing(path));
    expect(emptyBuilt.length).toBeGreaterThan(0);
  });

  test('every entry has its last change, a date no later than the newest entry of the content', () => {
    const without = entries.filter((entry) => !entry.lastmod);
    expect(without.map((entry) => entry.path)).toEqual([]);
    const json = JSON.parse(readFileSync(join(outDir, 'du-lieu', 'initiatives.json'), 'utf8'));
    for (const entry of entries) {
      const date = new Date(entry.lastmod as string);
      expect(Number.isNaN(date.getTime()), entry.path).toBe(false);
    }
    // An initiative's page changed no earlier than it was submitted.
    for (const initiative of json.initiatives as { id: string; submitted: string }[]) {
      const entry = entries.find((item) => item.path === `sang-kien/${initiative.id}/`);
      expect(entry, initiative.id).toBeDefined();
      expect((entry?.lastmod ?? '').slice(0, 10) >= initiative.submitted).toBe(true);
    }
  });
});

describe('RSS', () => {
  test('parses as XML, with its atom self link and its last build date', async () => {
    const page = await browser.newPage();
    await page.goto(new URL('rss.xml', server.root).href);
    const feed = await page.evaluate(async () => {
      const text = await (await fetch(location.href)).text();
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const atom = 'http://www.w3.org/2005/Atom';
      const self = [...doc.getElementsByTagNameNS(atom, 'link')].find(
        (link) => link.getAttribute('rel') === 'self',
      );
      return {
        error: doc.getElementsByTagName('parsererror').length > 0,
        self: self?.getAttribute('href'),
        type: self?.getAttribute('type'),
        lastBuildDate: doc.querySelector('channel > lastBuildDate')?.textContent,
        items: doc.querySelectorAll('channel > item').length,
        pubDates: [...doc.querySelectorAll('channel > item > pubDate')].map((n) => n.textContent),
      };
    });
    await page.close();
    expect(feed.error).toBe(false);
    expect(feed.self).toBe(`${SITE}${BASE}rss.xml`);
    expect(feed.type).toBe('application/rss+xml');
    expect(feed.items).toBeGreaterThan(0);
    const built = new Date(feed.lastBuildDate ?? '');
    expect(Number.isNaN(built.getTime())).toBe(false);
    // The feed changed when its newest item came in, or later (a decision, an adoption).
    const newest = Math.max(...feed.pubDates.map((date) => new Date(date ?? '').getTime()));
    expect(built.getTime()).toBeGreaterThanOrEqual(newest);
  });
});

describe('index pages of the parent paths', () => {
  const indexes: [string, string, string][] = [
    ['don-vi/', 'don-vi/', 'Cơ quan, đơn vị'],
    ['dot-phat-dong/', 'dot-phat-dong/', 'Đợt phát động'],
    ['linh-vuc-cai-cach/', 'linh-vuc-cai-cach/', 'Nội dung cải cách'],
    ['sang-kien/linh-vuc/', 'sang-kien/linh-vuc/', 'Lĩnh vực'],
    ['sang-kien/muc-tieu/', 'sang-kien/muc-tieu/', 'Mục tiêu'],
    ['sang-kien/pham-vi/', 'sang-kien/pham-vi/', 'Phạm vi'],
    ['sang-kien/ket-qua-xet/', 'sang-kien/ket-qua-xet/', 'Kết quả xét'],
  ];

  test.each(indexes)(
    '/%s lists its pages with counts, under breadcrumbs',
    async (path, prefix, heading) => {
      const page = await browser.newPage();
      const response = await page.goto(new URL(path, server.root).href);
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toContain(heading);
      const crumbs = await page.locator('.kho-breadcrumbs li').allTextContents();
      expect(crumbs[0]).toBe('Trang chủ');
      expect(crumbs.at(-1)).toBe(await page.locator('h1').textContent());
      const rows = await page.locator('main .kho-card').evaluateAll((cards) =>
        cards.map((card) => ({
          href: card.querySelector('a')?.getAttribute('href') ?? '',
          count: Number(card.querySelector('strong')?.textContent),
        })),
      );
      expect(rows.length).toBeGreaterThan(0);
      // Each row links to a page below this one, which exists and lists that many initiatives.
      for (const row of rows) {
        expect(row.href.startsWith(`${BASE}${prefix}`)).toBe(true);
        const child = row.href.slice(BASE.length);
        expect(existsSync(join(outDir, child, 'index.html')), child).toBe(true);
        const text = html(child);
        const heading2 = /<h2[^>]*>Sáng kiến \((\d+)\)<\/h2>/.exec(text);
        if (heading2) expect(Number(heading2[1]), child).toBe(row.count);
      }
      expect(rows.some((row) => row.count > 0)).toBe(true);
      await page.close();
    },
  );

  test('axe finds no WCAG 2.2 AA violation on any of them, nor on the filter notice', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    await axeInEveryPage(context);
    const page = await context.newPage();
    const failures: string[] = [];
    // And the list with its notice about an unknown value.
    for (const path of [...indexes.map(([path]) => path), 'sang-kien/?field=khong-co']) {
      await page.goto(new URL(path, server.root).href);
      const violations = await wcagViolations(page);
      for (const violation of violations) failures.push(`/${path} — ${violation}`);
    }
    await context.close();
    expect(failures).toEqual([]);
  });
});

describe('list filters in the address', () => {
  async function visible(page: Page): Promise<string[]> {
    return page
      .locator('.kho-results > li:visible')
      .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.id as string));
  }

  test('each value is the slug of the option’s own page, and selects from the address', async () => {
    const page = await browser.newPage();
    await page.goto(new URL('sang-kien/', server.root).href);
    const options = await page.locator('.kho-option').evaluateAll((nodes) =>
      nodes.flatMap((node) => {
        const input = node.querySelector('input[type=radio]') as HTMLInputElement | null;
        const own = node.querySelector('a.kho-facet-page')?.getAttribute('href');
        return input && own ? [{ name: input.name, value: input.value, own }] : [];
      }),
    );
    expect(options.length).toBeGreaterThan(10);
    for (const option of options) {
      expect(option.own.endsWith(`/${option.value}/`), `${option.name}=${option.value}`).toBe(true);
      expect(option.value).toMatch(/^[a-z0-9-]+$/);
    }
    await page.close();

    for (const name of ['field', 'area', 'goal', 'status']) {
      const option = options.find((item) => item.name === name);
      expect(option, name).toBeDefined();
      if (!option) continue;
      const view = await browser.newPage();
      const query =
        name === 'status' ? `status=${option.value}` : `${name}=${option.value}&status=`;
      await view.goto(new URL(`sang-kien/?${query}`, server.root).href);
      await view.waitForSelector('kho-filter[data-enhanced]');
      expect(await view.locator(`input[name="${name}"][value="${option.value}"]`).isChecked()).toBe(
        true,
      );
      const expected = await view
        .locator('.kho-results > li')
        .evaluateAll(
          (items, [key, value]) =>
            items
              .filter((item) =>
                ((item as HTMLElement).dataset[key as string] ?? '')
                  .split(' ')
                  .includes(value as string),
              )
              .map((item) => (item as HTMLElement).dataset.id as string),
          [name, option.value],
        );
      expect((await visible(view)).sort()).toEqual(expected.sort());
      expect(await view.locator('.kho-filter-notice').count()).toBe(0);
      await view.close();
    }
  });

  test('an unknown value is not read as "all" in silence: a Vietnamese notice says so', async () => {
    for (const value of ['chuyen-doi-so-khong-co', 'digital-transformation']) {
      const page = await browser.newPage();
      await page.goto(new URL(`sang-kien/?field=${value}`, server.root).href);
      const notice = page.locator('.kho-filter-notice');
      await notice.waitFor();
      const text = (await notice.textContent()) ?? '';
      expect(text).toContain(`“${value}”`);
      expect(text).toContain('Lĩnh vực');
      expect(text).toContain('bỏ qua');
      expect(await notice.getAttribute('role')).toBe('status');
      await page.close();
    }
    const page = await browser.newPage();
    await page.goto(new URL('sang-kien/?khong-co=1', server.root).href);
    expect(await page.locator('.kho-filter-notice').textContent()).toContain('“khong-co”');
    await page.close();
  });
});

describe('images', () => {
  test('every body image loads lazily, and one beside its entry has the file’s own size', async () => {
    const sharp = (await import('sharp')).default;
    const folder = join(outDir, 'sang-kien');
    const images: { page: string; tag: string }[] = [];
    for (const name of readdirSync(folder)) {
      const file = join(folder, name, 'index.html');
      if (!existsSync(file)) continue;
      // The initiative itself, not the site's header (its mark is above the fold, not lazy).
      const html = readFileSync(file, 'utf8');
      const article = html.slice(html.indexOf('<article class="kho-initiative"'));
      for (const match of article
        .slice(0, article.indexOf('</article>'))
        .matchAll(/<img\b[^>]*>/g)) {
        images.push({ page: name, tag: match[0] });
      }
    }
    expect(images.length).toBeGreaterThan(0);
    for (const { page, tag } of images) {
      const attribute = (key: string) => new RegExp(`\\s${key}="([^"]*)"`).exec(tag)?.[1];
      expect(attribute('loading'), tag).toBe('lazy');
      const src = attribute('src') ?? '';
      const own = `${BASE}sang-kien/${page}/`;
      if (!src.startsWith(own)) continue;
      const meta = await sharp(
        join(root, 'content', 'initiatives', page, src.slice(own.length)),
      ).metadata();
      expect(Number(attribute('width')), tag).toBe(meta.width);
      expect(Number(attribute('height')), tag).toBe(meta.height);
    }
  });
});

describe('360 px', () => {
  test('the initiative page with the longest word in its previous/next links is not wider than the screen', async () => {
    const folder = join(outDir, 'sang-kien');
    let longest = { path: '', word: '' };
    for (const name of readdirSync(folder)) {
      const file = join(folder, name, 'index.html');
      if (!existsSync(file)) continue;
      const pager = /<nav class="kho-pager"[^>]*>([\s\S]*?)<\/nav>/.exec(
        readFileSync(file, 'utf8'),
      );
      if (!pager) continue;
      const words = (pager[1] as string).replace(/<[^>]+>/g, ' ').split(/\s+/);
      for (const word of words) {
        if (word.length > longest.word.length) longest = { path: `sang-kien/${name}/`, word };
      }
    }
    expect(longest.word).toBe(LONG_WORD);
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    await page.goto(new URL(longest.path, server.root).href);
    const width = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      pager: Math.max(
        ...[...document.querySelectorAll('.kho-pager *')].map(
          (el) => el.getBoundingClientRect().right,
        ),
      ),
    }));
    expect(width.client).toBeLessThanOrEqual(360);
    expect(width.scroll).toBeLessThanOrEqual(width.client);
    expect(width.pager).toBeLessThanOrEqual(width.client);
    await context.close();
  });
});
