/**
 * Initiatives are independent until the cross-file rules: large trees are
 * split across threads, one per core: the calling thread checks the first
 * batch itself while worker threads check the others (it would otherwise
 * wait idle, and each worker first spends a fifth of a second loading the
 * rules). Small runs stay in the calling thread, where starting workers would
 * cost more than it saves.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { error } from '../lib/problems.ts';
import { checkInitiativeFile } from './check-file.ts';
import type { FileReport, InitiativeFacts } from './types.ts';

export interface InitiativeResult {
  report: FileReport;
  facts: InitiativeFacts;
  fixed: boolean;
}

const WORKER_THRESHOLD = 400;

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

function runWorker(root: string, paths: string[], fix: boolean): Promise<InitiativeResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), {
      workerData: { root, paths, fix },
    });
    worker.once('message', (results: (InitiativeResult | undefined)[]) => {
      resolve(results.map((result, index) => result ?? failed(paths[index] as string)));
    });
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
 * Split the paths into `count` batches: the first is checked in this thread,
 * each other one in a worker thread; rejects if a worker fails.
 */
export async function checkInWorkers(
  root: string,
  paths: readonly string[],
  fix: boolean,
  count: number,
): Promise<InitiativeResult[]> {
  const size = Math.ceil(paths.length / count);
  const batches: string[][] = [];
  for (let start = 0; start < paths.length; start += size) {
    batches.push(paths.slice(start, start + size));
  }
  const [own = [], ...others] = batches;
  // Started first, so that the workers load and run while this thread checks its own batch.
  const pending = Promise.all(others.map((batch) => runWorker(root, batch, fix)));
  // Rejections are handled by the await below; this only keeps the runtime from reporting one early.
  pending.catch(() => undefined);
  const mine = checkInline(root, own, fix);
  const results = await pending;
  return [mine, ...results].flat();
}
