/** Worker thread: checks the chunks it claims from the shared counter and posts the results back. */
import { parentPort, workerData } from 'node:worker_threads';
import { checkInitiativeFile } from './check-file.ts';
import { claimChunks, type InitiativeResult } from './pool.ts';

interface Job {
  root: string;
  paths: string[];
  fix: boolean;
  next: Int32Array;
  chunk: number;
}

const job = workerData as Job;
const claimed: [number, InitiativeResult | undefined][] = [];
claimChunks(
  job.next,
  job.paths.length,
  (index) => {
    try {
      claimed.push([index, checkInitiativeFile(job.root, job.paths[index] as string, job.fix)]);
    } catch {
      claimed.push([index, undefined]);
    }
  },
  job.chunk,
);
parentPort?.postMessage(claimed);
