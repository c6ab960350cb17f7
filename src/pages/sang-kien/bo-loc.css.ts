/**
 * The list's filter and sort rules (src/lib/facets.ts) as a stylesheet of their own: the page
 * may carry no inline style under the site's Content-Security-Policy (src/lib/csp.ts). A list
 * over several pages (src/lib/pagination.ts) does not filter in the page: no rules then.
 */
import type { APIRoute } from 'astro';
import { buildFacets, filterCss, sortCss } from '../../lib/facets.ts';
import { PAGE_SIZE } from '../../lib/pagination.ts';
import { loadCatalog } from '../../lib/site-data.ts';

export const GET: APIRoute = async () => {
  const catalog = await loadCatalog();
  const css =
    catalog.initiatives.length > PAGE_SIZE
      ? '/* Danh sách nhiều trang: lọc bằng các trang riêng. */\n'
      : `${filterCss(buildFacets(catalog))}\n${sortCss(catalog.initiatives)}\n`;
  return new Response(css, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
};
