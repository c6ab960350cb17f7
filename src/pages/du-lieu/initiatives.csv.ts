import type { APIRoute } from 'astro';
import { columns, toCsv } from '../../lib/opendata.ts';
import { routes } from '../../lib/paths.ts';
import { loadCatalog } from '../../lib/site-data.ts';

export const GET: APIRoute = async ({ site }) => {
  const catalog = await loadCatalog();
  const abs = (path: string) => new URL(path, site).href;
  return new Response(toCsv(catalog.initiatives, columns(routes.initiative), abs), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
};
