/**
 * Builds the Pagefind search index of a built site: `node scripts/build/search-index.ts [outDir]`.
 * Runs the Pagefind CLI (not the Astro integration, which hides indexing errors) and fails
 * the build when it fails or indexes no page.
 *
 * Pagefind holds every indexed word of every page in memory until it writes the index: about
 * 270 kB per initiative page, so 2.7 GB for 10,000 pages. Above MIN_PART_SIZE searchable pages
 * the index is built in parts (partSizeFor), one Pagefind run after the other (peak memory of one
 * part), and the search page merges them in the browser (`mergeIndex`): the first part stays in
 * `pagefind/`, the others go to `pagefind-2/`, `pagefind-3/`…, listed in `pagefind/kho-parts.json`.
 *
 * Pagefind reads a staged copy of each page in which `đ` is written `d` + U+0335 and glued
 * dashes are spaced (src/lib/search-text.ts), so that words with `đ` are found when typed with
 * `d`; the pages served are not changed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pageFromSegment } from '../../src/lib/pagination.ts';
import { sitePaths } from '../../src/lib/paths.ts';
import { indexableHtml, STROKE } from '../../src/lib/search-text.ts';
import { isMain } from '../lib/cli.ts';
import { partKeyOf, restoreBundle, storeBundle } from './index-cache.ts';
import { readQuickSource, writeQuickIndex } from './quick-index.ts';

/** Folders whose pages carry `data-pagefind-body`: initiatives and campaigns. */
const SEARCHABLE_FOLDERS = ['sang-kien', 'dot-phat-dong'];

/** Listings that sit among the initiatives (`sang-kien/linh-vuc/`…): not searchable pages. */
const LISTINGS = new Set([
  sitePaths.fields(),
  sitePaths.goals(),
  sitePaths.scopes(),
  sitePaths.statuses(),
]);

/**
 * Most pages per index part. Pagefind holds a part's words in memory until it writes it: 2,500
 * pages need about 650 MB, 5,000 pages 1.2 GB, and a shard's part is indexed while another
 * shard's Astro build runs (about 1 GB), within the 2 GB of a whole build. With parts of 5,000,
 * a first build of 50,000 initiatives peaked at 2.6 GB (docs/benchmarks.md).
 */
export const PART_SIZE = 2_500;
/** Fewest pages per index part of an archive cut into parts: 1,000 pages need about 260 MB. */
export const MIN_PART_SIZE = 1_000;
/** Parts of an archive before they grow past MIN_PART_SIZE. */
const TARGET_PARTS = 10;

/**
 * Pages per index part for an archive of `pages` searchable pages. Small parts, because a patch
 * of the last build (patch.ts) indexes again each part holding a changed page (1,000 pages: about
 * 3 s; 2,500: about 13 s); but no more than TARGET_PARTS of them until each holds PART_SIZE pages,
 * because the first search fetches every part's entry, metadata and word chunk.
 */
export function partSizeFor(pages: number): number {
  return Math.min(PART_SIZE, Math.max(MIN_PART_SIZE, Math.ceil(pages / TARGET_PARTS)));
}

/** Listed by the search page: the bundles to merge with `pagefind/`, relative to the site root. */
export const PARTS_MANIFEST = 'pagefind/kho-parts.json';

/**
 * `<folder>/<slug>/index.html` of every searchable page, sorted. Only these are staged for
 * Pagefind, which would otherwise parse every page of the site (lists, facets) only to skip it.
 */
export function searchablePages(site: string): string[] {
  return SEARCHABLE_FOLDERS.flatMap((folder) => {
    const root = join(site, folder);
    if (!existsSync(root)) return [];
    return (
      readdirSync(root, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && !LISTINGS.has(`${folder}/${entry.name}/`))
        // The list's later pages (`sang-kien/trang-2/`) sit among the initiatives too.
        .filter((entry) => pageFromSegment(entry.name) === undefined)
        .filter((entry) => existsSync(join(root, entry.name, 'index.html')))
        .map((entry) => `${folder}/${entry.name}/index.html`)
    );
  }).sort();
}

/**
 * Deals the pages into `ceil(n / partSize)` parts round-robin, so that every part has the same
 * mix of pages (and similar word statistics, which Pagefind's ranking uses per part).
 */
export function planParts(pages: string[], partSize = PART_SIZE): string[][] {
  if (!Number.isInteger(partSize) || partSize < 1) {
    throw new Error(`Số trang mỗi phần chỉ mục phải là số nguyên dương (nhận được ${partSize}).`);
  }
  const count = Math.max(1, Math.ceil(pages.length / partSize));
  const parts: string[][] = Array.from({ length: count }, () => []);
  pages.forEach((page, index) => {
    parts[index % count]?.push(page);
  });
  return parts;
}

function pagefindBin(): string {
  // The package exports only its Node API; its CLI runner sits beside package.json.
  const entry = fileURLToPath(import.meta.resolve('pagefind'));
  return join(dirname(entry), 'runner', 'bin.cjs');
}

/** The options every run is given (part of a cached bundle's key). */
const PAGEFIND_OPTIONS = ['--include-characters', STROKE];

