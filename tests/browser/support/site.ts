/**
 * Shared helpers for browser tests: build the real site into a temporary folder, once per run
 * for each set of options (`sharedSite`), and serve it under a base path (see scripts/build/).
 */
export { type BuiltSite, buildSite, projectRoot } from '../../../scripts/build/build-site.ts';
export {
  type StaticServer,
  serveStatic,
  sitemapUrls,
} from '../../../scripts/build/static-server.ts';
export { sharedSite } from '../../support/shared-site.ts';
