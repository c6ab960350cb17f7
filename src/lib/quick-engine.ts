/**
 * The quick index (src/lib/quick-search.ts) behind the same small interface as Pagefind's, so
 * that the search page lists, filters, pages and draws results the same way from either.
 */
import type { Pagefind } from './pagefind-search.ts';
import { markWords, QUICK_DIR, QuickIndex, type QuickInfo } from './quick-search.ts';

/** The quick index of the site at `base`, read over HTTP. */
export function quickIndexAt(base: string): QuickIndex {
  return new QuickIndex(async (path) => {
    const response = await fetch(`${base}${QUICK_DIR}${path}`);
    return response.ok ? response.text() : undefined;
  });
}

/** Whether the site's first search is its full text (a small archive, or no quick index). */
export async function fullTextFirst(index: QuickIndex): Promise<boolean> {
  try {
    const info: QuickInfo = await index.info();
    return info.fullText || typeof info.count !== 'number';
  } catch {
    return true;
  }
}

export function quickEngine(index: QuickIndex, base: string): Pagefind {
  const nothing = async () => {};
  return {
    options: nothing,
    init: nothing,
    mergeIndex: nothing,
    async filters() {
      const info = await index.info();
      return Object.fromEntries(
        Object.entries(info.filters).map(([key, values]) => [
          key,
          Object.fromEntries(values.map(([value, count]) => [value, count])),
        ]),
      );
    },
    async search(query, options) {
      // Quotes ask Pagefind for a phrase; the quick index has no positions: the words alone.
      const typed = (query ?? '').replace(/"/g, ' ');
      const hits = await index.search(typed, options?.filters ?? {});
      return {
        results: hits.map((hit) => ({
          id: String(hit.id),
          async data() {
            const [path = '', title = '', unit = '', year = '', status = '', summary = ''] =
              (await index.record(hit.id)) ?? [];
            return {
              url: `${base}${path}`,
              excerpt: markWords(summary, typed),
              meta: { title, unit, year, status },
            };
          },
        })),
      };
    },
  };
}
