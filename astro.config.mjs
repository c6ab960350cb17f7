// @ts-check

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { satteri } from '@astrojs/markdown-satteri';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { contentSecurityPolicy } from './src/lib/csp-integration.ts';
import { basePath, siteUrl } from './src/lib/deploy-config.ts';
import {
  attachmentImages,
  dropUnsafeUrls,
  escapeRawHtml,
  sanitizeHtml,
} from './src/lib/markdown-safety.ts';

const base = basePath(process.env.BASE_PATH);

/** @param {string} name */
const stub = (name) => fileURLToPath(new URL(`./src/admin/stubs/${name}`, import.meta.url));
const reactDom = dirname(createRequire(import.meta.url).resolve('react-dom/package.json'));

/**
 * Parts of Decap's npm packages the admin never runs, left out of its bundle to keep the
 * download under its budget (docs/benchmarks.md). Each cut names who imports what, so it
 * touches nothing else; the figures are gzip savings measured on the built admin.
 */
const adminCuts = [
  // The GitHub backend builds its GraphQL client only with `use_graphql: true`, which the
  // project's config never sets: Apollo, graphql-js and the queries (44 KB).
  {
    importer: /\/decap-cms-backend-github\/dist\/esm\/implementation\.js$/,
    source: './GraphQLAPI',
    to: stub('github-graphql-api.ts'),
  },
  // Decap hands gray-matter its own YAML engine on every call: js-yaml 3 and the esprima it
  // pulls for `!!js/function` are dead weight (41 KB).
  {
    importer: /\/gray-matter\/lib\/engines\.js$/,
    source: 'js-yaml',
    to: stub('gray-matter-js-yaml.ts'),
  },
  // Decap's utilities use four curried helpers of `lodash/fp`, which bundles a second, whole
  // lodash beside the per-method modules (29 KB).
  {
    importer: /\/decap-cms-lib-util\/dist\/esm\//,
    source: 'lodash/fp',
    to: stub('lodash-fp.ts'),
  },
  // The Markdown widget only calls renderToString; `react-dom/server` in a browser also bundles
  // React's streaming renderer beside the legacy one that provides it (32 KB).
  {
    importer: /\/decap-cms-widget-markdown\/dist\/esm\//,
    source: 'react-dom/server',
    to: join(reactDom, 'cjs', 'react-dom-server-legacy.browser.production.js'),
  },
];

/** @type {import('vite').Plugin} */
const adminSlimming = {
  name: 'kho-admin-slimming',
  enforce: 'pre',
  // Production builds only: `npm start` and the deployed site serve the built admin.
  apply: 'build',
  resolveId(source, importer) {
    if (!importer) return null;
    const from = importer.replaceAll('\\', '/');
    const cut = adminCuts.find((c) => c.source === source && c.importer.test(from));
    return cut ? cut.to : null;
  },
};

export default defineConfig({
  // GitHub Pages: SITE_URL=https://<owner>.github.io BASE_PATH=/<repo>/; any static host: SITE_URL only.
  site: siteUrl(process.env.SITE_URL),
  base,
  trailingSlash: 'always',
  // The Content-Security-Policy (src/lib/csp.ts) allows no inline script or style: every script
  // and stylesheet is a file, however small.
  build: { format: 'directory', inlineStylesheets: 'never' },
  vite: { build: { assetsInlineLimit: 0 }, plugins: [adminSlimming] },
  markdown: {
    // Initiative bodies are plain Markdown written by the public: raw HTML is shown as text, never rendered,
    // even when an entry reaches the build without passing the validator; the rendered tree then
    // keeps only what Markdown makes (sanitizeHtml).
    processor: satteri({
      mdastPlugins: [escapeRawHtml, dropUnsafeUrls, attachmentImages(base)],
      hastPlugins: [sanitizeHtml],
      // The footnotes section speaks the site's language (the defaults are English).
      features: {
        gfm: {
          footnotes: {
            label: 'Chú thích',
            backContent: '↩',
            backLabel: 'Quay lại chỗ dẫn chú thích {reference}',
          },
        },
      },
    }),
    // Shiki colours code with style attributes: sanitizeHtml drops them and the site's policy
    // (src/lib/csp.ts) refuses them.
    syntaxHighlight: false,
  },
  integrations: [
    contentSecurityPolicy(),
    mdx(),
    sitemap({
      // The CMS is a tool for staff, not public content.
      filter: (page) => !new URL(page).pathname.startsWith(`${base}admin`),
    }),
  ],
  devToolbar: { enabled: false },
});
