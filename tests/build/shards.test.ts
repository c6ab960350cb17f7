/**
 * A site built in shards (the shared pages, then one per campaign) and merged is the site built at once: the same
 * pages, byte for byte, and the same search, though each shard indexed its own pages and the
 * merge indexed nothing. Real astro builds of a small generated archive over two campaigns, real
 * Pagefind, searched in Node with the search page's own code.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTree } from '../../scripts/bench/validate.ts';
import { astroBuildCommand } from '../../scripts/build/astro-command.ts';
import { cleanEnv } from '../../scripts/build/build-site.ts';
import { copyProject } from '../../scripts/build/project-copy.ts';
import {
  buildSearchIndex,
  MIN_PART_SIZE,
  PART_SIZE,
  PARTS_MANIFEST,
  partSizeFor,
  planParts,
} from '../../scripts/build/search-index.ts';
import { buildSharded, foldShared, localJobs } from '../../scripts/build/shard-runner.ts';
import {
  mergeShards,
  planShards,
  SHARD_INDEX_DIR,
  shardIds,
  shardPartSize,
} from '../../scripts/build/shards.ts';
import { findPages, type Pagefind, RANKING } from '../../src/lib/pagefind-search.ts';
import { QUICK_DIR, QUICK_SOURCE, QuickIndex } from '../../src/lib/quick-search.ts';
import { SHARED_SHARD, sliceOf } from '../../src/lib/shard.ts';

let tree: string;
let single: string;
let merged: string;
let shards: string[] = [];
let shardDirs: string[] = [];
let bundles = 0;
/** Eight initiatives per shard: each of the two campaigns (12 initiatives) cut into two slices. */
const SHARD_SIZE = 8;

const env = () => ({
  ...cleanEnv(),
  ASTRO_TELEMETRY_DISABLED: '1',
  BASE_PATH: '/',
  SITE_URL: '',
  SOURCE_DATE_EPOCH: '1735689600',
});

beforeAll(async () => {
  tree = makeTree(24, { years: 2 });
  copyProject(tree);
  single = join(tree, 'dist-single');
  const [command, args] = astroBuildCommand(tree, ['--outDir', single]);
  const run = spawnSync(command, args, { cwd: tree, encoding: 'utf8', env: env() });
  if (run.status !== 0) throw new Error(`astro build thất bại:\n${run.stderr.slice(-4000)}`);
  buildSearchIndex(single);
  merged = join(tree, 'dist-merged');
  const sharded = await buildSharded(tree, merged, {
    env: env(),
    work: join(tree, 'shards'),
    shardSize: SHARD_SIZE,
    keepWork: true,
  });
  shards = sharded.shards;
  shardDirs = sharded.dirs;
  bundles = sharded.bundles;
}, 1_500_000);

afterAll(() => {
  if (tree) rmSync(tree, { recursive: true, force: true });
});

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/** Pagefind's bundles (`pagefind/`, `pagefind-2/`…) are the one part a sharded site has its own way. */
const isPagefind = (file: string) => /^pagefind(-\d+)?\//.test(file);

/** The page URLs of every fragment of a site's Pagefind bundles. */
function indexedUrls(site: string): string[] {
  const urls: string[] = [];
  for (const bundle of readdirSync(site).filter((name) => isPagefind(`${name}/`))) {
    for (const name of readdirSync(join(site, bundle, 'fragment'))) {
      // A fragment is gzipped `pagefind_dcd` followed by the page's JSON record.
      const text = gunzipSync(readFileSync(join(site, bundle, 'fragment', name))).toString();
      urls.push(JSON.parse(text.replace(/^pagefind_dcd/, '')).url);
    }
  }
  return urls.sort();
}

/**
 * Pagefind's script of a built site, loaded in Node and set up as the search page does (the
 * bundles of `kho-parts.json` merged in). It fetches its index by URL: `/<name>/…` is answered
 * from `site`.
 */
