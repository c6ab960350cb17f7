/**
 * The site built in shards, then merged into one site with one search.
 *
 * An archive larger than one shard (SHARD_SIZE initiatives) is planned as the shared pages'
 * shard, then groups of whole campaigns (one organiser's call of one year) taken in the order of
 * their ids, up to SHARD_SIZE initiatives each (a larger campaign is a shard by itself). Each
 * is an `astro build` with `KHO_SHARD` set (src/lib/shard.ts): every shard reads the front matter
 * of the whole archive (the catalog); the shared shard renders every list, facet, unit, campaign
 * and statistics page and no initiative; a campaigns' shard loads only its own initiatives into
 * Astro and renders only their pages. Then each shard indexes its own searchable pages with
 * Pagefind into `.kho-pagefind/<n>/` of its folder.
 *
 * Shards run on separate machines (the deploy workflow's matrix: docs/site.md) or here, one per
 * core (`npm run build` of a large archive, run by shard-runner.ts). The merge copies every shard's files into one
 * folder, refusing two shards that disagree on a file both wrote (different content or code);
 * renames the shards' Pagefind bundles `pagefind/`, `pagefind-2/`… as a whole build names its
 * parts, listed in `pagefind/kho-parts.json` for the search page to merge in the browser
 * (Pagefind has no merge on disk); and writes the quick index from the documents' source that
 * the shared shard wrote (as the open data, it is written by that shard only: src/lib/shard.ts).
 * Nothing is indexed twice, and no Pagefind run at the merge.
 *
 *   node scripts/build/shards.ts list [size]           the shards, as JSON (the matrix)
 *   node scripts/build/shards.ts prepare <file> [size] validate, snapshot the records into <file>
 *                                                      (KHO_CATALOG of the shards), the shards
 *   node scripts/build/shards.ts build <shard> <dir>   one shard's pages and index into <dir>
 *   node scripts/build/shards.ts index <dir>           a shard's index alone (after its pages)
 *   node scripts/build/shards.ts merge <out> <dir>…    merge shard folders into one site
 *   node scripts/build/shards.ts all [out]             every shard (one per core), then the merge
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { headersEntries, headersFile, type SiteEntry } from '../../src/lib/csp.ts';
import { SHARD_VARIABLE, SHARED_SHARD } from '../../src/lib/shard.ts';
import { InvalidContentError } from '../../src/loaders/content.ts';
import { collections } from '../../src/model/collections.ts';
import { listIds, readRecordFile } from '../../src/model/files.ts';
import { type Snapshot, writeSnapshot } from '../../src/model/snapshot.ts';
import { validate } from '../../src/validator/index.ts';
import { isMain } from '../lib/cli.ts';
import { astroBuildCommand, astroBuildEnv } from './astro-command.ts';
import { filesOf } from './build-state.ts';
import { pruneIndexCache } from './index-cache.ts';
import {
  type BundlePages,
  buildPagefindBundles,
  buildQuickSearch,
  buildSearchIndex,
  PART_SIZE,
  partSizeFor,
  searchablePages,
  siteBundle,
  writePartsManifest,
} from './search-index.ts';
import { buildSharded } from './shard-runner.ts';

/**
 * Initiatives per shard: two of the largest Pagefind parts (search-index.ts), so that each
 * shard's index is cut into parts of the whole archive's part size (partSizeFor) like a whole
 * build's, while the fixed cost of each shard's Astro process (start, bundling, the whole
 * archive's catalog: about 13 s of CPU at 50,000) is paid once per 5,000 initiatives; a national
 * archive (~500,000) is about 100 shards, within a GitHub Actions matrix's 256 jobs.
 */
export const SHARD_SIZE = 2 * PART_SIZE;

/** Where a shard's folder keeps its Pagefind bundles until the merge names them. */
export const SHARD_INDEX_DIR = '.kho-pagefind';
/** In SHARD_INDEX_DIR: the pages of each of the shard's bundles, in order. */
const SHARD_INDEX_PAGES = 'pages.json';

/** Number of initiatives of each campaign: every campaign given, and every campaign named by an initiative. */
function sizesOf(
  campaigns: Iterable<string>,
  initiatives: Iterable<{ raw: unknown }>,
): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const campaign of campaigns) sizes.set(campaign, 0);
  for (const record of initiatives) {
    const campaign = (record.raw as { campaign?: unknown } | undefined)?.campaign;
    if (typeof campaign === 'string') sizes.set(campaign, (sizes.get(campaign) ?? 0) + 1);
  }
  return sizes;
}

