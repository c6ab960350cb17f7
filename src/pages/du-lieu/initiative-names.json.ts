import type { APIRoute } from 'astro';
import { initiativeNames } from '../../lib/initiative-names.ts';
import { loadCatalog } from '../../lib/site-data.ts';

/** Titles and adopters by id, read by the admin at run time (src/lib/initiative-names.ts). */
export const GET: APIRoute = async () =>
  new Response(JSON.stringify(initiativeNames(await loadCatalog())), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
