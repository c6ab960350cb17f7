/**
 * Global setup of every test project: one scratch folder per run, under the system's, that every
 * test file and every process it starts takes as its temporary folder (scratch.ts sets TMPDIR).
 * Fixtures make git repositories, clones and documents there without each file having to
 * remember to remove them: the run removes the folder when it ends, passed or failed.
 * Each project runs this setup; the first one makes the folder and the others reuse it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

const VARIABLE = 'KHO_TEST_SCRATCH';

export default function setup(project: TestProject): () => void {
  process.env[VARIABLE] ??= mkdtempSync(join(tmpdir(), 'kho-test-run-'));
  const root = process.env[VARIABLE];
  project.provide('scratch', root);
  return () => rmSync(root, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    scratch: string;
  }
}