/** Number of initiatives of each campaign: every campaign file, and every campaign named by an initiative. */
export function campaignSizes(root: string): Map<string, number> {
  const campaigns: string[] = [];
  const folder = join(root, collections.campaigns.folder);
  if (existsSync(folder)) {
    for (const name of readdirSync(folder)) {
      if (name.endsWith(collections.campaigns.extension)) {
        campaigns.push(name.slice(0, -collections.campaigns.extension.length));
      }
    }
  }
  // One file at a time: only its campaign is kept.
  const initiatives = listIds(root, collections.initiatives).map((id) => ({
    raw: readRecordFile(root, collections.initiatives, id).raw,
  }));
  return sizesOf(campaigns, initiatives);
}

/**
 * The shards of an archive: `''` (the whole site in one build) when it fits in one; otherwise the
 * shared pages' shard (SHARED_SHARD) then the campaigns in the order of their ids, grouped into
 * shards of up to `size` initiatives: a group is closed when the next campaign would take it past
 * `size`. A campaign larger than `size` is cut into ⌈count / size⌉ slices, a shard each
 * (`<campaign>#k/n`: src/lib/shard.ts). Each shard is the value of its KHO_SHARD.
 */
export function planShards(sizes: ReadonlyMap<string, number>, size = SHARD_SIZE): string[] {
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(`Số trang mỗi phần dựng phải là số nguyên dương (nhận được ${size}).`);
  }
  const shards: string[] = [];
  let current: string[] = [];
  let count = 0;
  const close = () => {
    if (current.length > 0) shards.push(current.join(','));
    current = [];
    count = 0;
  };
  for (const campaign of [...sizes.keys()].sort()) {
    const entries = sizes.get(campaign) ?? 0;
    if (entries > size) {
      close();
      const slices = Math.ceil(entries / size);
      for (let slice = 1; slice <= slices; slice += 1)
        shards.push(`${campaign}#${slice}/${slices}`);
      continue;
    }
    if (count + entries > size) close();
    current.push(campaign);
    count += entries;
  }
  close();
  // One shard or none: one build of everything (an empty KHO_SHARD) is the fastest.
  if (shards.length <= 1) return [''];
  return [SHARED_SHARD, ...shards];
}

/** The shards of a project (see planShards). */
export function shardIds(root: string, size = SHARD_SIZE): string[] {
  return planShards(campaignSizes(root), size);
}

/**
 * What a local sharded build does once before its shards: the validator over the whole tree
 * (InvalidContentError when it refuses), then the snapshot of every record the shards read in
 * place of the files (src/model/snapshot.ts). Returns the shards' plan, from the same reading.
 */
export async function prepareShards(
  root: string,
  file: string,
  size = SHARD_SIZE,
): Promise<string[]> {
  return (await prepareSnapshot(root, file, size)).shards;
}

/**
 * Where a build keeps a copy of the last snapshot of the tree at `root`, for the next one to
 * read only the entries that changed since (writeSnapshot).
 */
export function lastSnapshotPath(root: string): string {
  const id = createHash('sha1').update(resolve(root)).digest('hex').slice(0, 16);
  return join(root, 'node_modules/.cache/kho-build', `danh-muc-${id}.v8`);
}

/** prepareShards, with the snapshot it wrote. */
export async function prepareSnapshot(
  root: string,
  file: string,
  size = SHARD_SIZE,
): Promise<{ shards: string[]; snapshot: Snapshot }> {
  const report = await validate({ root, cache: true });
  if (report.totals.errors > 0) throw new InvalidContentError(report);
  mkdirSync(dirname(resolve(file)), { recursive: true });
  const last = lastSnapshotPath(root);
  const snapshot = writeSnapshot(root, report, file, last);
  try {
    mkdirSync(dirname(last), { recursive: true });
    // Whole or absent: a build reading it while it is replaced gets the old one or the new.
    copyFileSync(file, `${last}.${process.pid}.tmp`);
    renameSync(`${last}.${process.pid}.tmp`, last);
  } catch {
    // Only the next build's time depends on it.
  }
  const campaigns = (snapshot.collections[collections.campaigns.name] ?? []).map(
    (record) => record.id,
  );
  const shards = planShards(
    sizesOf(campaigns, snapshot.collections[collections.initiatives.name] ?? []),
    size,
  );
  return { shards, snapshot };
}

