import type { APIRoute } from 'astro';
import { columns, toRecords } from '../../lib/opendata.ts';
import { routes } from '../../lib/paths.ts';
import { siteInfo } from '../../lib/site.ts';
import { loadCatalog } from '../../lib/site-data.ts';

export const GET: APIRoute = async ({ site }) => {
  const catalog = await loadCatalog();
  const abs = (path: string) => new URL(path, site).href;
  const body = {
    name: siteInfo.name,
    count: catalog.initiatives.length,
    initiatives: toRecords(catalog.initiatives, columns(routes.initiative), abs),
  };
  return new Response(JSON.stringify(body, null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