const servedSites = new Map<string, string>();
async function pagefindOf(name: string, site: string): Promise<Pagefind> {
  servedSites.set(name, site);
  globalThis.fetch = (async (input: string | URL) => {
    const [, first = '', ...rest] = new URL(String(input), 'http://localhost/').pathname.split('/');
    const root = servedSites.get(first);
    try {
      if (!root) throw new Error('not served');
      return new Response(readFileSync(join(root, ...rest)), { status: 200 });
    } catch {
      return new Response('', { status: 404 });
    }
  }) as typeof fetch;
  const module = (await import(
    pathToFileURL(join(site, 'pagefind', 'pagefind.js')).href
  )) as Pagefind;
  await module.options({ basePath: `/${name}/pagefind/`, baseUrl: '/', ranking: RANKING });
  await module.init();
  const parts = JSON.parse(readFileSync(join(site, PARTS_MANIFEST), 'utf8')) as string[];
  for (const part of parts) {
    await module.mergeIndex(`/${name}/${part}`, { baseUrl: '/', ranking: RANKING });
  }
  return module;
}

async function urlsFor(pagefind: Pagefind, typed: string): Promise<string[]> {
  const results = await findPages(pagefind, typed);
  return Promise.all(results.map(async (result) => (await result.data()).url));
}

describe('shardPartSize', () => {
  const partsOf = (pages: number, size?: number) =>
    planParts(Array.from({ length: pages }, String), shardPartSize(pages, size)).map(
      (part) => part.length,
    );

  test('one Pagefind part for a slice a little over the part size, as many as a whole build past that', () => {
    expect(partsOf(24)).toEqual([24]);
    expect(partsOf(PART_SIZE)).toEqual([PART_SIZE]);
    // A slice of ten of 50,000 initiatives (a shard of 5,000: two parts' worth): two parts.
    expect(partsOf(5_055)).toEqual([2_528, 2_527]);
    expect(partsOf(Math.floor(PART_SIZE * 1.1))).toHaveLength(1);
    expect(partsOf(Math.floor(PART_SIZE * 1.1) + 1)).toHaveLength(2);
    expect(partsOf(12_000)).toEqual([2_400, 2_400, 2_400, 2_400, 2_400]);
  });

  test('parts of about the part size of the whole archive, dealt evenly', () => {
    // A slice of 5,000 initiatives and its campaign's page, in an archive of 10,000.
    expect(partsOf(5_001, partSizeFor(10_002))).toEqual([1_001, 1_000, 1_000, 1_000, 1_000]);
    expect(partsOf(5_055, partSizeFor(50_010))).toEqual([2_528, 2_527]);
    expect(partsOf(5, 2)).toEqual([2, 2, 1]);
  });
});

describe('partSizeFor', () => {
  test('parts of 1,000 pages up to ten of them, then larger up to 2,500 each', () => {
    expect(partSizeFor(17)).toBe(MIN_PART_SIZE);
    expect(partSizeFor(10_000)).toBe(1_000);
    expect(partSizeFor(10_002)).toBe(1_001);
    expect(partSizeFor(20_000)).toBe(2_000);
    expect(partSizeFor(30_000)).toBe(PART_SIZE);
    expect(PART_SIZE).toBe(2_500);
    expect(partSizeFor(50_010)).toBe(PART_SIZE);
    expect(partSizeFor(500_000)).toBe(PART_SIZE);
  });
});

describe('localJobs', () => {
  test('KHO_JOBS shards at once, else one per core; anything but a positive integer is refused', () => {
    expect(localJobs({ KHO_JOBS: '1' })).toBe(1);
    expect(localJobs({ KHO_JOBS: ' 3 ' })).toBe(3);
    expect(localJobs({})).toBe(Math.max(1, availableParallelism()));
    for (const value of ['0', '-1', '1.5', 'hai', '2x']) {
      expect(() => localJobs({ KHO_JOBS: value })).toThrow(/KHO_JOBS=.* không hợp lệ/);
    }
  });
});