/** One shard's `astro build` into `outDir`, then its search index (indexShard). */
export function buildShard(
  root: string,
  shard: string,
  outDir: string,
  env: NodeJS.ProcessEnv = process.env,
  options: { partSize?: number } = {},
): { pages: number; bundles: number; astroSeconds: number; indexSeconds: number } {
  rmSync(outDir, { recursive: true, force: true });
  const started = performance.now();
  const [command, args] = astroBuildCommand(root, ['--outDir', resolve(outDir)]);
  const run = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    // Astro prints a line per page: a large shard's log is past spawnSync's 1 MB default.
    maxBuffer: 1024 * 1024 * 1024,
    env: astroBuildEnv({ ...env, [SHARD_VARIABLE]: shard }),
  });
  if (run.status !== 0) {
    throw new Error(
      `Không dựng được phần "${shard}":\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-4000)}`,
    );
  }
  const built = performance.now();
  const index = indexShard(outDir, {
    partSize: options.partSize ?? partSizeFor(archivePages(root)),
  });
  return {
    ...index,
    astroSeconds: (built - started) / 1000,
    indexSeconds: (performance.now() - built) / 1000,
  };
}

/**
 * The searchable pages of the whole archive (an initiative's or a campaign's), counted from the
 * content's folders: every shard counts the same, and sizes its index parts by it (partSizeFor).
 */
export function archivePages(root: string): number {
  const folder = join(root, collections.campaigns.folder);
  const campaigns = existsSync(folder)
    ? readdirSync(folder).filter((name) => name.endsWith(collections.campaigns.extension)).length
    : 0;
  return listIds(root, collections.initiatives).length + campaigns;
}

/**
 * Pages per Pagefind part of a shard of `pages` searchable pages, for parts of about `size`: as
 * many parts as it takes to stay within a tenth over `size`, the pages dealt evenly. A slice of a
 * campaign holds about SHARD_SIZE initiatives, give or take what the hash deals it (5,055 for one
 * slice of ten at 50,000), plus its campaign's page; cut in parts of exactly `size`, each such
 * slice got one more, nearly empty part: one more request per word searched.
 */
export function shardPartSize(pages: number, size = PART_SIZE): number {
  const parts = Math.max(1, Math.ceil(pages / Math.floor(size * 1.1)));
  return Math.max(1, Math.ceil(pages / parts));
}

/**
 * The Pagefind index of a shard's searchable pages, in `SHARD_INDEX_DIR/<n>/` of its folder, in
 * parts of about `partSize` pages (shardPartSize; buildShard gives the archive's part size): each
 * searchable page (a campaign's or an initiative's) is built by its campaign's shard only
 * (src/lib/shard.ts), so a shard indexes every one it has. The shared shard has none.
 */
export function indexShard(
  outDir: string,
  options: { partSize?: number } = {},
): { pages: number; bundles: number } {
  const site = resolve(outDir);
  rmSync(join(site, SHARD_INDEX_DIR), { recursive: true, force: true });
  const pages = searchablePages(site);
  if (pages.length === 0) return { pages: 0, bundles: 0 };
  const {
    pages: indexed,
    bundles,
    index,
  } = buildPagefindBundles(
    site,
    pages,
    (part) => join(SHARD_INDEX_DIR, String(part)),
    shardPartSize(pages.length, options.partSize),
  );
  writeFileSync(
    join(site, SHARD_INDEX_DIR, SHARD_INDEX_PAGES),
    JSON.stringify(index.map((bundle) => bundle.pages)),
  );
  return { pages: indexed, bundles: bundles.length };
}

/** The pages of each of a shard folder's bundles, in order (none for an older folder). */
function shardBundlePages(dir: string): string[][] | undefined {
  const file = join(dir, SHARD_INDEX_DIR, SHARD_INDEX_PAGES);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as string[][]) : undefined;
}

