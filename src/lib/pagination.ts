/**
 * Long lists are split into numbered pages so that no page grows with the archive: the first
 * page keeps the list's address (`sang-kien/linh-vuc/x/`), the next ones add `trang-<n>/`
 * (`sang-kien/linh-vuc/x/trang-2/`). One segment, so that every parent path stays a page.
 */

/**
 * Initiatives per page. A card with its summary weighs well under 0.5 kB gzipped, a row less:
 * 100 of them keep any list page far below 100 kB of HTML (gzip) whatever the size of the
 * archive, with few enough pages not to slow the build (50,000 initiatives: 500 list pages).
 */
export const PAGE_SIZE = 100;

const PAGE_SEGMENT = /^trang-(\d+)$/;

export interface Page<T> {
  /** 1-based. */
  page: number;
  pages: number;
  total: number;
  /** Position (1-based) of the page's first item in the whole list. */
  first: number;
  items: T[];
}

export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/** Page `page` of `items`; a page past the end is empty. */
export function pageOf<T>(items: readonly T[], page: number, size = PAGE_SIZE): Page<T> {
  const start = (page - 1) * size;
  return {
    page,
    pages: pageCount(items.length, size),
    total: items.length,
    first: start + 1,
    items: items.slice(start, start + size),
  };
}

/** The numbers of the pages after the first: what `trang-<n>/` routes build. */
export function laterPages(total: number, size = PAGE_SIZE): number[] {
  return Array.from({ length: pageCount(total, size) - 1 }, (_, index) => index + 2);
}

/** `trang-<n>` as a route parameter. */
export function pageParam(page: number): string {
  return `trang-${page}`;
}

/** The page number of a `trang-<n>` segment, undefined for anything else. */
export function pageFromSegment(segment: string): number | undefined {
  const match = PAGE_SEGMENT.exec(segment);
  return match ? Number(match[1]) : undefined;
}

/** Path of page `page` of the list whose first page is `firstPath` (ending with `/`). */
export function pagePath(firstPath: string, page: number): string {
  return page <= 1 ? firstPath : `${firstPath}${pageParam(page)}/`;
}

/** The first page's path of any page's path: `x/trang-3/` → `x/`. */
export function firstPagePath(path: string): string {
  const trimmed = path.endsWith('/') ? path : `${path}/`;
  return trimmed.replace(/trang-\d+\/$/, '');
}

/**
 * Page numbers a pager shows: the first, the last and two on each side of the current one,
 * `undefined` standing for a run of pages left out. Short of 8 pages, every page.
 */
export function pagerNumbers(page: number, pages: number): (number | undefined)[] {
  if (pages <= 7) return Array.from({ length: pages }, (_, index) => index + 1);
  const shown = new Set([1, pages]);
  for (let near = page - 2; near <= page + 2; near += 1) {
    if (near >= 1 && near <= pages) shown.add(near);
  }
  const sorted = [...shown].sort((a, b) => a - b);
  const numbers: (number | undefined)[] = [];
  sorted.forEach((value, index) => {
    const previous = sorted[index - 1];
    if (previous !== undefined && value - previous > 1) {
      numbers.push(value - previous === 2 ? value - 1 : undefined);
    }
    numbers.push(value);
  });
  return numbers;
}
