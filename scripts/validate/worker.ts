/** Worker thread: checks a batch of initiatives and posts the results back. */
import { parentPort, workerData } from 'node:worker_threads';
import { checkInitiativeFile } from './check-file.ts';

interface Job {
  root: string;
  paths: string[];
  fix: boolean;
}

const job = workerData as Job;
const results = job.paths.map((path) => {
  try {
    return checkInitiativeFile(job.root, path, job.fix);
  } catch {
    return undefined;
  }
});
parentPort?.postMessage(results);