/** A shard folder's Pagefind bundles, in order (`.kho-pagefind/1`, `.kho-pagefind/2`…). */
function shardBundles(dir: string): string[] {
  const root = join(dir, SHARD_INDEX_DIR);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(a) - Number(b))
    .map((name) => join(SHARD_INDEX_DIR, name));
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
export function mergeSitemaps(
  dirs: readonly string[],
  out: string,
  keep: (loc: string, dir: string) => boolean = () => true,
): void {
  const urls = new Map<string, string>();
  let head = '';
  for (const dir of dirs) {
    for (const name of readdirSync(dir).filter((file) => SITEMAP_PART.test(file))) {
      const text = readFileSync(join(dir, name), 'utf8');
      head ||= text.slice(0, text.indexOf('<url>'));
      for (const match of text.matchAll(/<url><loc>([^<]*)<\/loc>[\s\S]*?<\/url>/g)) {
        if (keep(match[1] as string, dir)) urls.set(match[1] as string, match[0]);
      }
    }
  }
  if (!head) return;
  // Files of an earlier, longer sitemap in `out` (a patched site's) go.
  for (const name of readdirSync(out).filter((file) => SITEMAP_PART.test(file))) {
    rmSync(join(out, name));
  }
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

const HEADERS = '_headers';

/**
 * Each shard's `_headers` has a rule per top-level entry it built (src/lib/csp.ts): the merged
 * site's has one per entry of any shard, as a whole build would write.
 */
export function mergeHeaders(
  dirs: readonly string[],
  out: string,
  keep: (entry: SiteEntry) => boolean = () => true,
): void {
  let base: string | undefined;
  const entries = new Map<string, SiteEntry>();
  for (const dir of dirs) {
    const path = join(dir, HEADERS);
    if (!existsSync(path)) continue;
    const read = headersEntries(readFileSync(path, 'utf8'));
    if (base !== undefined && read.base !== base) {
      throw new Error(
        `Hai phần dựng cho hai đường dẫn gốc khác nhau ("${base}" và "${read.base}" trong ${path}): hãy dựng mọi phần với cùng BASE_PATH.`,
      );
    }
    base = read.base;
    for (const entry of read.entries) if (keep(entry)) entries.set(entry.name, entry);
  }
  if (base !== undefined)
    writeFileSync(join(out, HEADERS), headersFile(base, [...entries.values()]));
}

export interface MergeResult {
  /** Files of the merged site (search indexes left aside). */
  files: number;
  /** Pagefind bundles of the merged site. */
  bundles: number;
  /** Documents of the quick index. */
  quick: number;
  /** The pages of each Pagefind bundle (undefined: a shard folder did not say). */
  index?: BundlePages[];
}

/** A file or folder renamed into place; copied when `to` is on another file system. */
export function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    cpSync(from, to, { recursive: true });
  }
}

/**
 * Every shard's files in `out`. A file two shards both have (a shared page) must be the same
 * in both: otherwise they were built from different content or code, and the merge stops. The
 * sitemap, which lists what each shard built, is merged. The shards' Pagefind bundles become the
 * site's `pagefind/`, `pagefind-2/`… in the order of `dirs`; shard folders without an index
 * (built by hand with `astro build`) are indexed here instead, all at once.
 */
