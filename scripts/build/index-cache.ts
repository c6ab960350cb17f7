/**
 * Pagefind bundles kept between builds, by what they were made from: a part of the search index
 * (search-index.ts) whose pages, as the indexer reads them, are the same as in an earlier build
 * is copied from that build instead of indexed again. After one changed initiative, only the
 * part holding it is indexed.
 *
 * The key is a digest of the Pagefind version, its options, and the path and staged text of every
 * page of the part, in order: the bundle is a function of exactly these, so a hit is the bundle
 * Pagefind would write. Kept in node_modules/.cache/kho-pagefind/<key>/, shared by every build
 * of every copy that uses this node_modules; bundles unused for two weeks are removed.
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from './astro-command.ts';

/** The cache's folder; KHO_INDEX_CACHE moves it (the build benchmark measures a first build). */
const cacheFolder = (): string =>
  process.env.KHO_INDEX_CACHE || join(projectRoot, 'node_modules/.cache/kho-pagefind');
const UNUSED_FOR_MS = 14 * 86_400_000;
/** Written into a cached bundle: how many pages Pagefind said it indexed. */
const META = 'kho-indexed.json';

/** The package's own version: its `exports` do not include package.json, so read it by path. */
function pagefindVersion(): string {
  const entry = fileURLToPath(import.meta.resolve('pagefind'));
  return (
    JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
}

/** A part's key made one page at a time, so that the part's text is never held whole. */
export interface PartKey {
  add(page: string, html: string): void;
  digest(): string;
}

/** The key of a part: Pagefind's version and options, then each page's path and staged text. */
export function partKeyOf(options: readonly string[]): PartKey {
  const hash = createHash('sha256').update(`pagefind ${pagefindVersion()}\0${options.join('\0')}`);
  return {
    add: (page, html) => {
      hash.update(`\0${page}\0${html}`);
    },
    digest: () => hash.digest('hex').slice(0, 40),
  };
}

/** Copies the cached bundle of `key` to `target`; the pages it indexed, or undefined when absent. */
export function restoreBundle(key: string, target: string): number | undefined {
  const cached = join(cacheFolder(), key);
  if (!existsSync(join(cached, META))) return undefined;
  const pages = (JSON.parse(readFileSync(join(cached, META), 'utf8')) as { pages: number }).pages;
  rmSync(target, { recursive: true, force: true });
  cpSync(cached, target, { recursive: true, filter: (source) => !source.endsWith(META) });
  const now = new Date();
  utimesSync(join(cached, META), now, now);
  return pages;
}

/** Keeps a copy of a bundle just written under `key` (a copy being written elsewhere wins). */
export function storeBundle(key: string, bundle: string, pages: number): void {
  try {
    mkdirSync(cacheFolder(), { recursive: true });
    const target = join(cacheFolder(), key);
    if (existsSync(join(target, META))) return;
    const temporary = `${target}.${process.pid}.tmp`;
    rmSync(temporary, { recursive: true, force: true });
    cpSync(bundle, temporary, { recursive: true });
    writeFileSync(join(temporary, META), JSON.stringify({ pages }));
    rmSync(target, { recursive: true, force: true });
    renameSync(temporary, target);
  } catch {
    // The cache only saves time: a build never fails for it.
  }
}

/**
 * Removes the bundles unused for two weeks: once a build is over (site.ts, shards.ts), never
 * between its parts. After a pause of two weeks every bundle looks unused until its part is
 * reached and copied; pruned while the first changed part was stored, the bundles of the parts
 * still to come were gone, and those parts were indexed again.
 */
export function pruneIndexCache(): void {
  if (!existsSync(cacheFolder())) return;
  for (const name of readdirSync(cacheFolder())) {
    const folder = join(cacheFolder(), name);
    try {
      const meta = join(folder, META);
      const used = existsSync(meta) ? statSync(meta).mtimeMs : statSync(folder).mtimeMs;
      if (Date.now() - used > UNUSED_FOR_MS) rmSync(folder, { recursive: true, force: true });
    } catch {
      // Another build removed it first.
    }
  }
}
