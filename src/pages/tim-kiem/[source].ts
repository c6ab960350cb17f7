/**
 * The quick search's documents, for the indexer that runs after the site build
 * (scripts/build/search-index.ts), which turns them into the quick index and removes this file.
 * A route with a parameter so that only a build of the shared pages writes it (as the open data:
 * src/pages/du-lieu/[dataset].ts); it holds every initiative of the archive.
 */
import { basename } from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import { quickDocs } from '../../lib/quick-docs.ts';
import { QUICK_SOURCE } from '../../lib/quick-search.ts';
import { sharedPaths } from '../../lib/shard.ts';
import { loadCatalog } from '../../lib/site-data.ts';

export const getStaticPaths = (() =>
  sharedPaths(() => [{ params: { source: basename(QUICK_SOURCE) } }])) satisfies GetStaticPaths;

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(quickDocs(await loadCatalog())), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
