/**
 * `npm run build`: the validator over the whole tree (nothing invalid is built; the site's
 * loader checks again, so a bare `astro build` refuses too), then `astro build` (with the
 * heap cap of astro-command.ts) into `dist/`, then the Pagefind search index. An archive larger
 * than one shard (shards.ts: over 5,000 initiatives) is built in shards instead, one process per
 * core, each loading only its own initiatives, and merged: the same site, in less time and
 * memory than one Astro process holding the whole archive. `--outDir <dir>` is understood;
 * other arguments go to `astro build` and need the one-process build (`KHO_SHARDS=0`).
 * A deploy build (KHO_DEPLOY=1) without SITE_URL refuses before anything else; every build ends
 * by saying which address it wrote into the site.
 */
import { spawnSync } from 'node:child_process';
import {
  basePath,
  buildSiteUrl,
  SiteUrlError,
  siteUrlReport,
} from '../../src/lib/deploy-config.ts';
import { InvalidContentError } from '../../src/loaders/content.ts';
import { collections } from '../../src/model/collections.ts';
import { listIds } from '../../src/model/files.ts';
import { validate } from '../../src/validator/index.ts';
import { astroBuildCommand } from './astro-command.ts';
import { buildSearchIndex, indexSummary } from './search-index.ts';
import { buildSharded, localJobs, SHARD_SIZE } from './shards.ts';

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    buildSiteUrl(process.env);
  } catch (error) {
    if (!(error instanceof SiteUrlError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--outDir');
  const outDir = outIndex >= 0 ? (args[outIndex + 1] ?? 'dist') : 'dist';
  const onlyOutDir = args.length === (outIndex >= 0 ? 2 : 0);
  // More initiatives than one shard holds always plan two shards or more (planShards); the
  // sharded build validates and reads the tree in a process of its own.
  const sharded =
    process.env.KHO_SHARDS !== '0' &&
    onlyOutDir &&
    listIds(process.cwd(), collections.initiatives).length > SHARD_SIZE;
  if (!sharded) {
    const report = await validate({ root: process.cwd(), cache: true });
    if (report.totals.errors > 0) {
      console.error(new InvalidContentError(report).message);
      process.exit(1);
    }
  }
  try {
    if (sharded) {
      const started = performance.now();
      const jobs = localJobs();
      console.log(`Kho lớn: dựng theo phần, ${jobs} phần cùng lúc…`);
      const { shards, files, bundles } = await buildSharded(process.cwd(), outDir, { jobs });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `Đã dựng ${shards.length} phần (trang chung và ${shards.length - 1} nhóm đợt) và gộp vào ${outDir}: ${files} tệp, ${bundles} gói chỉ mục Pagefind, ${seconds} giây.`,
      );
    } else {
      const [command, astroArgs] = astroBuildCommand(process.cwd(), args);
      const astro = spawnSync(command, astroArgs, { stdio: 'inherit' });
      if (astro.status !== 0) process.exit(astro.status ?? 1);
      const started = performance.now();
      const { pages, parts, reused } = buildSearchIndex(outDir);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(indexSummary(pages, parts, reused, seconds));
    }
    console.log(siteUrlReport(process.env, basePath(process.env.BASE_PATH)));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
