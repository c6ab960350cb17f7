/**
 * What a build leaves for the next one to patch (scripts/build/patch.ts): the state file of each
 * output folder, its digest, and the plan made before a build. Kept apart from the patch and from
 * the shards' code so that the build's coordinator (scripts/build/site.ts), which lives beside the
 * shards' Astro processes for the whole build, loads neither the validator nor the schemas: they
 * held about 60 MB in it at the build's peak of memory, for work done in processes of their own.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { BundlePages } from './search-index.ts';

/** patch.ts, whose `plan` command makes the plan in a process of its own. */
const PLAN_SCRIPT = join(import.meta.dirname, 'patch.ts');

/** Every file under `dir`, relative to it, sorted; none when it does not exist. */
export function filesOf(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/** The state files' format: a state of another version is no state. */
export const STATE_VERSION = 2;
const STATE_FOLDER = 'node_modules/.cache/kho-build';

/** Turns patches off (`KHO_PATCH=0`): every build is a full one. */
export const PATCH_VARIABLE = 'KHO_PATCH';

/** What the content and the code of a build were, as far as a patch needs to know. */
export interface ContentState {
  /** Code, configuration, environment and every content file but the initiatives. */
  inputs: string;
  /** The key every page holds (page-keys.ts): the build day too, where pages show it. */
  site: string;
  campaigns: string[];
  initiatives: Record<string, { campaign: string; view: string; place: string; files: string }>;
}

/** What the last build left: its content state, its output and its search bundles. */
export interface BuildState extends ContentState {
  version: number;
  /** Digest of the output folder's files: name, size, modification time. */
  output: string;
  index: BundlePages[];
}

export type PatchPlan =
  | { kind: 'full'; reason: string }
  | { kind: 'none' }
  | {
      kind: 'patch';
      initiatives: string[];
      campaigns: string[];
      /**
       * The initiatives whose lists' later pages are rendered again (those showing them); absent:
       * some initiative moved in a list (placeKey), and every later page is rendered.
       */
      lists?: string[];
    };

/** The state file of the build into `out`. */
export function statePath(root: string, out: string): string {
  const id = createHash('sha1').update(resolve(root, out)).digest('hex').slice(0, 16);
  return join(root, STATE_FOLDER, `${id}.json`);
}

export function readState(root: string, out: string): BuildState | undefined {
  try {
    const state = JSON.parse(readFileSync(statePath(root, out), 'utf8')) as BuildState;
    return state.version === STATE_VERSION ? state : undefined;
  } catch {
    return undefined;
  }
}

export function writeState(root: string, out: string, state: BuildState): void {
  const file = statePath(root, out);
  mkdirSync(dirname(file), { recursive: true });
  // Whole or absent, never half-written: a half-written state would be read as no state anyway.
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}

/** Forgets the last build of `out`: the next build is a full one. */
export function forgetState(root: string, out: string): void {
  rmSync(statePath(root, out), { force: true });
}

/** Digest of a folder's files as they stand: name, size, modification time. */
export function outputDigest(dir: string): string {
  const hash = createHash('sha256');
  for (const file of filesOf(dir)) {
    const stat = statSync(join(dir, file));
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\0`);
  }
  return hash.digest('hex');
}

/** What `plan` (the first step of every `npm run build`) found. */
export interface BuildPlan {
  /** The snapshot of the records (KHO_CATALOG of the shards and of a patch). */
  snapshot: string;
  /** The shards of a full build (shards.ts: `['']` for one build of everything). */
  shards: string[];
  /** The content state, written with the build's state when the build succeeds. */
  content: string;
  patch: PatchPlan;
}

/** planBuild in a process of its own (its memory is gone before Astro starts). */
export function planBuildProcess(
  root: string,
  out: string,
  work: string,
  env: NodeJS.ProcessEnv,
): BuildPlan {
  const run = spawnSync(process.execPath, [PLAN_SCRIPT, 'plan', out, work], {
    cwd: root,
    env,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (run.status !== 0) {
    throw new Error(run.stderr.trim() || run.error?.message || 'Không lập được kế hoạch dựng.');
  }
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as BuildPlan;
}

/** Writes the state of a build that just finished into `out`. */
export function recordBuild(
  root: string,
  out: string,
  plan: BuildPlan,
  index: BundlePages[],
): void {
  const content = JSON.parse(readFileSync(plan.content, 'utf8')) as ContentState;
  writeState(root, out, {
    ...content,
    version: STATE_VERSION,
    output: outputDigest(resolve(root, out)),
    index,
  });
}
