/**
 * The shards of a build run on this machine (`npm run build` of a large archive, and the `all`
 * command of shards.ts): each shard's `astro build` and search index in processes of their own,
 * `jobs` at a time, then the merge (shards.ts). This module is what the build's coordinator holds
 * while the shards run, so it loads nothing of the content model, the validator or the search
 * index: those went into the coordinator at about 60 MB, beside the two Astro processes that make
 * the build's peak of memory. The merge's code is loaded once the shards are done.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { SHARD_VARIABLE, SHARED_SHARD, SNAPSHOT_VARIABLE } from '../../src/lib/shard.ts';
import { astroBuildCommand, astroBuildEnv } from './astro-command.ts';
import type { MergeResult } from './shards.ts';

/** shards.ts, whose commands prepare a build and index a shard in processes of their own. */
const SHARDS_SCRIPT = join(import.meta.dirname, 'shards.ts');

/**
 * `0`: no copy of every page for Astro's incremental build (astro.config.mjs). A local build of a
 * large archive is rebuilt by patches (patch.ts); the copies cost about 5 s of CPU per 10,000
 * pages, and a full build after a change a patch cannot cover (a unit, a campaign, an initiative
 * added) changes the key of nearly every page anyway.
 */
export const PAGE_CACHE_VARIABLE = 'KHO_PAGE_CACHE';

/**
 * The shards of a build on one machine running `jobs` at once. When every other shard runs in the
 * first round, the shared pages go with the last one (the remainder group, or a slice) instead of
 * an `astro build` of their own, which would pay Astro's start (Vite, the content sync, the
 * catalog) once more and leave a core idle behind it; the combined shard comes first, being the
 * longest. With more rounds, the shared pages build alone: combined, they made the heaviest
 * process heavier still (at 50,000 initiatives, two at once peaked at 2,017 MB; alone, 1,865 MB,
 * and no slower). A matrix keeps the plan as it is: there, the longest job sets the time.
 */
export function foldShared(shards: readonly string[], jobs = Number.POSITIVE_INFINITY): string[] {
  if (shards[0] !== SHARED_SHARD || shards.length < 3 || shards.length - 1 > jobs) {
    return [...shards];
  }
  return [`${SHARED_SHARD},${shards[shards.length - 1]}`, ...shards.slice(1, -1)];
}

/**
 * prepareShards in a process of its own, which ends before the shards start: reading the whole
 * archive is the heaviest step of all (1 GB of heap at 50,000 initiatives), and the parent
 * process lives on beside the shards.
 */
function prepareShardsProcess(
  root: string,
  file: string,
  size: number | undefined,
  env: NodeJS.ProcessEnv,
): string[] {
  const run = spawnSync(
    process.execPath,
    [SHARDS_SCRIPT, 'prepare', file, ...(size === undefined ? [] : [String(size)])],
    { cwd: root, env, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 },
  );
  if (run.status !== 0) {
    throw new Error(
      run.stderr.trim() || run.error?.message || 'Không chuẩn bị được các phần dựng.',
    );
  }
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '[]') as string[];
}

/** The end of a child's output, kept for its error message. */
function tail(text: string, chunk: Buffer): string {
  return (text + chunk.toString('utf8')).slice(-4000);
}

/** A child process whose end is awaited, with the end of its output for the error message. */
function runChild(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
  running: Set<ChildProcess>,
  failure: (output: string, status: string) => string,
): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    // Kept apart: Astro writes the error to stderr, and may go on listing pages on stdout after it.
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output = tail(output, chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      errors = tail(errors, chunk);
    });
    child.on('error', fail);
    child.on('close', (code, signal) => {
      running.delete(child);
      if (code === 0) done();
      else fail(new Error(failure(errors.trim() || output.trim(), String(code ?? signal))));
    });
  });
}

/**
 * One shard's build as `shards.ts build` makes it, in processes of their own so that the parent's
 * event loop never holds up a sibling (a shard's Pagefind runs while another's Astro does): its
 * `astro build` started from here, then `shards.ts index` for its search index. A process waiting
 * for Astro held 120 MB, beside each shard, for nothing.
 */
async function buildShardProcess(
  root: string,
  shard: string,
  dir: string,
  env: NodeJS.ProcessEnv,
  running: Set<ChildProcess>,
): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  const [command, args] = astroBuildCommand(root, ['--outDir', resolve(dir)]);
  await runChild(
    command,
    args,
    { cwd: root, env: astroBuildEnv({ ...env, [SHARD_VARIABLE]: shard }) },
    running,
    (output, status) => `Không dựng được phần "${shard}" (${status}):\n${output}`,
  );
  await runChild(
    process.execPath,
    [SHARDS_SCRIPT, 'index', dir],
    { cwd: root, env },
    running,
    (output, status) => output || `Không lập được chỉ mục của phần "${shard}" (${status}).`,
  );
}

/**
 * Deletes the last build's output while the shards build, moved aside into `work` first. At
 * 50,000 initiatives its 110,000 files took the merge 60–70 s to delete, spent waiting on the
 * disk with both cores idle; beside the shards' Astro builds, which wait on nothing, it costs
 * them next to no time. As with `astro build`, which empties its outDir before it starts, a
 * build that fails leaves no output. An output holding the work folder is left to the merge.
 */
