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
  const [phrase, all] = await Promise.all([
    pagefind.search(`"${query}"`, { filters }),
    pagefind.search(query, { filters }),
  ]);
  const together = new Set(phrase.results.map((result) => result.id));
  return [
    ...all.results.filter((result) => together.has(result.id)),
    ...all.results.filter((result) => !together.has(result.id)),
  ];
}
