/**
 * The campaign's yearbook (`npm run yearbook`), made by the build so that a static host
 * serves it beside the campaign's page, with QR codes to this site's own address.
 */

import type { APIRoute, GetStaticPaths } from 'astro';
import { yearbookDocument } from '../../../documents/yearbook/index.ts';
import { yearbooksBuilt } from '../../../documents/yearbook/site.ts';
import { sharedPaths } from '../../../lib/shard.ts';
import { loadCatalog } from '../../../lib/site-data.ts';

export const getStaticPaths = (() =>
  sharedPaths(async () => {
    if (!yearbooksBuilt()) return [];
    const catalog = await loadCatalog();
    return [...catalog.byCampaign]
      .filter(([, items]) => items.some((view) => view.status.id === 'recognised'))
      .map(([id]) => ({ params: { id } }));
  })) satisfies GetStaticPaths;
export const GET: APIRoute = async ({ params, site }) => {
  const siteRoot = new URL(import.meta.env.BASE_URL, site).href;
  const { content } = await yearbookDocument(process.cwd(), params.id as string, 'pdf', {
    siteRoot,
  });
  return new Response(new Uint8Array(content), {
    headers: { 'Content-Type': 'application/pdf' },
  });
};
