/**
 * The search page on the real built site (astro build + Pagefind, under a base path), in
 * Chromium: queries typed without diacritics, what a result shows, "Xem thêm kết quả" (focus
 * and announcement), filters that apply when chosen, and axe on the page with results.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { searchablePages } from '../../scripts/build/search-index.ts';
import { fold } from '../../src/core/text.ts';
import { launchChromium } from '../support/chromium.ts';
import { wcagViolations } from './support/axe.ts';
import { type BuiltSite, type StaticServer, serveStatic, sharedSite } from './support/site.ts';

interface BuiltPage {
  path: string;
  title: string;
  text: string;
  filters: string[];
  meta: Record<string, string>;
}

let browser: Browser;
let site: BuiltSite;
let server: StaticServer;
/** The searchable pages as built: address below the base, folded text, filters and meta. */
let pages: BuiltPage[] = [];

function elements(node: Element | { children: unknown[] }, found: Element[] = []): Element[] {
  for (const child of node.children as (Element | { type: string })[]) {
    if (child.type === 'element') {
      found.push(child as Element);
      elements(child as Element, found);
    }
  }
  return found;
}

/** Text of an element, leaving out what Pagefind is told to ignore, words of blocks apart. */
function textOf(node: Element): string {
  if (node.properties.dataPagefindIgnore !== undefined) return ' ';
  return (node.children as ({ type: string; value?: string } | Element)[])
    .map((child) =>
      child.type === 'text'
        ? (child as { value: string }).value
        : child.type === 'element'
          ? ` ${textOf(child as Element)} `
          : '',
    )
    .join('');
}

function readPage(path: string, html: string): BuiltPage {
  const all = elements(fromHtml(html));
  const filters = all
    .map((element) => element.properties.dataPagefindFilter)
    .filter((value) => value !== undefined)
    .map(String);
  const meta: Record<string, string> = {};
  for (const element of all) {
    const key = element.properties.dataPagefindMeta;
    if (key === undefined || String(key).includes(':')) continue;
    const ignored = element.properties.dataPagefindIgnore;
    element.properties.dataPagefindIgnore = undefined;
    meta[String(key)] = textOf(element).replace(/\s+/g, ' ').trim();
    element.properties.dataPagefindIgnore = ignored;
  }
  const body = all.find((element) => element.properties.dataPagefindBody !== undefined);
  // What Pagefind matches a query against: the body's text and the meta values.
  const text = fold([body ? textOf(body) : '', ...Object.values(meta)].join(' '));
  const h1 = all.find((element) => element.tagName === 'h1');
  return { path, title: h1 ? textOf(h1).trim() : '', filters, meta, text };
}

