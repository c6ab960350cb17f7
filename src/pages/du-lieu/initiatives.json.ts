import type { APIRoute } from 'astro';
import { openDataDocument } from '../../lib/opendata.ts';
import { routes } from '../../lib/paths.ts';
import { loadCatalog } from '../../lib/site-data.ts';

export const GET: APIRoute = async ({ site }) => {
  const catalog = await loadCatalog();
  const body = openDataDocument(catalog, {
    absoluteUrl: (path) => new URL(path, site).href,
    initiative: routes.initiative,
    schema: routes.dataSchema(),
    page: routes.data(),
  });
  return new Response(JSON.stringify(body, null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