export function mergeShards(
  dirs: readonly string[],
  out: string,
  options: {
    partSize?: number;
    /** Move the shards' files instead of copying them (their folders are thrown away after). */
    move?: boolean;
  } = {},
): MergeResult {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // Read before any file moves: whether each shard has an index, and pages to index.
  const bundlesOf = dirs.map(shardBundles);
  const pagesOf = dirs.map(shardBundlePages);
  const indexed = bundlesOf.filter((bundles) => bundles.length > 0).length;
  // A shard without searchable pages (the shared one) has no index of its own.
  const missing =
    indexed === 0
      ? []
      : dirs.filter(
          (dir, index) => bundlesOf[index]?.length === 0 && searchablePages(dir).length > 0,
        );
  if (missing.length > 0) {
    throw new Error(
      `Phần dựng không có chỉ mục tìm kiếm (${missing.join(', ')}): hãy dựng mọi phần bằng "shards.ts build".`,
    );
  }
  const place = options.move ? moveFile : copyFileSync;
  const seen = new Map<string, string>();
  const indexPrefix = `${SHARD_INDEX_DIR}/`;
  for (const dir of dirs) {
    for (const file of filesOf(dir)) {
      if (
        SITEMAP_PART.test(file) ||
        file === SITEMAP_INDEX ||
        file === HEADERS ||
        file.startsWith(indexPrefix)
      ) {
        continue;
      }
      const from = join(dir, file);
      const earlier = seen.get(file);
      if (earlier !== undefined) {
        if (!readFileSync(join(out, file)).equals(readFileSync(from))) {
          throw new Error(
            `Hai phần dựng khác nhau ở tệp chung "${file}" (${earlier} và ${from}): hãy dựng mọi phần từ cùng nội dung và cùng mã.`,
          );
        }
        continue;
      }
      seen.set(file, from);
      mkdirSync(dirname(join(out, file)), { recursive: true });
      place(from, join(out, file));
    }
  }
  mergeSitemaps(dirs, out);
  mergeHeaders(dirs, out);
  if (indexed === 0) {
    const { parts, quick, index } = buildSearchIndex(out, { partSize: options.partSize });
    return { files: seen.size, bundles: parts, quick, index };
  }
  const names: string[] = [];
  let index: BundlePages[] | undefined = [];
  dirs.forEach((dir, shard) => {
    const bundles = bundlesOf[shard] ?? [];
    const pages = pagesOf[shard];
    if (bundles.length > 0 && pages?.length !== bundles.length) index = undefined;
    bundles.forEach((bundle, part) => {
      const name = siteBundle(names.length + 1);
      if (options.move) moveFile(join(dir, bundle), join(out, name));
      else cpSync(join(dir, bundle), join(out, name), { recursive: true });
      names.push(name);
      index?.push({ bundle: name, pages: pages?.[part] ?? [] });
    });
  });
  writePartsManifest(out, names.slice(1));
  return { files: seen.size, bundles: names.length, quick: buildQuickSearch(out), index };
}

if (isMain(import.meta)) {
  const [command, ...rest] = process.argv.slice(2);
  const root = process.cwd();
  try {
    if (command === 'list') {
      console.log(JSON.stringify(shardIds(root, rest[0] ? Number(rest[0]) : undefined)));
    } else if (command === 'prepare' && rest[0]) {
      console.log(
        JSON.stringify(await prepareShards(root, rest[0], rest[1] ? Number(rest[1]) : undefined)),
      );
    } else if (command === 'build' && rest[0] !== undefined && rest[1]) {
      const { pages, bundles, astroSeconds, indexSeconds } = buildShard(root, rest[0], rest[1]);
      // A deploy's job: one shard on a runner of its own, with its own cache (deploy.yml).
      pruneIndexCache();
      console.log(
        `Đã dựng phần "${rest[0]}" vào ${rest[1]}: astro build ${astroSeconds.toFixed(1)} giây, chỉ mục ${indexSeconds.toFixed(1)} giây (${pages} trang tìm kiếm, ${bundles} gói).`,
      );
    } else if (command === 'index' && rest[0]) {
      const { pages, bundles } = indexShard(rest[0], {
        partSize: partSizeFor(archivePages(root)),
      });
      console.log(`Đã lập chỉ mục của ${rest[0]}: ${pages} trang tìm kiếm, ${bundles} gói.`);
    } else if (command === 'merge' && rest[0] && rest.length > 1) {
      const { files, bundles, quick } = mergeShards(rest.slice(1), rest[0]);
      console.log(
        `Đã gộp ${rest.length - 1} phần: ${files} tệp, ${bundles} gói chỉ mục Pagefind, ${quick} tài liệu tìm nhanh trong ${rest[0]}.`,
      );
    } else if (command === 'all' || command === undefined) {
      const out = rest[0] ?? 'dist';
      const started = performance.now();
      const { shards, files, bundles } = await buildSharded(root, out);
      pruneIndexCache();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `Đã dựng ${shards.length} phần và gộp: ${files} tệp, ${bundles} gói chỉ mục Pagefind, ${seconds} giây.`,
      );
    } else {
      console.error(
        'Cách dùng: shards.ts list [số-trang-mỗi-phần] | build <phần> <thư-mục> | index <thư-mục> | merge <thư-mục-ra> <thư-mục>… | all [thư-mục-ra]',
      );
      process.exit(2);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
