/**
 * `npm run bench:build`: how does the public site scale?
 * Generates 1,000 and 10,000 synthetic initiatives (the validator bench's
 * generator), builds the real site from a temporary copy of the project by running
 * `npm run build`'s script (validator, astro build with its heap cap and the Pagefind index, or
 * the shards of a large archive side by side) and prints build time, CPU time (steadier than
 * wall time on a shared machine), pages per second and peak memory (the sum over the processes
 * alive at once); it also builds the same Markdown with a bare Astro project
 * (minimal config, one page per entry) as the yardstick: the site should stay
 * within 1.5× of it. Figures are printed, not asserted. The CMS (`/admin`) is
 * left out of the copy: its bundle costs the same whatever the number of entries.
 */

import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { formatNumber } from '../../src/core/numbers.ts';
import { collections, globOf, placeOf } from '../../src/model/collections.ts';
import { copyProject } from '../build/project-copy.ts';
import { serveStatic } from '../build/static-server.ts';
import { isMain } from '../lib/cli.ts';
import { firstSearchBytes } from './budgets.ts';
import { runTree, type TreeRun } from './process-tree.ts';
import { makeTree } from './validate.ts';

const ROOT = join(import.meta.dirname, '../..');

export interface Timed {
  seconds: number;
  /** CPU time of the process and its children, all threads (user + system). */
  cpuSeconds?: number;
  maxRssMb?: number;
  /** What the command printed. */
  output?: string;
  /** Stopped at its time limit (options.limitSeconds) before it finished. */
  stopped?: boolean;
}

interface Run extends Timed {
  pages: number;
}

const TIME = '/usr/bin/time';
/** coreutils' timeout: stops the command and every process it started (its process group). */
const TIMEOUT = '/usr/bin/timeout';
/** `timeout`'s exit status when it stopped the command (137: killed after the grace period). */
const TIMED_OUT = new Set([124, 137]);

/**
 * Astro prints a line per page: 50,000 pages are about 3 MB, past spawnSync's 1 MB default, at
 * which the build is killed mid-way with nothing on stderr.
 */
const OUTPUT_LIMIT = 1024 * 1024 * 1024;

/**
 * Runs a command; peak memory (RSS) through GNU time when the machine has it. With
 * `limitSeconds`, a command still running then is stopped and the result says so (`stopped`),
 * with what it cost until then.
 */
export function timed(
  command: string,
  args: string[],
  cwd: string,
  extraEnv: NodeJS.ProcessEnv = {},
  options: { limitSeconds?: number } = {},
): Timed {
  const limit = options.limitSeconds;
  if (limit !== undefined && !existsSync(TIMEOUT)) {
    throw new Error(`Cần lệnh ${TIMEOUT} (coreutils) để dừng một lần dựng quá ${limit} s.`);
  }
  const inner: [string, string[]] =
    limit === undefined
      ? [command, args]
      : [TIMEOUT, ['-k', '30', String(limit), command, ...args]];
  const [program, programArgs]: [string, string[]] = existsSync(TIME)
    ? [TIME, ['-f', 'MAXRSS %M CPU %U %S', inner[0], ...inner[1]]]
    : inner;
  const started = performance.now();
  const run = spawnSync(program, programArgs, {
    cwd,
    encoding: 'utf8',
    env: { ...buildEnv(cwd), ...extraEnv },
    maxBuffer: OUTPUT_LIMIT,
  });
  const seconds = (performance.now() - started) / 1000;
  const stopped = limit !== undefined && TIMED_OUT.has(run.status ?? -1);
  if ((run.status !== 0 && !stopped) || run.error) {
    throw new Error(
      `Lệnh thất bại (${args.join(' ')}${run.error ? `; ${run.error.message}` : ''}):\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-4000)}`,
    );
  }
  const figures = /MAXRSS (\d+) CPU ([\d.]+) ([\d.]+)/.exec(run.stderr);
  return {
    seconds,
    cpuSeconds: figures ? Number(figures[2]) + Number(figures[3]) : undefined,
    maxRssMb: figures ? Number(figures[1]) / 1024 : undefined,
    output: run.stdout,
    ...(stopped ? { stopped } : {}),
  };
}

/**
 * Each copy keeps its own caches (Astro's is in the copy already): the first build of a run is a
 * first build, even when an earlier run indexed the same generated pages.
 */
function buildEnv(cwd: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    BASE_PATH: '/',
    SITE_URL: '',
    KHO_INDEX_CACHE: join(cwd, '.kho-index-cache'),
  };
}

function countPages(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) =>
    name.endsWith('.html'),
  ).length;
}

/**
 * The site exactly as `npm run build` builds it (validator, then one astro build and its index,
 * or the shards of a large archive side by side), its memory summed over every process.
 */
