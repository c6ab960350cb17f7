/**
 * Global setup of every test project: one folder per run for the shared site builds
 * (shared-site.ts), handed to the test files, and removed with the builds when the run ends.
 * Each project runs this setup; the first one makes the folder and the others reuse it.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { BuiltSite } from '../../scripts/build/build-site.ts';
import { SITE_RECORD } from './shared-site.ts';

const VARIABLE = 'KHO_SHARED_SITES';

export default function setup(project: TestProject): () => void {
  process.env[VARIABLE] ??= mkdtempSync(join(tmpdir(), 'kho-shared-sites-'));
  const root = process.env[VARIABLE];
  project.provide('sharedSites', root);
  return () => {
    if (!existsSync(root)) return;
    for (const key of readdirSync(root)) {
      const record = join(root, key, SITE_RECORD);
      if (!existsSync(record)) continue;
      const site = JSON.parse(readFileSync(record, 'utf8')) as BuiltSite;
      rmSync(site.outDir, { recursive: true, force: true });
    }
    rmSync(root, { recursive: true, force: true });
  };
}
