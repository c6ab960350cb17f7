/**
 * Parts of Decap's npm packages the admin never runs, left out of its bundle to keep the
 * download under its budget (docs/benchmarks.md). Each cut names who imports what, so it
 * touches nothing else; the figures are gzip savings measured on the built admin.
 *
 * Shared by the site's build (astro.config.mjs) and the admin build of `npm start`
 * (scripts/cms/admin-build.ts), so that both bundle the same admin. It lives outside src/admin/:
 * the benchmarks' copies of the project leave the admin out but keep the site's config.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const stub = (name: string) => fileURLToPath(new URL(`../admin/stubs/${name}`, import.meta.url));
const reactDom = dirname(createRequire(import.meta.url).resolve('react-dom/package.json'));

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

export const adminSlimming: Plugin = {
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
