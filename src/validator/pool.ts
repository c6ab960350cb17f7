/**
 * Initiatives are independent until the cross-file rules: large trees are
 * shared among threads, one per core. The calling thread checks entries too
 * (it would otherwise wait idle), and every thread takes the next small chunk
 * from a shared counter, so that a worker still loading the rules (a fifth of
 * a second) or a slower core leaves no thread waiting for another at the end.
 * Small runs stay in the calling thread, where starting workers would cost
 * more than it saves.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { error } from '../model/problems.ts';
import { checkInitiativeFile } from './check-file.ts';
import type { FileReport, InitiativeFacts } from './types.ts';

export interface InitiativeResult {
  report: FileReport;
  facts: InitiativeFacts;
  fixed: boolean;
}

// A worker costs about a quarter of a second to load the rules: fewer entries check faster in one thread.
const WORKER_THRESHOLD = 1500;

function failed(path: string): InitiativeResult {
  return {
    report: {
      path,
      ok: false,
      problems: [error('internal', 'Lỗi không mong đợi khi kiểm tra tệp này.')],
    },
    facts: {
      slug: path.split('/').at(-2) ?? '',
      path,
      authorNames: [],
      personUnits: [],
      adaptedFrom: [],
      lines: {},
    },
    fixed: false,
  };
}

function checkInline(root: string, paths: readonly string[], fix: boolean): InitiativeResult[] {
  return paths.map((path) => {
    try {
      return checkInitiativeFile(root, path, fix);
    } catch {
      return failed(path);
    }
  });
}

/** Entries claimed at a time from the shared counter. */
export const CHUNK = 64;

/**
 * Check the chunks this thread claims from the shared counter until none is
 * left; `check` is called with each claimed index.
 */
export function claimChunks(
  next: Int32Array,
  total: number,
  check: (index: number) => void,
  chunk = CHUNK,
): void {
  for (;;) {
    const start = Atomics.add(next, 0, chunk);
    if (start >= total) return;
    const end = Math.min(start + chunk, total);
    for (let index = start; index < end; index += 1) check(index);
  }
}

type Claimed = [index: number, result: InitiativeResult | undefined][];

function runWorker(
  root: string,
  paths: readonly string[],
  fix: boolean,
  next: Int32Array,
  chunk: number,
): Promise<Claimed> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), {
      workerData: { root, paths, fix, next, chunk },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`worker exited with ${code}`));
    });
  });
}

export async function checkInitiatives(
  root: string,
  paths: readonly string[],
  fix: boolean,
  workers?: number,
): Promise<InitiativeResult[]> {
  const count =
    workers ?? (paths.length >= WORKER_THRESHOLD ? Math.min(availableParallelism(), 8) : 1);
  if (count <= 1 || paths.length < 2) return checkInline(root, paths, fix);
  try {
    return await checkInWorkers(root, paths, fix, count);
  } catch {
    // Workers unavailable (a restricted runtime): the same checks in this thread.
    return checkInline(root, paths, fix);
  }
}

/**
 * Check the paths in this thread and `count − 1` worker threads, each taking
 * the next chunk as it goes; rejects if a worker fails. `callerChecks: false`
 * leaves every entry to the workers (tests use it to see their results).
 */
export async function checkInWorkers(
  root: string,
  paths: readonly string[],
  fix: boolean,
  count: number,
  options: { chunk?: number; callerChecks?: boolean } = {},
): Promise<InitiativeResult[]> {
  const chunk = options.chunk ?? CHUNK;
  const callerChecks = options.callerChecks ?? true;
  const next = new Int32Array(new SharedArrayBuffer(4));
  const workers = callerChecks ? count - 1 : Math.max(count, 1);
  // Started first, so that the workers load while this thread already checks.
  const pending = Promise.all(
    Array.from({ length: workers }, () => runWorker(root, paths, fix, next, chunk)),
  );
  // Rejections are handled by the await below; this only keeps the runtime from reporting one early.
  pending.catch(() => undefined);
  const results: (InitiativeResult | undefined)[] = new Array(paths.length);
  if (callerChecks) {
    claimChunks(
      next,
      paths.length,
      (index) => {
        const path = paths[index] as string;
        try {
          results[index] = checkInitiativeFile(root, path, fix);
        } catch {
          results[index] = failed(path);
        }
      },
      chunk,
    );
  }
  for (const claimed of await pending) {
    for (const [index, result] of claimed) {
      results[index] = result ?? failed(paths[index] as string);
    }
  }
  return results.map((result, index) => result ?? failed(paths[index] as string));
}
