/**
 * Thin adapter over the project's validator, so the importer depends on one
 * function and one shape: the problems of one file.
 */
import { join } from 'node:path';
import { validate } from '../../validator/index.ts';

export interface EntryProblem {
  code: string;
  severity: 'error' | 'warning';
  field?: string;
  line?: number;
  message: string;
}

/** Validates one entry file (path relative to the root) and returns its problems. */
export async function validateEntry(
  root: string,
  path: string,
  today?: string,
): Promise<EntryProblem[]> {
  // Paths are read relative to the current folder, so give the validator an absolute one.
  const report = await validate({ root, paths: [join(root, path)], today });
  return report.files
    .filter((file) => file.path === path || file.path.startsWith(path.replace(/index\.md$/, '')))
    .flatMap((file) => file.problems);
}
