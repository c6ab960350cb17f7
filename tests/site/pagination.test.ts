import { describe, expect, test } from 'vitest';
import {
  firstPagePath,
  laterPages,
  pageCount,
  pageFromSegment,
  pageOf,
  pagePath,
  pagerNumbers,
} from '../../src/lib/pagination.ts';

describe('pages of a list', () => {
  test('every item is on exactly one page, in order', () => {
    const items = Array.from({ length: 23 }, (_, index) => index);
    const pages = Array.from({ length: pageCount(items.length, 5) }, (_, index) =>
      pageOf(items, index + 1, 5),
    );
    expect(pages.map((page) => page.items.length)).toEqual([5, 5, 5, 5, 3]);
    expect(pages.flatMap((page) => page.items)).toEqual(items);
    expect(pages[4]?.first).toBe(21);
    expect(pages.every((page) => page.pages === 5 && page.total === 23)).toBe(true);
  });

  test('an empty list still has its first page, and no later ones', () => {
    expect(pageCount(0, 5)).toBe(1);
    expect(laterPages(0, 5)).toEqual([]);
    expect(laterPages(5, 5)).toEqual([]);
    expect(laterPages(6, 5)).toEqual([2]);
    expect(laterPages(11, 5)).toEqual([2, 3]);
  });

  test('the first page keeps the list address, later ones add one segment', () => {
    expect(pagePath('sang-kien/linh-vuc/x/', 1)).toBe('sang-kien/linh-vuc/x/');
    expect(pagePath('sang-kien/linh-vuc/x/', 3)).toBe('sang-kien/linh-vuc/x/trang-3/');
    expect(firstPagePath('sang-kien/linh-vuc/x/trang-3/')).toBe('sang-kien/linh-vuc/x/');
    expect(firstPagePath('sang-kien/linh-vuc/x/')).toBe('sang-kien/linh-vuc/x/');
    expect(firstPagePath('don-vi/trang-chu')).toBe('don-vi/trang-chu/');
    expect(pageFromSegment('trang-12')).toBe(12);
    expect(pageFromSegment('trang-chu')).toBeUndefined();
    expect(pageFromSegment('sang-kien-00001')).toBeUndefined();
  });

  test('the pager shows the ends and the neighbourhood of the current page', () => {
    expect(pagerNumbers(1, 1)).toEqual([1]);
    expect(pagerNumbers(3, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pagerNumbers(1, 20)).toEqual([1, 2, 3, undefined, 20]);
    expect(pagerNumbers(10, 20)).toEqual([1, undefined, 8, 9, 10, 11, 12, undefined, 20]);
    // A gap of one page shows that page rather than an ellipsis.
    expect(pagerNumbers(4, 20)).toEqual([1, 2, 3, 4, 5, 6, undefined, 20]);
    expect(pagerNumbers(20, 20)).toEqual([1, undefined, 18, 19, 20]);
  });
});
