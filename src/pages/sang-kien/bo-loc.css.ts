/**
 * The list's filter and sort rules (src/lib/facets.ts) as a stylesheet of their own: the page
 * may carry no inline style under the site's Content-Security-Policy (src/lib/csp.ts).
 */
import type { APIRoute } from 'astro';
import { buildFacets, filterCss, sortCss } from '../../lib/facets.ts';
import { loadCatalog } from '../../lib/site-data.ts';

export const GET: APIRoute = async () => {
  const catalog = await loadCatalog();
  const css = `${filterCss(buildFacets(catalog))}\n${sortCss(catalog.initiatives)}\n`;
  return new Response(css, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
};
