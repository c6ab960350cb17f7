/**
 * Focus and print, the two ways of reading a page without a mouse or a screen.
 *
 * Focus visible on every background (WCAG 2.2, 1.4.11 and 2.4.7): on representative pages of the
 * real built site, every element reached with the Tab key shows an outline whose colour has at
 * least 3:1 contrast with the background it is drawn on.
 *
 * Print: an initiative prints at its length (no forced page break, only small blocks kept whole)
 * and ends with the operating agency and the date.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { siteInfo } from '../../src/lib/site.ts';
import { launchChromium } from '../support/chromium.ts';
import { type BuiltSite, buildSite, type StaticServer, serveStatic } from './support/site.ts';

let browser: Browser;
let site: BuiltSite;
let server: StaticServer;
let firstInitiative = '';

beforeAll(async () => {
  browser = await launchChromium();
  site = buildSite();
  server = await serveStatic(site.outDir, site.base);
  const data = JSON.parse(readFileSync(join(site.outDir, 'du-lieu', 'initiatives.json'), 'utf8'));
  firstInitiative = data.initiatives[0].id;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (site) rmSync(site.outDir, { recursive: true, force: true });
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
    expect(found.footer).toContain(siteInfo.operator.name);
    expect(found.footer).toMatch(/Trang tạo ngày \d{2}\/\d{2}\/\d{4}/);
  });
});
