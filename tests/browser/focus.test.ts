/**
 * Focus and print, the two ways of reading a page without a mouse or a screen.
 *
 * Focus visible on every background (WCAG 2.2, 1.4.11 and 2.4.7): on representative pages of the
 * real built site, every element reached with the Tab key shows an outline whose colour has at
 * least 3:1 contrast with the background it is drawn on.
 *
 * Print: an initiative prints at its length (no forced page break, only small blocks kept whole,
 * no half-empty page in the PDF of the fullest one) and ends with the operating agency, the day
 * it was printed (written in at print time, in Viet Nam's time zone) and how fresh its data are;
 * without JavaScript, only the latter, honestly labelled.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatDate } from '../../src/core/dates.ts';
import { launchChromium } from '../support/chromium.ts';
import { sampleOperator } from '../support/sample-operator.ts';
import { type BuiltSite, type StaticServer, serveStatic, sharedSite } from './support/site.ts';

let browser: Browser;
let site: BuiltSite;
let server: StaticServer;
let firstInitiative = '';
/** The initiative with the most to print: the largest built page. */
let fullestInitiative = '';

beforeAll(async () => {
  browser = await launchChromium();
  site = await sharedSite({ searchPartSize: 8 });
  server = await serveStatic(site.outDir, site.base);
  const data = JSON.parse(readFileSync(join(site.outDir, 'du-lieu', 'initiatives.json'), 'utf8'));
  firstInitiative = data.initiatives[0].id;
  const sizes = (data.initiatives as { id: string }[]).map(({ id }) => ({
    id,
    size: statSync(join(site.outDir, 'sang-kien', id, 'index.html')).size,
  }));
  fullestInitiative = sizes.sort((a, b) => b.size - a.size)[0]?.id ?? '';
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface FocusStop {
  label: string;
  outlineStyle: string;
  outlineWidth: number;
  outline: [number, number, number];
  background: [number, number, number];
}

/** WCAG relative luminance of an sRGB colour. */
function luminance([r, g, b]: [number, number, number]): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function contrast(a: [number, number, number], b: [number, number, number]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Runs in the page: the focused element, its outline colour and the background the outline sits
 * on — the element's own when the outline is drawn inside it (negative offset), else the first
 * ancestor's that is not transparent (semi-transparent layers are blended over what is below).
 */
function focusedStop(): FocusStop | null {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const parse = (text: string): [number, number, number, number] => {
    const numbers = (text.match(/[\d.]+/g) ?? []).map(Number);
    const [r = 0, g = 0, b = 0, a = 1] = numbers;
    return [r, g, b, text.startsWith('rgba') || numbers.length > 3 ? a : 1];
  };
  const style = getComputedStyle(element);
  const inside = Number.parseFloat(style.outlineOffset) < 0;
  const layers: [number, number, number, number][] = [];
  for (
    let node: Element | null = inside ? element : element.parentElement;
    node;
    node = node.parentElement
  ) {
    const layer = parse(getComputedStyle(node).backgroundColor);
    if (layer[3] > 0) layers.push(layer);
    if (layer[3] >= 1) break;
  }
  let background: [number, number, number] = [255, 255, 255];
  for (const [r, g, b, a] of layers.reverse()) {
    background = [
      r * a + background[0] * (1 - a),
      g * a + background[1] * (1 - a),
      b * a + background[2] * (1 - a),
    ];
  }
  const [r, g, b] = parse(style.outlineColor);
  const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
  return {
    label: `<${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}> ${text || element.getAttribute('aria-label') || ''}`,
    outlineStyle: style.outlineStyle,
    outlineWidth: Number.parseFloat(style.outlineWidth),
    outline: [r, g, b],
    background,
  };
}

/** Tabs through the page from the top until focus leaves it or comes back to the first stop. */
async function tabStops(path: string): Promise<FocusStop[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(new URL(path, server.root).href, { waitUntil: 'load' });
  const stops: FocusStop[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const key = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return '';
      const path: number[] = [];
      for (let node: Element | null = element; node?.parentElement; node = node.parentElement) {
        path.push([...node.parentElement.children].indexOf(node));
      }
      return path.join('.');
    });
    if (!key || seen.has(key)) break;
    seen.add(key);
    const stop = await page.evaluate(focusedStop);
    if (stop) stops.push(stop);
  }
  await context.close();
  return stops;
}

describe('focus indicator contrast', () => {
  const pages: [string, () => string][] = [
    ['trang chủ', () => ''],
    ['danh sách', () => 'sang-kien/'],
    ['sáng kiến', () => `sang-kien/${firstInitiative}/`],
    ['tìm kiếm', () => 'tim-kiem/'],
    ['giới thiệu', () => 'gioi-thieu/'],
  ];
  test.each(pages)(
    '%s: every Tab stop has a ring of at least 3:1',
    async (_name, path) => {
      const stops = await tabStops(path());
      // The skip link, the header's links and the footer's at the least.
      expect(stops.length).toBeGreaterThan(8);
      const weak = stops
        .map((stop) => ({ ...stop, ratio: contrast(stop.outline, stop.background) }))
        .filter((stop) => stop.outlineStyle === 'none' || stop.outlineWidth < 2 || stop.ratio < 3)
        .map(
          (stop) =>
            `${stop.label}: ${stop.outlineStyle} ${stop.outlineWidth}px rgb(${stop.outline.join(',')}) trên rgb(${stop.background.map(Math.round).join(',')}) = ${stop.ratio.toFixed(2)}:1`,
        );
      expect(weak).toEqual([]);
    },
    120_000,
  );
});

describe('print of an initiative', () => {
  test('no forced page break, only small blocks kept whole, agency and date at the end', async () => {
    const context = await browser.newContext({ viewport: { width: 794, height: 1123 } });
    const page = await context.newPage();
    await page.goto(new URL(`sang-kien/${firstInitiative}/`, server.root).href, {
      waitUntil: 'load',
    });
    await page.emulateMedia({ media: 'print' });
    const found = await page.evaluate(() => {
      const forced: string[] = [];
      const bigUnbreakable: string[] = [];
      const name = (element: Element) =>
        `<${element.tagName.toLowerCase()} class="${element.className}">`;
      for (const element of document.querySelectorAll('body *')) {
        const style = getComputedStyle(element);
        if (style.display === 'none') continue;
        const forcing = ['page', 'left', 'right', 'recto', 'verso'];
        if (forcing.includes(style.breakBefore) || forcing.includes(style.breakAfter)) {
          forced.push(name(element));
        }
        // A third of the A4 page's printable height (261 mm at 96 px per inch).
        if (style.breakInside === 'avoid' && element.getBoundingClientRect().height > 986 / 3) {
          bigUnbreakable.push(
            `${name(element)} ${Math.round(element.getBoundingClientRect().height)}px`,
          );
        }
      }
      const footer = document.querySelector('.kho-print-footer');
      return {
        forced,
        bigUnbreakable,
        footer:
          footer && getComputedStyle(footer).display !== 'none' ? (footer.textContent ?? '') : '',
      };
    });
    await context.close();
    expect(found.forced).toEqual([]);
    expect(found.bigUnbreakable).toEqual([]);
    expect(found.footer).toContain(sampleOperator.name);
    expect(found.footer).toMatch(/Cập nhật dữ liệu: \d{2}\/\d{2}\/\d{4}/);
  });

  /** The print footer's text as printed (hidden parts left out). */
  async function printFooter(page: Page): Promise<string> {
    await page.emulateMedia({ media: 'print' });
    // biome-ignore lint/performance/useDomNodeTextContent: the text as it prints, hidden parts left out
    return page.locator('.kho-print-footer').innerText();
  }

  test('without JavaScript, the footer says how fresh the data are and claims no print date', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(new URL(`sang-kien/${firstInitiative}/`, server.root).href);
    const footer = await printFooter(page);
    await context.close();
    expect(footer).toContain(sampleOperator.name);
    expect(footer).toMatch(/Cập nhật dữ liệu: \d{2}\/\d{2}\/\d{4}$/);
    expect(footer).not.toContain('In ngày');
  });

  test('with JavaScript, printing writes the day of the print, in Viet Nam', async () => {
    // 31/03 in UTC, already 01/04 in Viet Nam (UTC+7): the reader's own clock says UTC.
    const context = await browser.newContext({ timezoneId: 'UTC' });
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date('2026-03-31T18:30:00Z'));
    await page.goto(new URL(`sang-kien/${firstInitiative}/`, server.root).href);
    const before = await printFooter(page);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const after = await printFooter(page);
    await context.close();
    expect(before).not.toContain('In ngày');
    expect(after).toContain(`${sampleOperator.name} · `);
    expect(after).toMatch(/ · In ngày 01\/04\/2026 · Cập nhật dữ liệu: \d{2}\/\d{2}\/\d{4}$/);
  });

  test('the fullest initiative prints on A4 with no half-empty page, and its PDF carries the print date', async () => {
    const page = await browser.newPage();
    await page.goto(new URL(`sang-kien/${fullestInitiative}/`, server.root).href, {
      waitUntil: 'load',
    });
    const today = [formatDate(new Date())];
    // Chromium fires `beforeprint` when it prints to PDF, as when a person prints.
    const pdf = await page.pdf({ format: 'A4' });
    today.push(formatDate(new Date()));
    await page.close();
    const loading = getDocument({ data: new Uint8Array(pdf) });
    const document = await loading.promise;
    expect(document.numPages).toBeGreaterThan(1);
    const halfEmpty: string[] = [];
    let text = '';
    for (let number = 1; number <= document.numPages; number++) {
      const pdfPage = await document.getPage(number);
      const height = pdfPage.view[3] as number;
      const items = (await pdfPage.getTextContent()).items.filter(
        (item) => 'str' in item && item.str.trim() !== '',
      );
      text += items.map((item) => ('str' in item ? item.str : '')).join(' ');
      // PDF coordinates run upwards: the lowest line of text of every page but the last sits
      // in the lower half of the page.
      const lowest = Math.min(
        ...items.map((item) => ('transform' in item ? (item.transform[5] as number) : height)),
      );
      if (number < document.numPages && lowest > height / 2) {
        halfEmpty.push(
          `trang ${number}: dòng cuối ở ${Math.round(100 - (lowest / height) * 100)}% chiều cao`,
        );
      }
    }
    await loading.destroy();
    expect(halfEmpty).toEqual([]);
    expect(text).toContain(sampleOperator.name);
    expect(today.some((day) => text.includes(`In ngày ${day}`))).toBe(true);
  }, 120_000);
});
