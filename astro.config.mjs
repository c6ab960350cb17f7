// @ts-check
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { adminSlimming } from './src/lib/admin-slimming.ts';
import { contentSecurityPolicy } from './src/lib/csp-integration.ts';
import { basePath, buildSiteUrl } from './src/lib/deploy-config.ts';
import { markdownProcessor, SYNTAX_HIGHLIGHT } from './src/lib/markdown.ts';
import { cacheScope } from './src/lib/shard.ts';
import { sitemapPlanner, sitePathOf } from './src/lib/sitemap.ts';

const base = basePath(process.env.BASE_PATH);
const site = buildSiteUrl(process.env);
// Astro's cache (content store, copies of the pages of the last build) per address and shard
// (src/lib/shard.ts): builds of the same project for two addresses (the tests build several), or
// two shards of one build, never reuse each other's pages; all patches (scripts/build/patch.ts)
// share one.
const cacheDir = `./node_modules/.astro/${createHash('sha256')
  .update(`${site ?? ''}|${base}|${cacheScope()}`)
  .digest('hex')
  .slice(0, 12)}`;
// Empty listings and each page's last change, from the content itself (src/lib/sitemap.ts):
// known once the pages are built, before the sitemap integration runs.
/** @type {import('./src/lib/sitemap.ts').SitemapPlan} */
let plan = { empty: new Set(), lastmod: new Map(), newest: undefined };
const planner = sitemapPlanner(fileURLToPath(new URL('.', import.meta.url)), (made) => {
  plan = made;
});

export default defineConfig({
  // GitHub Pages: SITE_URL=https://<owner>.github.io BASE_PATH=/<repo>/; any static host: SITE_URL only.
  // A deploy build (KHO_DEPLOY=1) without SITE_URL stops here, saying why (deploy-config.ts).
  site,
  base,
  cacheDir,
  trailingSlash: 'always',
  // The Content-Security-Policy (src/lib/csp.ts) allows no inline script or style: every script
  // and stylesheet is a file, however small.
  build: { format: 'directory', inlineStylesheets: 'never' },
  vite: { build: { assetsInlineLimit: 0 }, plugins: [adminSlimming] },
  // One pipeline for entries, pages and the initiative page's body (src/lib/markdown.ts).
  markdown: { processor: markdownProcessor(base), syntaxHighlight: SYNTAX_HIGHLIGHT },
  integrations: [
    contentSecurityPolicy(),
    mdx(),
    planner,
    sitemap({
      // The CMS is a tool for staff, not public content.
      // Nor is a listing with nothing in it.
      filter: (page) => {
        const path = sitePathOf(page, base);
        return path !== undefined && !path.startsWith('admin') && !plan.empty.has(path);
      },
      serialize: (item) => {
        const path = sitePathOf(item.url, base) ?? '';
        const date = plan.lastmod.get(path) ?? plan.newest;
        return date ? { ...item, lastmod: date } : item;
      },
    }),
  ],
  // A page whose cache key (src/lib/page-keys.ts), template code and rendered entries are as in
  // the last build is copied from that build instead of rendered again. Not in the shards of a
  // local build (KHO_PAGE_CACHE=0, scripts/build/shards.ts): its rebuilds are patches.
  experimental: { incrementalBuild: process.env.KHO_PAGE_CACHE !== '0' },
  devToolbar: { enabled: false },
});
