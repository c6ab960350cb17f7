/**
 * The search page's use of Pagefind's browser API, apart from the page itself so that tests run
 * the same code against the real index in Node.
 */
import { searchQuery } from './search-text.ts';

export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}
export interface PagefindResult {
  id: string;
  data(): Promise<PagefindResultData>;
}
export interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(indexPath: string, options?: Record<string, unknown>): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  search(
    query: string | null,
    options?: { filters?: Record<string, string> },
  ): Promise<{ results: PagefindResult[] }>;
}

/**
 * A match in the title or the keywords counts for more than one in the body: Pagefind adds a
 * boost for each meta field holding the query's words, times the field's weight.
 */
export const RANKING = { metaWeights: { title: 8, keywords: 6, summary: 2 } };

/**
 * What the search box finds for `typed`, best first. Pagefind's score puts pages with the query
 * in their title or keywords ahead (RANKING, and the weights set in the page templates). With
 * two or more words, the pages where they stand side by side (Pagefind's quoted search, which
 * reads the same index chunks: nothing more to download) come before the pages that only hold
 * them apart ("hồ sơ … tích hợp" for "ho tich"); each group in score order. The query goes to
 * Pagefind written as the index is (src/lib/search-text.ts).
 */
export async function findPages(
  pagefind: Pagefind,
  typed: string,
  filters: Record<string, string> = {},
): Promise<PagefindResult[]> {
  const query = searchQuery(typed);
  const words = query.split(' ').filter((word) => word.length > 0);
  if (words.length < 2 || query.includes('"')) {
    return (await pagefind.search(query || null, { filters })).results;
  }
  const [phrase, all, present] = await Promise.all([
    pagefind.search(`"${query}"`, { filters }),
    pagefind.search(query, { filters }),
    // Each word but the last exactly (quoted); the last as Pagefind reads it, which lets a word
    // being typed match as the start of longer ones.
    Promise.all(
      words.map((word, index) => pagefind.search(index < words.length - 1 ? `"${word}"` : word)),
    ),
  ]);
  // A bundle of the index that lacks a word altogether answers as if it were not typed, or with
  // words that only look like it; once a site's index is in several bundles (a large archive's
  // parts, a sharded build's shards), such a bundle would add pages the whole index would not.
  // A word found anywhere on the site is required everywhere, as in one whole index; a word
  // found nowhere is left to Pagefind.
  const required = present
    .filter((found) => found.results.length > 0)
    .map((found) => new Set(found.results.map((result) => result.id)));
  const matching = all.results.filter((result) => required.every((ids) => ids.has(result.id)));
  const together = new Set(phrase.results.map((result) => result.id));
  return [
    ...matching.filter((result) => together.has(result.id)),
    ...matching.filter((result) => !together.has(result.id)),
  ];
}
