/**
 * Counts and groups that pages read from one memo per list must equal what a plain pass over the
 * whole list gives, on every page and whatever the order of calls.
 */
import { describe, expect, test } from 'vitest';
import { decisionStatuses } from '../../src/core/status.ts';
import { adoptionsByUnit, type Entry, type InitiativeView } from '../../src/lib/catalog.ts';
import { listingPage, pagesShowing, verdictCounts } from '../../src/lib/listing.ts';
import { pageCount, pageOf } from '../../src/lib/pagination.ts';
import type { Adoption } from '../../src/schemas/index.ts';

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function views(count: number, next: () => number): InitiativeView[] {
  return Array.from({ length: count }, (_, index) => {
    const status = decisionStatuses[Math.floor(next() * decisionStatuses.length)];
    return {
      id: `sk-${index}`,
      status: { id: status?.id ?? 'undecided', label: status?.name ?? '' },
    } as InitiativeView;
  });
}

/** The page as it was computed before the memo: each group's total counted over the list. */
function plainGroups(items: readonly InitiativeView[], page: number, size: number) {
  const rank = (view: InitiativeView) =>
    decisionStatuses.findIndex((status) => status.id === view.status.id);
  const sorted = [...items].sort((a, b) => rank(a) - rank(b));
  const slice = sorted.slice((page - 1) * size, page * size);
  return decisionStatuses
    .map((status) => ({
      status,
      items: slice.filter((view) => view.status.id === status.id),
      total: items.filter((view) => view.status.id === status.id).length,
    }))
    .filter((group) => group.items.length > 0);
}

describe('a list read page by page', () => {
  test('every page has the groups and whole-list totals a plain count gives', () => {
    const next = random(20_241);
    for (const count of [0, 1, 7, 30, 101, 257]) {
      const items = views(count, next);
      const size = 10;
      const pages = pageCount(items.length, size);
      // Pages out of order: the memo is filled by whichever page comes first.
      const order = Array.from({ length: pages }, (_, index) => pages - index);
      for (const page of order) {
        expect(listingPage(items, page, size).groups).toEqual(plainGroups(items, page, size));
      }
    }
  });

  test('counts each verdict once per list, and two lists never share counts', () => {
    const next = random(7);
    const first = views(50, next);
    const second = views(50, next);
    for (const items of [first, second]) {
      const counts = verdictCounts(items);
      expect(verdictCounts(items)).toBe(counts);
      for (const status of decisionStatuses) {
        expect(counts.get(status.id) ?? 0).toBe(
          items.filter((view) => view.status.id === status.id).length,
        );
      }
    }
    expect(verdictCounts(first)).not.toBe(verdictCounts(second));
  });
});

describe('adoptions by unit', () => {
  test('gives each unit what filtering the whole list gives, in the same order', () => {
    const next = random(42);
    const units = ['xa-a', 'xa-b', 'xa-c', 'phong-tu-phap'];
    const adoptions: Entry<Adoption>[] = Array.from({ length: 200 }, (_, index) => ({
      id: `ad-${index}`,
      data: {
        unit: units[Math.floor(next() * units.length)] as string,
        initiative: `sk-${Math.floor(next() * 40)}`,
        since: `2024-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`,
      } as Adoption,
    }));
    const grouped = adoptionsByUnit(adoptions);
    for (const unit of [...units, 'khong-co']) {
      expect(grouped.get(unit) ?? []).toEqual(
        adoptions.filter((adoption) => adoption.data.unit === unit),
      );
    }
    expect(adoptionsByUnit(adoptions)).toBe(grouped);
  });
});

describe('the pages of a list that show some initiatives', () => {
  test('are every page where one of them appears, as listed or grouped by verdict', () => {
    const next = random(7_001);
    for (const count of [0, 5, 30, 101]) {
      const items = views(count, next);
      const size = 10;
      const ids = new Set(items.filter(() => next() < 0.08).map((view) => view.id));
      const expected = new Set<number>();
      for (let page = 1; page <= pageCount(items.length, size); page += 1) {
        const listed = pageOf(items, page, size).items;
        const grouped = listingPage(items, page, size).groups.flatMap((group) => group.items);
        if ([...listed, ...grouped].some((view) => ids.has(view.id))) expected.add(page);
      }
      expect(pagesShowing(items, ids, size)).toEqual(expected);
    }
    expect(pagesShowing(views(30, next), new Set())).toEqual(new Set());
  });
});