async function siteBuild(root: string): Promise<TreeRun & { pages: number }> {
  const run = await runTree(process.execPath, [join(ROOT, 'scripts/build/site.ts')], {
    cwd: root,
    env: buildEnv(root),
  });
  return { ...run, pages: countPages(join(root, 'dist')) };
}

/**
 * Longest a bare build may run, in seconds (KHO_BENCH_BARE_LIMIT): the bare build of 50,000
 * entries took 346–416 s on a quiet machine and over 31 minutes on a busy one, which held the
 * whole run back. Stopped, it is reported as such, and the ratio as an upper bound.
 */
export function bareLimitSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.KHO_BENCH_BARE_LIMIT;
  if (text === undefined || text === '') return 900;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`KHO_BENCH_BARE_LIMIT phải là số giây nguyên dương (nhận được "${text}").`);
  }
  return value;
}

/** The yardstick: Astro as installed, default options. */
function bareBuild(root: string, limitSeconds: number): Run {
  const astro = join(ROOT, 'node_modules/astro/bin/astro.mjs');
  const result = timed(process.execPath, [astro, 'build'], root, {}, { limitSeconds });
  const dist = join(root, 'dist');
  return { ...result, pages: existsSync(dist) ? countPages(dist) : 0 };
}

/** The bare build's line: its figures, or how far it got before it was stopped. */
function bareLine(bare: Run, limitSeconds: number): string {
  const memory = `bộ nhớ đỉnh ${mb(bare.maxRssMb)}`;
  if (bare.stopped) {
    return `  Astro trần:  chưa xong sau ${formatNumber(limitSeconds, 0)} s, đã dừng (KHO_BENCH_BARE_LIMIT)${cpu(bare.cpuSeconds)}; ${formatNumber(bare.pages, 0)} trang đã ghi; ${memory}`;
  }
  return `  Astro trần:  ${formatNumber(bare.seconds, 1)} s${cpu(bare.cpuSeconds)}; ${formatNumber(bare.pages, 0)} trang, ${formatNumber(bare.pages / bare.seconds, 0)} trang/s; ${memory}`;
}

/** The site's time over the bare build's: a bound only, when the bare build was stopped. */
function ratioLine(site: TreeRun, bare: Run): string {
  const ratio = formatNumber(site.seconds / bare.seconds, 2);
  const shown = bare.stopped ? `dưới ${ratio}× (Astro trần chưa xong)` : `${ratio}×`;
  const byCpu = bare.stopped ? '' : cpuRatio(site, bare);
  return `  Tỷ lệ thời gian (trang web cả chỉ mục / Astro trần): ${shown} (mục tiêu ≤ 1,5×)${byCpu}; tải trung bình lúc xong: ${load()}`;
}

function linkNodeModules(root: string): void {
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
}

/**
 * The generator's attachments are only PNG signatures; Astro's image pipeline (in the bare
 * build) reads their dimensions, so they become real 1×1 images.
 */
async function realImages(tree: string): Promise<void> {
  const png = await sharp({
    create: { width: 1, height: 1, channels: 3, background: '#ffffff' },
  })
    .png()
    .toBuffer();
  const folder = join(tree, collections.initiatives.folder);
  for (const name of readdirSync(folder)) {
    const file = join(folder, name, 'so-do.png');
    if (existsSync(file)) writeFileSync(file, png);
  }
}