async function clearOutput(out: string, work: string): Promise<void> {
  const target = resolve(out);
  const within = relative(target, work);
  if (!existsSync(target) || within === '' || !within.startsWith('..')) return;
  let aside = join(work, 'dist-cu');
  try {
    mkdirSync(work, { recursive: true });
    renameSync(target, aside);
  } catch {
    // Another file system, say: deleted where it is.
    aside = target;
  }
  // In a process of its own, one file after another: fs.promises.rm starts on every folder at once,
  // which held 190 MB more for an output of 50,000 pages, beside the shards' Astro builds.
  await new Promise<void>((done, fail) => {
    // rm holds 2 MB where a Node process holds 90.
    const [command, args] =
      process.platform === 'win32'
        ? [process.execPath, ['-e', DELETE_FOLDER, aside]]
        : ['rm', ['-rf', '--', aside]];
    const child = spawn(command, args, { stdio: 'ignore' });
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0
        ? done()
        : fail(new Error(`Không xoá được thư mục ra của lần dựng trước (${aside}).`)),
    );
  });
}

const DELETE_FOLDER =
  "require('node:fs').rmSync(process.argv[1], { recursive: true, force: true })";

/** Shards built at once on this machine (`KHO_JOBS`): a number, else one per core. */
export const JOBS_VARIABLE = 'KHO_JOBS';

/**
 * Shards built at once on this machine: `KHO_JOBS`, else one per core (Astro renders pages in one
 * thread). At 50,000 initiatives a slice's Astro holds about 750 MB, the shared pages' up to 1 GB:
 * `KHO_JOBS=1` builds them one after another, in about that much memory and more time.
 */
export function localJobs(env: NodeJS.ProcessEnv = process.env): number {
  const value = env[JOBS_VARIABLE]?.trim();
  if (!value) return Math.max(1, availableParallelism());
  if (!/^[1-9]\d*$/.test(value)) {
    throw new Error(
      `${JOBS_VARIABLE}="${value}" không hợp lệ: cần số phần dựng cùng lúc, một số nguyên dương.`,
    );
  }
  return Number(value);
}

/**
 * Every shard under `work`, `jobs` at a time (the shared pages' shard first: it is the longest),
 * merged into `out` with their search indexes.
 */
export async function buildSharded(
  root: string,
  out: string,
  options: {
    work?: string;
    env?: NodeJS.ProcessEnv;
    shardSize?: number;
    jobs?: number;
    /** Leave the shards' folders in `work` (the tests look inside). */
    keepWork?: boolean;
    /** The snapshot and shards of a validation already made (patch.ts: planBuild). */
    prepared?: { snapshot: string; shards: string[] };
    /**
     * As `npm run build` on one machine: the shared pages with the last shard when all fit in one
     * round of `jobs` (foldShared), and
     * no copy of every page for Astro's incremental build (PAGE_CACHE_VARIABLE).
     */
    local?: boolean;
  } = {},
): Promise<{ shards: string[]; dirs: string[] } & MergeResult> {
  const work = resolve(root, options.work ?? join('.tmp', 'shards'));
  const inside = relative(resolve(root), work);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    // Astro puts a build's server files in <root>/.astro/ when its outDir lies outside the
    // project: shards built at once there overwrite each other's.
    throw new Error(
      `Thư mục làm việc của các phần dựng (${work}) phải nằm bên trong dự án (${resolve(root)}).`,
    );
  }
  const snapshot = options.prepared?.snapshot ?? join(work, 'danh-muc.v8');
  const planned =
    options.prepared?.shards ??
    prepareShardsProcess(root, snapshot, options.shardSize, options.env ?? process.env);
  const shards = options.local ? foldShared(planned, options.jobs ?? localJobs()) : planned;
  const dirs = shards.map((_, index) => join(work, `phan-${index + 1}`));
  const env = {
    ...(options.env ?? process.env),
    [SNAPSHOT_VARIABLE]: snapshot,
    ...(options.local ? { [PAGE_CACHE_VARIABLE]: '0' } : {}),
  };
  const running = new Set<ChildProcess>();
  let next = 0;
  // The shard that failed first: the others, stopped because of it, fail too, but say nothing.
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < shards.length && !failure) {
      const index = next++;
      try {
        await buildShardProcess(root, shards[index] as string, dirs[index] as string, env, running);
      } catch (error) {
        stop(error);
      }
    }
  };
  const stop = (error: unknown) => {
    if (failure) return;
    // One failed shard fails the build: stop the others rather than let them finish.
    failure = { error };
    for (const child of running) child.kill();
  };
  const cleared = clearOutput(out, work).catch(stop);
  const jobs = Math.max(1, Math.min(options.jobs ?? localJobs(), shards.length));
  await Promise.all([cleared, ...Array.from({ length: jobs }, worker)]);
  if (failure) throw failure.error;
  // Loaded now, with the search index's and the headers' code: not beside the shards' builds.
  const { mergeShards } = await import('./shards.ts');
  const merged = mergeShards(dirs, out, { move: !options.keepWork });
  if (!options.keepWork) rmSync(work, { recursive: true, force: true });
  return { shards, dirs, ...merged };
}