describe('planShards', () => {
  const sizes = new Map([
    ['2024-b', 3],
    ['2023-a', 4],
    ['2024-a', 0],
    ['2025-a', 9],
    ['2025-b', 2],
  ]);

  test('the shared pages, then whole campaigns in the order of their ids, up to the size', () => {
    // 4 + 0 + 3 initiatives fit in 8; 9 more do not.
    const plan = planShards(sizes, 8);
    expect(plan).toEqual([
      SHARED_SHARD,
      '2023-a,2024-a,2024-b',
      '2025-a#1/2',
      '2025-a#2/2',
      '2025-b',
    ]);
    expect(
      plan.slice(1).flatMap((shard) => shard.split(',').map((part) => part.replace(/#.*/, ''))),
    ).toEqual(['2023-a', '2024-a', '2024-b', '2025-a', '2025-a', '2025-b']);
  });

  test('a campaign larger than the size is cut into slices, a shard each', () => {
    expect(planShards(sizes, 3)).toEqual([
      SHARED_SHARD,
      '2023-a#1/2',
      '2023-a#2/2',
      '2024-a,2024-b',
      '2025-a#1/3',
      '2025-a#2/3',
      '2025-a#3/3',
      '2025-b',
    ]);
  });

  test('an archive that fits in one shard, or none at all: one build of everything', () => {
    expect(planShards(sizes, 100)).toEqual(['']);
    expect(planShards(new Map([['2024-a', 8]]), 8)).toEqual(['']);
    expect(planShards(new Map())).toEqual(['']);
  });

  test('on one machine, the shared pages ride with a slice only when every slice runs at once', () => {
    const plan = [SHARED_SHARD, 'a#1/3', 'a#2/3', 'a#3/3'];
    expect(foldShared(plan, 3)).toEqual([`${SHARED_SHARD},a#3/3`, 'a#1/3', 'a#2/3']);
    expect(foldShared(plan)).toEqual([`${SHARED_SHARD},a#3/3`, 'a#1/3', 'a#2/3']);
    // More rounds than one: the heaviest build stays the shared pages alone.
    expect(foldShared(plan, 2)).toEqual(plan);
    expect(foldShared([SHARED_SHARD, 'a'], 1)).toEqual([SHARED_SHARD, 'a']);
    expect(foldShared([''], 2)).toEqual(['']);
  });

  test('a size that is not a positive integer is refused', () => {
    expect(() => planShards(sizes, 0)).toThrow(/số nguyên dương/);
    expect(() => planShards(sizes, Number.NaN)).toThrow(/số nguyên dương/);
  });
});

describe('a sharded build', () => {
  test('splits by campaign, and a campaign larger than a shard into slices', () => {
    expect(shards).toEqual([
      SHARED_SHARD,
      '2023-tanh-linh#1/2',
      '2023-tanh-linh#2/2',
      '2024-tanh-linh#1/2',
      '2024-tanh-linh#2/2',
    ]);
    expect(shardIds(tree, SHARD_SIZE)).toEqual(shards);
    // The default size holds this small archive in one build.
    expect(shardIds(tree)).toEqual(['']);
  });

  test('the shared shard renders no initiative; a slice only its own, and no list', () => {
    const [shared, ...slices] = shardDirs.map(files) as [string[], ...string[][]];
    const initiativePage = /^sang-kien\/(sang-kien-\d+)\/index\.html$/;
    expect(shared.filter((file) => initiativePage.test(file))).toEqual([]);
    expect(shared.filter((file) => /^dot-phat-dong\/[^/]+\/index\.html$/.test(file))).toEqual([]);
    expect(
      shared.filter((file) => /^don-vi\/[^/]+\/index\.html$/.test(file)).length,
    ).toBeGreaterThan(0);
    expect(existsSync(join(shardDirs[0] as string, SHARD_INDEX_DIR))).toBe(false);
    // The documents of the whole archive: written by the shared shard alone.
    const archiveDocuments = (list: string[]) =>
      list.filter((file) => /^du-lieu\/[^/]+\.(json|csv)$/.test(file) || file === QUICK_SOURCE);
    expect(archiveDocuments(shared).sort()).toEqual([
      'du-lieu/initiative-names.json',
      'du-lieu/initiatives.csv',
      'du-lieu/initiatives.json',
      'du-lieu/initiatives.schema.json',
      QUICK_SOURCE,
    ]);
    for (const own of slices) expect(archiveDocuments(own)).toEqual([]);
    const seen: string[] = [];
    slices.forEach((own, index) => {
      const [, campaign = '', slice = ''] =
        /^(.+)#(\d+)\/2$/.exec(shards[index + 1] as string) ?? [];
      const pages = own.filter((file) => initiativePage.test(file));
      expect(pages.length).toBeGreaterThan(0);
      for (const page of pages) {
        const id = initiativePage.exec(page)?.[1] as string;
        expect(sliceOf(id, 2)).toBe(Number(slice));
        const html = readFileSync(join(shardDirs[index + 1] as string, page), 'utf8');
        expect(html).toContain(`/dot-phat-dong/${campaign}/`);
        seen.push(id);
      }
      // Its campaign's page in its first slice; no later list page, no unit or organiser page.
      expect(own.filter((file) => /^dot-phat-dong\/[^/]+\//.test(file))).toEqual(
        slice === '1' ? [`dot-phat-dong/${campaign}/index.html`] : [],
      );
      expect(own.filter((file) => /(^|\/)trang-\d+\//.test(file))).toEqual([]);
      expect(own.filter((file) => /^(don-vi|co-quan-to-chuc)\/[^/]+\//.test(file))).toEqual([]);
    });
    // Every initiative in exactly one slice.
    expect(seen.sort()).toEqual([...new Set(seen)].sort());
    expect(seen).toHaveLength(24);
  });

  test('merges into the same pages as the single build, byte for byte', () => {
    const expected = files(single).filter((file) => !isPagefind(file));
    expect(
      expected.filter((file) => /^sang-kien\/sang-kien-\d+\/index\.html$/.test(file)),
    ).toHaveLength(24);
    const found = files(merged);
    expect(found.filter((file) => !isPagefind(file))).toEqual(expected);
    const different = expected.filter(
      (file) => !readFileSync(join(single, file)).equals(readFileSync(join(merged, file))),
    );
    expect(different).toEqual([]);
    expect(found.some((file) => file.startsWith(SHARD_INDEX_DIR))).toBe(false);
  });

  test('merging by moving the shards’ files (npm run build) gives the same site as copying them', () => {
    const moved = join(tree, 'dist-moved');
    const copies = shardDirs.map((dir, index) => {
      const copy = join(tree, `moved-${index + 1}`);
      cpSync(dir, copy, { recursive: true });
      return copy;
    });
    mergeShards(copies, moved, { move: true });
    const expected = files(merged);
    expect(files(moved)).toEqual(expected);
    expect(
      expected.filter(
        (file) => !readFileSync(join(merged, file)).equals(readFileSync(join(moved, file))),
      ),
    ).toEqual([]);
    // Moved, not copied: the first shard keeps no page of its own.
    expect(files(copies[0] as string).filter((file) => file.endsWith('.html'))).toEqual([]);
  });

  test('with the shared pages folded into the last shard (npm run build), the same site and index', async () => {
    const folded = join(tree, 'dist-folded');
    // An earlier build's output, with a page this build does not make: it must not survive.
    mkdirSync(join(folded, 'trang-cu'), { recursive: true });
    writeFileSync(join(folded, 'trang-cu', 'index.html'), '<p>cũ</p>');
    const built = await buildSharded(tree, folded, {
      env: env(),
      work: join(tree, 'shards-folded'),
      shardSize: SHARD_SIZE,
      local: true,
      // Every slice at once: only then do the shared pages ride with one (foldShared).
      jobs: shards.length - 1,
    });
    // One Astro build fewer: the shared pages ride with the last slice, built first.
    expect(built.shards).toEqual([`${SHARED_SHARD},${shards.at(-1)}`, ...shards.slice(1, -1)]);
    const expected = files(merged);
    expect(files(folded).filter((file) => !isPagefind(file))).toEqual(
      expected.filter((file) => !isPagefind(file)),
    );
    const different = expected.filter(
      (file) =>
        !isPagefind(file) &&
        !readFileSync(join(merged, file)).equals(readFileSync(join(folded, file))),
    );
    expect(different).toEqual([]);
    expect(existsSync(join(folded, 'trang-cu'))).toBe(false);
    expect(indexedUrls(folded)).toEqual(indexedUrls(single));
  }, 900_000);

  test("each shard's own index becomes one bundle of the merged site; every page indexed once", () => {
    expect(bundles).toBe(4);
    expect(JSON.parse(readFileSync(join(merged, PARTS_MANIFEST), 'utf8'))).toEqual([
      'pagefind-2/',
      'pagefind-3/',
      'pagefind-4/',
    ]);
    expect(JSON.parse(readFileSync(join(single, PARTS_MANIFEST), 'utf8'))).toEqual([]);
    const urls = indexedUrls(merged);
    expect(urls).toHaveLength(24 + 2);
    expect(urls).toEqual(indexedUrls(single));
  });

  test('answers searches the same way: quick index and full text', async () => {
    const index = (dir: string) =>
      new QuickIndex(async (path) => {
        try {
          return readFileSync(join(dir, QUICK_DIR, path), 'utf8');
        } catch {
          return undefined;
        }
      });
    const [whole, parts] = [await pagefindOf('single', single), await pagefindOf('merged', merged)];
    let found = 0;
    for (const query of ['ho so', 'dang ky', 'xa duc phu', 'so hoa', 'dat dai', 'tanh linh']) {
      const [a, b] = await Promise.all([index(single).search(query), index(merged).search(query)]);
      expect(b).toEqual(a);
      // Pagefind scores each bundle with its own word statistics: the same pages are found,
      // in an order that may differ where two pages' scores are close.
      const [fullA, fullB] = await Promise.all([urlsFor(whole, query), urlsFor(parts, query)]);
      expect([...fullB].sort()).toEqual([...fullA].sort());
      found += fullA.length;
    }
    expect(found).toBeGreaterThan(0);
  });

  test('the shard that failed is reported, with its own error, not a sibling stopped for it', async () => {
    const work = join(tree, 'shards-failing');
    // A valid shard beside one that Astro refuses (a slice 0 of 1): the refusal stops the other.
    const failing = buildSharded(tree, join(tree, 'dist-failing'), {
      env: env(),
      work,
      jobs: 2,
      prepared: { snapshot: join(tree, 'shards', 'danh-muc.v8'), shards: [SHARED_SHARD, 'x#0/1'] },
    });
    const error = await failing.then(
      () => undefined,
      (reason: unknown) => reason as Error,
    );
    expect(error?.message).toContain('Không dựng được phần "x#0/1"');
    expect(error?.message).toContain('không phải một phần hợp lệ');
    expect(error?.message).not.toContain('SIGTERM');
  }, 600_000);

  test('a work folder outside the project is refused before anything is built', async () => {
    for (const work of [join(tmpdir(), 'kho-shards-elsewhere'), tree]) {
      await expect(buildSharded(tree, join(tree, 'dist-elsewhere'), { work })).rejects.toThrow(
        /phải nằm bên trong dự án/,
      );
    }
    expect(existsSync(join(tree, 'dist-elsewhere'))).toBe(false);
  });

  test('two shards built from different content are refused at the merge', () => {
    const first = join(tree, 'shards-a');
    const second = join(tree, 'shards-b');
    for (const [dir, text] of [
      [first, 'một'],
      [second, 'hai'],
    ] as const) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'index.html'), text);
    }
    expect(() => mergeShards([first, second], join(tree, 'shards-out'))).toThrow(/index\.html/);
  });

  test('a shard folder with searchable pages but no index, beside indexed ones, is refused at the merge', () => {
    const indexed = join(tree, 'shards-c');
    const bare = join(tree, 'shards-d');
    for (const dir of [indexed, bare]) {
      mkdirSync(join(dir, 'sang-kien', basename(dir)), { recursive: true });
      writeFileSync(join(dir, 'index.html'), 'trang chủ');
      writeFileSync(join(dir, 'sang-kien', basename(dir), 'index.html'), 'một sáng kiến');
    }
    mkdirSync(join(indexed, SHARD_INDEX_DIR, '1'), { recursive: true });
    writeFileSync(join(indexed, SHARD_INDEX_DIR, '1', 'pagefind-entry.json'), '{}');
    expect(() => mergeShards([indexed, bare], join(tree, 'shards-out-2'))).toThrow(/shards-d/);
    expect(existsSync(join(tree, 'shards-out-2', 'pagefind'))).toBe(false);
  });
});