/** A bare Astro project over the same Markdown files: one page per entry, nothing else. */
function bareProject(tree: string): string {
  const root = `${tree}-bare`;
  mkdirSync(join(root, 'src/pages'), { recursive: true });
  symlinkSync(join(tree, 'content'), join(root, 'content'), 'dir');
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  // The pass-through image service copies images as they are, like the site does.
  writeFileSync(
    join(root, 'astro.config.mjs'),
    "import { defineConfig, passthroughImageService } from 'astro/config';\nexport default defineConfig({ cacheDir: './.astro-cache', image: { service: passthroughImageService() } });\n",
  );
  writeFileSync(
    join(root, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';\nimport { glob } from 'astro/loaders';\nexport const collections = { initiatives: defineCollection({ loader: glob({ base: './${collections.initiatives.folder}', pattern: '${globOf(collections.initiatives)}' }) }) };\n`,
  );
  writeFileSync(
    join(root, 'src/pages/[id].astro'),
    '---\nimport { getCollection, render } from \'astro:content\';\nexport async function getStaticPaths() {\n  return (await getCollection(\'initiatives\')).map((entry) => ({ params: { id: entry.id }, props: { entry } }));\n}\nconst { entry } = Astro.props;\nconst { Content } = await render(entry);\n---\n<html lang="vi"><head><meta charset="utf-8" /><title>{String(entry.data.title)}</title></head><body><h1>{String(entry.data.title)}</h1><Content /></body></html>\n',
  );
  linkNodeModules(root);
  return root;
}

export const cpu = (value: number | undefined) =>
  value === undefined ? '' : ` (CPU ${formatNumber(value, 1)} s)`;

export const mb = (value: number | undefined) =>
  value === undefined ? 'không đo được (thiếu GNU time)' : `${formatNumber(value, 0)} MB`;

/** A phrase in many titles and fields, a word with `đ`, a title phrase typed without marks. */
const SEARCH_QUERIES = ['dich vu cong truc tuyen', 'dat dai', 'ho so ho tich'];

/** kB sent for a fresh visit to the search page and a first query, in Chromium, per query. */
async function firstSearches(outDir: string): Promise<[string, number][]> {
  const server = await serveStatic(outDir, '/');
  try {
    const sizes: [string, number][] = [];
    for (const query of SEARCH_QUERIES) {
      sizes.push([query, (await firstSearchBytes(server, query)) / 1024]);
    }
    return sizes;
  } finally {
    await server.close();
  }
}

/** The heaviest HTML page of a built site, gzipped. */
function largestPage(outDir: string): { path: string; kb: number } {
  let largest = { path: '', kb: 0 };
  for (const name of readdirSync(outDir, { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith('.html')) continue;
    const kb = gzipSync(readFileSync(join(outDir, name))).length / 1024;
    if (kb > largest.kb) largest = { path: name, kb };
  }
  return largest;
}

/** One entry's summary changed, as an author's correction would: then the same build again. */
function changeOneEntry(tree: string): void {
  const file = join(tree, placeOf(collections.initiatives, 'sang-kien-00000'), 'index.md');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace(/^summary: (.*)$/m, 'summary: Bản tóm tắt đã sửa. $1'));
}

export const load = () =>
  loadavg()
    .map((value) => formatNumber(value, 1))
    .join(' / ');

function cpuRatio(site: TreeRun, bare: Timed): string {
  if (site.cpuSeconds === undefined || !bare.cpuSeconds) return '';
  return `; theo thời gian CPU: ${formatNumber(site.cpuSeconds / bare.cpuSeconds, 1)}×`;
}

/** How the build went: one process, or how many shards (what site.ts printed). */
function buildShape(site: TreeRun): string {
  const shards = /dựng (\d+) phần/.exec(site.output)?.[1];
  return shards ? `${shards} phần, ${availableParallelism()} cùng lúc` : 'một tiến trình Astro';
}

async function main(): Promise<void> {
  process.stdout.write(
    `Đo thời gian dựng trang web — Node ${process.versions.node}, ${availableParallelism()} nhân (${cpus()[0]?.model ?? 'không rõ'})\n`,
  );
  const cleanup: string[] = [];
  // A wrong limit is said before the long steps.
  const limit = bareLimitSeconds();
  try {
    // `npm run bench:build -- 10000` measures one size only.
    const counts = process.argv
      .slice(2)
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);
    for (const count of counts.length > 0 ? counts : [1_000, 10_000]) {
      const tree = makeTree(count);
      await realImages(tree);
      cleanup.push(tree, `${tree}-bare`);
      copyProject(tree);
      const say = (line: string) => process.stdout.write(`${line}\n`);
      // Each figure as soon as it is measured: a long run on a busy machine still reports.
      say(
        `\n${formatNumber(count, 0)} sáng kiến (tải trung bình 1/5/15 phút lúc bắt đầu: ${load()})`,
      );
      // Side by side in one run: the bare build right before the site's, on the same files.
      const bare = bareBuild(bareProject(tree), limit);
      say(bareLine(bare, limit));
      const site = await siteBuild(tree);
      say(
        `  Trang web (npm run build: ${buildShape(site)}): ${formatNumber(site.seconds, 1)} s${cpu(site.cpuSeconds)}; ${formatNumber(site.pages, 0)} trang, ${formatNumber(site.pages / site.seconds, 0)} trang/s; bộ nhớ đỉnh ${mb(site.peakTreeMb)} (mọi tiến trình cùng lúc; tiến trình lớn nhất ${mb(site.peakProcessMb)})`,
      );
      say(ratioLine(site, bare));
      const largest = largestPage(join(tree, 'dist'));
      say(
        `  Trang HTML nặng nhất: ${largest.path} ${formatNumber(largest.kb, 1)} kB gzip (giới hạn 100 kB)`,
      );
      for (const [query, kb] of await firstSearches(join(tree, 'dist'))) {
        say(
          `  Lần tìm kiếm đầu “${query}” (kể cả trang tìm kiếm): ${formatNumber(kb, 1)} kB (ngân sách 150 kB)`,
        );
      }
      changeOneEntry(tree);
      const again = await siteBuild(tree);
      say(
        `  Dựng lại sau khi sửa một bài: ${formatNumber(again.seconds, 1)} s${cpu(again.cpuSeconds)} (mục tiêu ≤ 10 s ở 10.000 bài); bộ nhớ đỉnh ${mb(again.peakTreeMb)}`,
      );
    }
  } finally {
    for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta)) await main();
