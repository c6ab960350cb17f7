/**
 * `npm run build`: the validator over the whole tree (nothing invalid is built; the site's
 * loader checks again, so a bare `astro build` refuses too), then `astro build` (with the
 * heap cap of astro-command.ts) into `dist/`, then the Pagefind search index. An archive larger
 * than one shard (shards.ts: over 5,000 initiatives) is built in shards instead, one process per
 * core, each loading only its own initiatives, and merged: the same site, in less time and
 * memory than one Astro process holding the whole archive. `--outDir <dir>` is understood;
 * other arguments go to `astro build` and need the one-process build (`KHO_SHARDS=0`).
 * After a change to a few initiatives, the last build into the same folder is patched instead
 * (patch.ts): the shared pages and the changed ones only, the same site in a fraction of the
 * time; `KHO_PATCH=0` builds from nothing every time.
 * A deploy build (KHO_DEPLOY=1) without SITE_URL refuses before anything else; every build ends
 * by saying which address it wrote into the site.
 * This process lives beside the shards' Astro builds from start to end: it loads the validator, the
 * patch's code and the search index only on the paths that use them, not while shards run.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { guardTerminal } from '../../src/core/terminal.ts';
import {
  basePath,
  buildSiteUrl,
  SiteUrlError,
  siteUrlReport,
} from '../../src/lib/deploy-config.ts';
import { isMain } from '../lib/cli.ts';
import { astroBuildCommand, astroBuildEnv } from './astro-command.ts';
import { forgetState, planBuildProcess, recordBuild } from './build-state.ts';
import { pruneIndexCache } from './index-cache.ts';
import type { BundlePages } from './search-index.ts';
import { buildSharded, localJobs } from './shard-runner.ts';

/** `astro build` failed, with this exit status. */
class AstroFailed extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`astro build thất bại (mã ${status}).`);
    this.status = status;
  }
}

if (isMain(import.meta)) {
  guardTerminal();
  try {
    buildSiteUrl(process.env);
  } catch (error) {
    if (!(error instanceof SiteUrlError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const root = process.cwd();
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--outDir');
  const outDir = outIndex >= 0 ? (args[outIndex + 1] ?? 'dist') : 'dist';
  const onlyOutDir = args.length === (outIndex >= 0 ? 2 : 0);
  // One folder per build: two builds of the same project at once (tests do) keep apart.
  const work = resolve(root, '.tmp', `build-${process.pid}`);
  const say = (started: number, line: (seconds: string) => string) =>
    console.log(line(((performance.now() - started) / 1000).toFixed(1)));
  try {
    if (!onlyOutDir) {
      // Options of astro build's own: one process, from nothing, and no state for a patch.
      forgetState(root, outDir);
      const { validate } = await import('../../src/validator/index.ts');
      const { InvalidContentError } = await import('../../src/loaders/content.ts');
      const { buildSearchIndex, indexSummary } = await import('./search-index.ts');
      const report = await validate({ root, cache: true });
      if (report.totals.errors > 0) throw new InvalidContentError(report);
      const [command, astroArgs] = astroBuildCommand(root, args);
      const astro = spawnSync(command, astroArgs, { stdio: 'inherit', env: astroBuildEnv() });
      if (astro.status !== 0) throw new AstroFailed(astro.status ?? 1);
      const started = performance.now();
      const { pages, parts, reused } = buildSearchIndex(outDir);
      say(started, (seconds) => indexSummary(pages, parts, reused, seconds));
    } else {
      const started = performance.now();
      // A wrong KHO_JOBS is said before the long steps, not after them.
      const jobs = localJobs();
      // The validator, the records' snapshot, and whether the last build can be patched.
      const plan = planBuildProcess(root, outDir, work, process.env);
      const patch = plan.patch;
      if (patch.kind === 'none') {
        console.log(`Mã và nội dung không đổi từ lần dựng trước: ${outDir} giữ nguyên.`);
      } else if (patch.kind === 'patch') {
        const shared = patch.lists
          ? 'các trang chung (của các danh sách, chỉ những trang có sáng kiến đổi)'
          : 'mọi trang chung';
        console.log(
          `Dựng lại phần đổi: ${patch.initiatives.length} sáng kiến, ${patch.campaigns.length} đợt phát động và ${shared}.`,
        );
        const { patchBuild } = await import('./patch.ts');
        const { files, bundles, astroSeconds, applySeconds } = patchBuild(
          root,
          outDir,
          work,
          plan,
          process.env,
        );
        say(
          started,
          (seconds) =>
            `Đã vá ${outDir}: ${files} tệp, ${bundles} gói chỉ mục Pagefind lập lại; astro build ${astroSeconds.toFixed(1)} giây, ghép và chỉ mục ${applySeconds.toFixed(1)} giây, cả thảy ${seconds} giây.`,
        );
      } else {
        console.log(`Dựng từ đầu: ${patch.reason}.`);
        forgetState(root, outDir);
        let index: BundlePages[] | undefined;
        if (process.env.KHO_SHARDS !== '0' && plan.shards.length > 1) {
          console.log(`Kho lớn: dựng theo phần, ${jobs} phần cùng lúc…`);
          const merged = await buildSharded(root, outDir, {
            jobs,
            prepared: plan,
            local: true,
            work: join(work, 'shards'),
          });
          index = merged.index;
          say(
            started,
            (seconds) =>
              `Đã dựng ${merged.shards.length} phần (trang chung, nhóm đợt hay lát của đợt) và gộp vào ${outDir}: ${merged.files} tệp, ${merged.bundles} gói chỉ mục Pagefind, ${seconds} giây.`,
          );
        } else {
          const [command, astroArgs] = astroBuildCommand(root, args);
          const astro = spawnSync(command, astroArgs, { stdio: 'inherit', env: astroBuildEnv() });
          if (astro.status !== 0) throw new AstroFailed(astro.status ?? 1);
          const indexed = performance.now();
          const { buildSearchIndex, indexSummary } = await import('./search-index.ts');
          const built = buildSearchIndex(outDir);
          index = built.index;
          say(indexed, (seconds) => indexSummary(built.pages, built.parts, built.reused, seconds));
        }
        if (index) recordBuild(root, outDir, plan, index);
      }
    }
    // Every part of the search index has been copied or indexed by now (index-cache.ts).
    pruneIndexCache();
    console.log(siteUrlReport(process.env, basePath(process.env.BASE_PATH)));
  } catch (error) {
    // Astro said what went wrong on the terminal already.
    if (!(error instanceof AstroFailed)) {
      console.error(error instanceof Error ? error.message : String(error));
    }
    process.exitCode = error instanceof AstroFailed ? error.status : 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
