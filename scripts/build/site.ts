/**
 * `npm run build`: the validator over the whole tree (nothing invalid is built; the site's
 * loader checks again, so a bare `astro build` refuses too), then `astro build` (with the
 * heap cap of astro-command.ts) into `dist/`, then the Pagefind search index. Extra
 * arguments go to `astro build`. A deploy build (KHO_DEPLOY=1) without SITE_URL refuses before
 * anything else; every build ends by saying which address it wrote into the site.
 */
import { spawnSync } from 'node:child_process';
import {
  basePath,
  buildSiteUrl,
  SiteUrlError,
  siteUrlReport,
} from '../../src/lib/deploy-config.ts';
import { InvalidContentError } from '../../src/loaders/content.ts';
import { validate } from '../../src/validator/index.ts';
import { astroBuildCommand } from './astro-command.ts';
import { buildSearchIndex, indexSummary } from './search-index.ts';

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    buildSiteUrl(process.env);
  } catch (error) {
    if (!(error instanceof SiteUrlError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const report = await validate({ root: process.cwd(), cache: true });
  if (report.totals.errors > 0) {
    console.error(new InvalidContentError(report).message);
    process.exit(1);
  }
  const [command, args] = astroBuildCommand(process.cwd(), process.argv.slice(2));
  const astro = spawnSync(command, args, { stdio: 'inherit' });
  if (astro.status !== 0) process.exit(astro.status ?? 1);
  try {
    const outIndex = process.argv.indexOf('--outDir');
    const outDir = outIndex >= 0 ? (process.argv[outIndex + 1] ?? 'dist') : 'dist';
    const started = performance.now();
    const { pages, parts, reused } = buildSearchIndex(outDir);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(indexSummary(pages, parts, reused, seconds));
    console.log(siteUrlReport(process.env, basePath(process.env.BASE_PATH)));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
