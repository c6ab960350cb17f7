import type { APIRoute } from 'astro';
import { href } from '../lib/paths.ts';

/** Everything public may be indexed except the staff form; the sitemap is named with the full URL. */
export const GET: APIRoute = ({ site }) => {
  const sitemap = new URL(href('sitemap-index.xml'), site ?? 'http://localhost:4321').href;
  return new Response(`User-agent: *\nDisallow: ${href('admin/')}\n\nSitemap: ${sitemap}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
};
