/**
 * The site built in shards, one per campaign (one organiser's call of one year), then merged into
 * one site with one search.
 *
 * Each shard is an `astro build` with `KHO_SHARD=<campaign>` (src/lib/shard.ts): it reads the
 * front matter of the whole archive (the catalog, so every list, facet, unit, campaign and
 * statistics page comes out whole), renders the Markdown and the pages of its own initiatives
 * only, and every shared page. Shards can run on separate machines (a GitHub Actions matrix: see
 * docs/benchmarks.md) or here one after the other. The merge copies every shard's files into one
 * folder, refusing two shards that disagree on a shared file (different content or code), then
 * builds the search indexes of the merged site (scripts/build/search-index.ts).
 *
 *   node scripts/build/shards.ts list                  the shards, as JSON (the matrix)
 *   node scripts/build/shards.ts build <shard> <dir>   one shard's pages into <dir>
 *   node scripts/build/shards.ts merge <out> <dir>…    merge shard folders, index the result
 *   node scripts/build/shards.ts all [out]             every shard, then the merge (default dist/)
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SHARD_VARIABLE } from '../../src/lib/shard.ts';
import { collections } from '../../src/model/collections.ts';
import { astroBuildCommand } from './astro-command.ts';
import { buildSearchIndex } from './search-index.ts';

/** The shards of a project: its campaigns' ids, sorted. */
export function shardIds(root: string): string[] {
  const folder = join(root, collections.campaigns.folder);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith(collections.campaigns.extension))
    .map((name) => name.slice(0, -collections.campaigns.extension.length))
    .sort();
}

/** One shard's `astro build` into `outDir`. */
export function buildShard(
  root: string,
  shard: string,
  outDir: string,
  env: NodeJS.ProcessEnv = process.env,
): void {
  const [command, args] = astroBuildCommand(root, ['--outDir', resolve(outDir)]);
  const run = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...env, [SHARD_VARIABLE]: shard },
  });
  if (run.status !== 0) {
    throw new Error(
      `Không dựng được phần "${shard}":\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-4000)}`,
    );
  }
}

function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/** The sitemap's files (`sitemap-0.xml`…), listed by `sitemap-index.xml`. */
const SITEMAP_PART = /^sitemap-\d+\.xml$/;
/** URLs per sitemap file: @astrojs/sitemap's default `entryLimit`. */
const SITEMAP_LIMIT = 45_000;
const SITEMAP_INDEX = 'sitemap-index.xml';

/**
 * Each shard's sitemap lists the pages that shard built: the merged site's lists every page,
 * sorted by address and cut into files as @astrojs/sitemap does for a whole build.
 */
function mergeSitemaps(dirs: readonly string[], out: string): void {
  const urls = new Map<string, string>();
  let head = '';
  for (const dir of dirs) {
    for (const name of readdirSync(dir).filter((file) => SITEMAP_PART.test(file))) {
      const text = readFileSync(join(dir, name), 'utf8');
      head ||= text.slice(0, text.indexOf('<url>'));
      for (const match of text.matchAll(/<url><loc>([^<]*)<\/loc>[\s\S]*?<\/url>/g)) {
        urls.set(match[1] as string, match[0]);
      }
    }
  }
  if (!head) return;
  const sorted = [...urls.keys()].sort().map((loc) => urls.get(loc) as string);
  let parts = 0;
  for (let start = 0; start < sorted.length; start += SITEMAP_LIMIT, parts += 1) {
    const body = sorted.slice(start, start + SITEMAP_LIMIT).join('');
    writeFileSync(join(out, `sitemap-${parts}.xml`), `${head}${body}</urlset>`);
  }
  // The index lists as many files as there are now (a shard alone may have needed fewer).
  const index = readFileSync(join(dirs[0] as string, SITEMAP_INDEX), 'utf8');
  const entry = /<sitemap>[\s\S]*?<\/sitemap>/.exec(index)?.[0];
  if (!entry) return;
  const entries = Array.from({ length: parts }, (_, part) =>
    entry.replace(/sitemap-\d+\.xml/, `sitemap-${part}.xml`),
  );
  writeFileSync(
    join(out, SITEMAP_INDEX),
    index.replace(/(<sitemap>[\s\S]*<\/sitemap>)/, entries.join('')),
  );
}

/**
 * Every shard's files in `out`. A file two shards both have (a shared page) must be the same
 * in both: otherwise they were built from different content or code, and the merge stops. The
 * sitemap, which lists what each shard built, is merged.
 */
export function mergeShards(dirs: readonly string[], out: string): { files: number } {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const seen = new Map<string, string>();
  for (const dir of dirs) {
    for (const file of filesOf(dir)) {
      if (SITEMAP_PART.test(file) || file === SITEMAP_INDEX) continue;
      const from = join(dir, file);
      const earlier = seen.get(file);
      if (earlier !== undefined) {
        if (!readFileSync(earlier).equals(readFileSync(from))) {
          throw new Error(
            `Hai phần dựng khác nhau ở tệp chung "${file}" (${earlier} và ${from}): hãy dựng mọi phần từ cùng nội dung và cùng mã.`,
          );
        }
        continue;
      }
      seen.set(file, from);
      mkdirSync(dirname(join(out, file)), { recursive: true });
      copyFileSync(from, join(out, file));
    }
  }
  mergeSitemaps(dirs, out);
  return { files: seen.size };
}

/** Every shard one after the other under `work`, merged into `out` with its search indexes. */
export function buildSharded(
  root: string,
  out: string,
  options: { work?: string; env?: NodeJS.ProcessEnv; partSize?: number } = {},
): { shards: string[]; files: number } {
  const work = options.work ?? join(root, '.tmp', 'shards');
  const shards = shardIds(root);
  const dirs = shards.map((shard) => join(work, shard));
  shards.forEach((shard, index) => {
    buildShard(root, shard, dirs[index] as string, options.env);
  });
  const { files } = mergeShards(dirs, out);
  buildSearchIndex(out, { partSize: options.partSize });
  rmSync(work, { recursive: true, force: true });
  return { shards, files };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, ...rest] = process.argv.slice(2);
  const root = process.cwd();
  try {
    if (command === 'list') {
      console.log(JSON.stringify(shardIds(root)));
    } else if (command === 'build' && rest[0] && rest[1]) {
      buildShard(root, rest[0], rest[1]);
    } else if (command === 'merge' && rest[0] && rest.length > 1) {
      const { files } = mergeShards(rest.slice(1), rest[0]);
      buildSearchIndex(rest[0]);
      console.log(`Đã gộp ${rest.length - 1} phần: ${files} tệp trong ${rest[0]}.`);
    } else if (command === 'all' || command === undefined) {
      const out = rest[0] ?? 'dist';
      const started = performance.now();
      const { shards, files } = buildSharded(root, out);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `Đã dựng ${shards.length} phần (${shards.join(', ')}) và gộp: ${files} tệp, ${seconds} giây.`,
      );
    } else {
      console.error(
        'Cách dùng: shards.ts list | build <phần> <thư-mục> | merge <thư-mục-ra> <thư-mục>… | all [thư-mục-ra]',
      );
      process.exit(2);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
