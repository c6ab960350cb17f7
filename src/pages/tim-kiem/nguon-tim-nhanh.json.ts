/**
 * The quick search's documents, for the indexer that runs after the site build
 * (scripts/build/search-index.ts), which turns them into the quick index and removes this file.
 */
import type { APIRoute } from 'astro';
import { quickDocs } from '../../lib/quick-docs.ts';
import { loadCatalog } from '../../lib/site-data.ts';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(quickDocs(await loadCatalog())), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
