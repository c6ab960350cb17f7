/**
 * One page of a list of initiatives, as the list, facet, unit and campaign pages show it: the
 * committee's recognised initiatives first (then not recognised, then undecided), each group
 * under its heading with the group's count in the whole list, cut into pages of PAGE_SIZE.
 */
import { type DecisionStatusId, decisionStatuses } from '../core/status.ts';
import type { InitiativeView } from './catalog.ts';
import { PAGE_SIZE, type Page, pageOf } from './pagination.ts';

export interface StatusGroup {
  status: (typeof decisionStatuses)[number];
  /** The group's initiatives on this page. */
  items: InitiativeView[];
  /** The group's initiatives in the whole list. */
  total: number;
}

export interface ListingPage {
  page: Page<InitiativeView>;
  /** The page's initiatives by verdict, groups with nothing on this page left out. */
  groups: StatusGroup[];
}

const ordered = new WeakMap<readonly InitiativeView[], InitiativeView[]>();
const counted = new WeakMap<readonly InitiativeView[], Map<DecisionStatusId, number>>();
const rank = new Map<DecisionStatusId, number>(
  decisionStatuses.map((status, index) => [status.id, index]),
);

/** `items` grouped by verdict, keeping each group's order; computed once per list. */
export function byVerdict(items: readonly InitiativeView[]): InitiativeView[] {
  let sorted = ordered.get(items);
  if (!sorted) {
    sorted = [...items].sort((a, b) => (rank.get(a.status.id) ?? 0) - (rank.get(b.status.id) ?? 0));
    ordered.set(items, sorted);
  }
  return sorted;
}

/**
 * How many of `items` have each verdict; computed once per list. Every page of a list shows
 * the whole list's counts: counting them again on each page made a list's pages cost the
 * square of its length.
 */
export function verdictCounts(
  items: readonly InitiativeView[],
): ReadonlyMap<DecisionStatusId, number> {
  let counts = counted.get(items);
  if (!counts) {
    counts = new Map();
    for (const view of items) counts.set(view.status.id, (counts.get(view.status.id) ?? 0) + 1);
    counted.set(items, counts);
  }
  return counts;
}

export function listingPage(
  items: readonly InitiativeView[],
  page: number,
  size = PAGE_SIZE,
): ListingPage {
  const sorted = byVerdict(items);
  const counts = verdictCounts(items);
  const slice = pageOf(sorted, page, size);
  const groups = decisionStatuses
    .map((status) => ({
      status,
      items: slice.items.filter((view) => view.status.id === status.id),
      total: counts.get(status.id) ?? 0,
    }))
    .filter((group) => group.items.length > 0);
  return { page: slice, groups };
}

/**
 * The pages of the list `items` that show one of `ids`, in either order a list's pages take:
 * as given (ArchiveList, Facet) or by verdict (StatusGroups).
 */
export function pagesShowing(
  items: readonly InitiativeView[],
  ids: ReadonlySet<string>,
  size = PAGE_SIZE,
): Set<number> {
  const pages = new Set<number>();
  for (const order of [items, byVerdict(items)]) {
    order.forEach((view, index) => {
      if (ids.has(view.id)) pages.add(Math.floor(index / size) + 1);
    });
  }
  return pages;
}