beforeAll(async () => {
  browser = await launchChromium();
  site = await sharedSite({ searchPartSize: 8 });
  server = await serveStatic(site.outDir, site.base);
  pages = searchablePages(site.outDir).map((file) =>
    readPage(file.replace(/index\.html$/, ''), readFileSync(join(site.outDir, file), 'utf8')),
  );
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openSearch(
  path = 'tim-kiem/',
): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(new URL(path, server.root).href, { waitUntil: 'load' });
  return { page, context, errors };
}

// The machine running the tests may be busy: Pagefind's first load can take seconds.
const SLOW = { timeout: 30_000, interval: 100 };

const status = (page: Page) => page.locator('.kho-search-status');
const resultLinks = (page: Page) => page.locator('.kho-search-results h2 a');

async function submit(page: Page, query: string): Promise<void> {
  await page.getByLabel('Từ khóa').fill(query);
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await status(page)
    .filter({ hasText: /Tìm thấy|Không tìm thấy/ })
    .waitFor();
  await page.locator('.kho-search-results li').first().waitFor();
}

/** Addresses below the base path of the results shown, in order. */
async function shownPaths(page: Page): Promise<string[]> {
  const hrefs = await resultLinks(page).evaluateAll((links) =>
    links.map((link) => (link as HTMLAnchorElement).pathname),
  );
  return hrefs.map((href) => href.slice(site.base.length));
}

describe('finding', () => {
  test('"don gian" puts the initiatives of the field "Đơn giản hóa thủ tục" first', async () => {
    const inField = pages
      .filter((page) => page.filters.includes('field:Đơn giản hóa thủ tục'))
      .map((page) => page.path);
    expect(inField.length).toBeGreaterThanOrEqual(3);
    const { page, context, errors } = await openSearch();
    await submit(page, 'don gian');
    const shown = await shownPaths(page);
    // The first page of results (5) holds them all: pages with the two words side by side first.
    for (const path of inField) expect(shown).toContain(path);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('"dien" finds every page with "điện", "diện" or "diễn", like "điện" does', async () => {
    const expected = pages.filter((candidate) => /\bdien/.test(candidate.text)).length;
    expect(expected).toBeGreaterThan(5);
    for (const query of ['dien', 'điện']) {
      const { page, context } = await openSearch();
      await submit(page, query);
      expect(await status(page).textContent()).toBe(`Tìm thấy ${expected} sáng kiến.`);
      await context.close();
    }
  });
  test('the status line says "Tìm thấy" only once the first results are on the page', async () => {
    const { page, context } = await openSearch();
    // What a screen reader (the status is a live region) or a script reads at that moment.
    await page.evaluate(() => {
      const line = document.querySelector('.kho-search-status') as HTMLElement;
      const seen: number[] = [];
      (window as unknown as { seen: number[] }).seen = seen;
      new MutationObserver(() => {
        if (/Tìm thấy/.test(line.textContent ?? '')) {
          seen.push(document.querySelectorAll('.kho-search-results h2 a').length);
        }
      }).observe(line, { childList: true, characterData: true, subtree: true });
    });
    await submit(page, 'dat dai');
    const seen = await page.evaluate(() => (window as unknown as { seen: number[] }).seen);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toBeGreaterThan(0);
    await context.close();
  });
});

describe('a result', () => {
  test('shows its title and an excerpt with the words found marked, in their own spelling', async () => {
    const { page, context, errors } = await openSearch();
    await submit(page, 'dat dai');
    const first = page.locator('.kho-search-results li').first();
    const marks = await first.locator('.kho-search-excerpt mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) expect(fold(mark)).toMatch(/^(dat|dai)/);
    expect(marks.join(' ')).toMatch(/đất|đai/);
    const shown = await page.locator('.kho-search-results').textContent();
    // The index spells đ as d + U+0335: none of that reaches the page.
    expect(shown).not.toMatch(/\u0335/);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('shows the unit, the year and the status of the initiative, as its page has them', async () => {
    const { page, context } = await openSearch();
    await submit(page, 'ho tich');
    const [path] = await shownPaths(page);
    const built = pages.find((candidate) => candidate.path === path);
    expect(built?.meta.unit).toBeTruthy();
    expect(built?.meta.year).toMatch(/^\d{4}$/);
    expect(built?.meta.status).toMatch(/^(Được công nhận( — .+)?|Chưa được công nhận|Chưa xét)$/);
    const facts = await page.locator('.kho-search-facts').first().textContent();
    expect(facts).toBe(`${built?.meta.unit} · Năm ${built?.meta.year} · ${built?.meta.status}`);
    await context.close();
  });

  test('two words typed side by side: the pages with that phrase come first', async () => {
    const { page, context } = await openSearch();
    await submit(page, 'ho tich');
    const shown = await shownPaths(page);
    const withPhrase = pages
      .filter((candidate) => /\bho\W+tich\b/.test(candidate.text))
      .map((candidate) => candidate.path);
    expect(withPhrase.length).toBeGreaterThan(1);
    const total = Number(/Tìm thấy (\d+)/.exec((await status(page).textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThan(withPhrase.length);
    // Ahead of every page without the phrase ("hồ sơ … tích hợp" matches the words too).
    const top = shown.slice(0, Math.min(withPhrase.length, shown.length));
    for (const path of top) expect(withPhrase).toContain(path);
    await context.close();
  });
});

describe('Xem thêm kết quả', () => {
  test('is absent when every result is shown', async () => {
    // A word of a title found on two to five pages: one page of results.
    const word = pages
      .flatMap((candidate) => fold(candidate.title).split(/\W+/))
      .filter((candidate) => candidate.length > 3)
      .find((candidate) => {
        const count = pages.filter((p) => new RegExp(`\\b${candidate}`).test(p.text)).length;
        return count >= 2 && count <= 5;
      });
    expect(word).toBeDefined();
    const { page, context } = await openSearch();
    await submit(page, word ?? '');
    const count = Number(/Tìm thấy (\d+)/.exec((await status(page).textContent()) ?? '')?.[1]);
    expect(count).toBeGreaterThanOrEqual(2);
    expect(count).toBeLessThanOrEqual(5);
    await expect.poll(() => resultLinks(page).count(), SLOW).toBe(count);
    expect(await page.getByRole('button', { name: 'Xem thêm kết quả' }).isVisible()).toBe(false);
    await context.close();
  });

  test('moves the focus to the first new result and says what was added, to the last page', async () => {
    const { page, context, errors } = await openSearch();
    await submit(page, 'dien');
    const total = Number(/Tìm thấy (\d+)/.exec((await status(page).textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThan(10);
    await expect.poll(() => resultLinks(page).count(), SLOW).toBe(5);
    expect(await status(page).getAttribute('aria-live')).toBe('polite');
    const more = page.getByRole('button', { name: 'Xem thêm kết quả' });
    let shown = 5;
    while (shown < total) {
      await more.focus();
      await page.keyboard.press('Enter');
      const next = Math.min(shown + 5, total);
      await expect.poll(() => resultLinks(page).count(), SLOW).toBe(next);
      // The focus is on the first new result, not on the button (now below it) or the page.
      const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
      expect(focused).toBe(await resultLinks(page).nth(shown).textContent());
      const said = await status(page).textContent();
      expect(said).toContain(
        `Đã hiện thêm ${next - shown} kết quả (${shown + 1}–${next} trong ${total})`,
      );
      if (next === total) expect(said).toContain('Đã hết kết quả.');
      shown = next;
    }
    expect(await more.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('A');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('filters', () => {
  test('a filter chosen after a search applies at once, without pressing "Tìm"', async () => {
    const { page, context, errors } = await openSearch();
    await submit(page, 'dien');
    const before = await status(page).textContent();
    const value = 'Dịch vụ công trực tuyến';
    const expected = pages.filter(
      (candidate) => /\bdien/.test(candidate.text) && candidate.filters.includes(`field:${value}`),
    ).length;
    expect(expected).toBeGreaterThan(0);
    await page.getByLabel('Lĩnh vực áp dụng').selectOption(value);
    await expect
      .poll(() => status(page).textContent(), SLOW)
      .toBe(`Tìm thấy ${expected} sáng kiến.`);
    expect(await status(page).textContent()).not.toBe(before);
    expect(new URL(page.url()).searchParams.get('field')).toBe(value);
    // Back to "Tất cả": the search runs again over every page.
    await page.getByLabel('Lĩnh vực áp dụng').selectOption('');
    await expect.poll(() => status(page).textContent(), SLOW).toBe(before);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a shared address opens with its filter chosen, shown and applied', async () => {
    const value = 'Đơn giản hóa thủ tục';
    const { page, context } = await openSearch(`tim-kiem/?q=&field=${encodeURIComponent(value)}`);
    const expected = pages.filter((candidate) =>
      candidate.filters.includes(`field:${value}`),
    ).length;
    await expect
      .poll(() => status(page).textContent(), SLOW)
      .toBe(`Tìm thấy ${expected} sáng kiến.`);
    const select = page.getByLabel('Lĩnh vực áp dụng');
    expect(await select.inputValue()).toBe(value);
    // The closed control shows the option chosen.
    expect(
      await select.evaluate((element) => {
        const chosen = (element as HTMLSelectElement).selectedOptions[0];
        return chosen?.textContent ?? '';
      }),
    ).toContain(value);
    await context.close();
  });
});

test('axe finds no WCAG 2.2 AA violation on the page with results, marks and the more button', async () => {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(new URL('tim-kiem/', server.root).href, { waitUntil: 'load' });
  await submit(page, 'dien');
  await page.getByRole('button', { name: 'Xem thêm kết quả' }).click();
  await expect.poll(() => resultLinks(page).count(), SLOW).toBe(10);
  const violations = await wcagViolations(page);
  expect(violations).toEqual([]);
  await context.close();
});

describe('list filters', () => {
  test('a closed filter group shows the option chosen in it, also when opened from an address', async () => {
    const { page, context, errors } = await openSearch('sang-kien/');
    // The first group that starts closed (the status group starts open, on its preset).
    const closed = await page
      .locator('details.kho-facet')
      .evaluateAll((groups) => groups.findIndex((group) => !(group as HTMLDetailsElement).open));
    expect(closed).toBeGreaterThanOrEqual(0);
    const group = page.locator('details.kho-facet').nth(closed);
    const summary = group.locator('summary');
    const legend = (await summary.textContent())?.trim() ?? '';
    await summary.click();
    const option = group.locator('.kho-option').nth(1);
    const name = await option.locator('input').getAttribute('name');
    const value = await option.locator('input').getAttribute('value');
    const label = ((await option.locator('label').textContent()) ?? '')
      .replace(/\s*\(\d+\)\s*$/, '')
      .trim();
    expect(label).not.toBe('');
    await option.locator('label').click();
    await summary.click();
    expect(await group.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
    expect((await summary.textContent())?.trim()).toBe(`${legend}: ${label}`);
    // "Tất cả" again: the summary is the group's name alone.
    await summary.click();
    await group.locator('.kho-option').first().locator('label').click();
    await summary.click();
    expect((await summary.textContent())?.trim()).toBe(legend);
    await context.close();
    const shared = await openSearch(`sang-kien/?${name}=${encodeURIComponent(value ?? '')}`);
    const sharedSummary = shared.page.locator('details.kho-facet').nth(closed).locator('summary');
    await expect
      .poll(async () => (await sharedSummary.textContent())?.trim())
      .toBe(`${legend}: ${label}`);
    expect([...errors, ...shared.errors]).toEqual([]);
    await shared.context.close();
  });
});