function runPagefind(args: string[]): number {
  const run = spawnSync(process.execPath, [pagefindBin(), ...PAGEFIND_OPTIONS, ...args], {
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    throw new Error(`Pagefind không tạo được chỉ mục tìm kiếm:\n${run.stdout}\n${run.stderr}`);
  }
  return Number(/Indexed (\d+) pages?/.exec(run.stdout)?.[1] ?? 0);
}

/** One Pagefind bundle of a built site: its folder, and the pages it indexes. */
export interface BundlePages {
  bundle: string;
  pages: string[];
}

/**
 * Indexes one part: the pages as the indexer should read them, staged in a folder under the same
 * paths (so page URLs stay the same), unless an earlier build indexed exactly these (index-cache.ts).
 * One page at a time: a part of 5,000 pages held whole was 180 MB of heap, kept while Pagefind
 * ran beside the other shards' builds. Returns the pages indexed and whether the bundle came from
 * the cache.
 */
export function indexPart(
  site: string,
  pages: string[],
  bundle: string,
  index: number,
): { indexed: number; reused: boolean } {
  const stage = join(site, `.pagefind-part-${index}`);
  rmSync(stage, { recursive: true, force: true });
  try {
    const key = partKeyOf(PAGEFIND_OPTIONS);
    const made = new Set<string>();
    for (const page of pages) {
      const html = indexableHtml(readFileSync(join(site, page), 'utf8'));
      key.add(page, html);
      const folder = dirname(join(stage, page));
      if (!made.has(folder)) {
        mkdirSync(folder, { recursive: true });
        made.add(folder);
      }
      writeFileSync(join(stage, page), html);
    }
    const digest = key.digest();
    const restored = restoreBundle(digest, join(site, bundle));
    if (restored !== undefined) return { indexed: restored, reused: true };
    rmSync(join(site, bundle), { recursive: true, force: true });
    const indexed = runPagefind(['--site', stage, '--output-path', join(site, bundle)]);
    storeBundle(digest, join(site, bundle), indexed);
    return { indexed, reused: false };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/**
 * Pagefind indexes of `pages` (site-relative) in `site`, in parts of at most `partSize` pages,
 * written to the bundle folders `bundleOf(1)`, `bundleOf(2)`…: the whole site's index, or one
 * shard's (scripts/build/shards.ts). Returns the pages indexed and the bundles written.
 */
export function buildPagefindBundles(
  site: string,
  pages: string[],
  bundleOf: (part: number) => string,
  partSize?: number,
): { pages: number; bundles: string[]; reused: number; index: BundlePages[] } {
  const parts = planParts(pages, partSize);
  let indexed = 0;
  let reused = 0;
  const bundles: string[] = [];
  parts.forEach((part, index) => {
    const bundle = bundleOf(index + 1);
    const done = indexPart(site, part, bundle, index + 1);
    indexed += done.indexed;
    if (done.reused) reused += 1;
    if (!existsSync(join(site, bundle, 'pagefind-entry.json'))) {
      throw new Error(`Pagefind không ghi tệp pagefind-entry.json trong "${bundle}".`);
    }
    bundles.push(bundle);
  });
  return {
    pages: indexed,
    bundles,
    reused,
    index: bundles.map((bundle, part) => ({ bundle, pages: parts[part] ?? [] })),
  };
}

/**
 * The search page's list of bundles to merge with `pagefind/` (`pagefind-2/`…): written into
 * `pagefind/`, which must hold an index already.
 */
export function writePartsManifest(site: string, extra: string[]): void {
  const manifest = join(site, 'pagefind', 'pagefind-entry.json');
  if (!existsSync(manifest)) throw new Error('Pagefind không ghi tệp pagefind-entry.json.');
  JSON.parse(readFileSync(manifest, 'utf8'));
  writeFileSync(join(site, PARTS_MANIFEST), `${JSON.stringify(extra.map((b) => `${b}/`))}\n`);
}

/**
 * The quick index, first step of the search on a large archive (src/lib/quick-search.ts), from
 * the documents the site build wrote. A site made by hand (tests) may have no source: then there
 * is no quick index either.
 */
export function buildQuickSearch(site: string, options: { fullTextMax?: number } = {}): number {
  const docs = readQuickSource(site);
  const quick = docs
    ? writeQuickIndex(site, docs, { fullTextMax: options.fullTextMax })
    : undefined;
  return quick?.documents ?? 0;
}

/** What a build prints about its search index. */
export function indexSummary(
  pages: number,
  parts: number,
  reused: number,
  seconds: string,
): string {
  const notes = [
    parts > 1 ? `${parts} phần` : '',
    reused > 0 ? `${reused} phần giữ từ lần dựng trước vì không đổi` : '',
  ].filter(Boolean);
  return `Chỉ mục tìm kiếm: ${pages} trang${notes.length > 0 ? ` (${notes.join(', ')})` : ''}, ${seconds} giây.`;
}

/** Bundle folder of part `n` of a whole site's index: `pagefind/`, `pagefind-2/`… */
export const siteBundle = (part: number): string => (part === 1 ? 'pagefind' : `pagefind-${part}`);

export function buildSearchIndex(
  outDir: string,
  options: { partSize?: number; fullTextMax?: number } = {},
): { pages: number; parts: number; reused: number; quick: number; index: BundlePages[] } {
  const site = resolve(outDir);
  if (!existsSync(join(site, 'index.html'))) {
    throw new Error(
      `Không thấy trang web đã dựng trong "${outDir}": hãy chạy "astro build" trước.`,
    );
  }
  const searchable = searchablePages(site);
  const { pages, bundles, reused, index } = buildPagefindBundles(
    site,
    searchable,
    siteBundle,
    options.partSize ?? partSizeFor(searchable.length),
  );
  writePartsManifest(site, bundles.slice(1));
  const quick = buildQuickSearch(site, options);
  return { pages, parts: bundles.length, reused, quick, index };
}

if (isMain(import.meta)) {
  try {
    const outDir = process.argv[2] ?? 'dist';
    const started = performance.now();
    const { pages, parts, reused } = buildSearchIndex(outDir);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(indexSummary(pages, parts, reused, seconds));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
