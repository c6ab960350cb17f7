import { describe, expect, test } from 'vitest';
import { scaleBars } from '../../src/lib/bars.ts';
import { basePath, siteUrl } from '../../src/lib/deploy-config.ts';
import { joinBase } from '../../src/lib/paths.ts';
import { wrapText } from '../../src/lib/share-image.ts';

describe('deploy configuration', () => {
  const bases: [string | undefined, string][] = [
    [undefined, '/'],
    ['', '/'],
    ['/', '/'],
    ['kho', '/kho/'],
    ['/kho-sang-kien', '/kho-sang-kien/'],
    ['/a/b/', '/a/b/'],
  ];
  test.each(bases)('basePath(%s) = %s', (input, expected) => {
    expect(basePath(input)).toBe(expected);
  });
  const sites: [string | undefined, string][] = [
    [undefined, 'http://localhost:4321'],
    ['https://owner.github.io/', 'https://owner.github.io'],
    ['https://cchc.example.gov.vn', 'https://cchc.example.gov.vn'],
  ];
  test.each(sites)('siteUrl(%s) = %s', (input, expected) => {
    expect(siteUrl(input)).toBe(expected);
  });
  const joins: [string, string, string][] = [
    ['/', 'sang-kien/', '/sang-kien/'],
    ['/kho/', '/sang-kien/', '/kho/sang-kien/'],
    ['/kho', 'rss.xml', '/kho/rss.xml'],
  ];
  test.each(joins)('joinBase(%s, %s) = %s', (base, path, expected) => {
    expect(joinBase(base, path)).toBe(expected);
  });
});

describe('bar charts', () => {
  const bars: [number[], number, number[]][] = [
    [[10, 5], 100, [100, 50]],
    [[0, 0], 100, [0, 0]],
    [[3, 9, 6], 90, [30, 90, 60]],
  ];
  test.each(bars)('scaleBars(%o, %s) = %o', (values, width, lengths) => {
    const scaled = scaleBars(
      values.map((value) => ({ label: String(value), value })),
      width,
    );
    expect(scaled.map((bar) => bar.length)).toEqual(lengths);
  });
});

describe('share card text', () => {
  const cases: [string, number, number, string[]][] = [
    ['một hai ba bốn', 7, 3, ['một hai', 'ba bốn']],
    ['một hai ba bốn năm sáu', 7, 2, ['một hai', 'ba…']],
    ['ngắn', 30, 4, ['ngắn']],
  ];
  test.each(cases)('wrapText(%s, %s, %s)', (text, width, lines, expected) => {
    expect(wrapText(text, width, lines)).toEqual(expected);
  });
});
