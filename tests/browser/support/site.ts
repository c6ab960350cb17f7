/**
 * Shared helpers for browser tests: build the real site once into a temporary
 * folder and serve it under a base path (see scripts/build/).
 */
export { type BuiltSite, buildSite, projectRoot } from '../../../scripts/build/build-site.ts';
export {
  type StaticServer,
  serveStatic,
  sitemapUrls,
} from '../../../scripts/build/static-server.ts';
