/**
 * A cache of single-file results (the expensive part: YAML, Markdown, schema)
 * for initiatives, so that a repeated full run only re-checks what changed.
 * An entry is reused only when the validator's own code, the schemas, the
 * parser versions and every file of the entry's folder (name, size,
 * modification time) are unchanged. Cross-file rules always run afresh.
 * Stored in node_modules/.cache/kho-validate/, outside the repository's content, one file per
 * content root: checkouts, worktrees and bench copies often share one node_modules, and must
 * not overwrite each other's results.
 */
import { createHash } from 'node:crypto';
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { InitiativeResult } from './pool.ts';

const CACHE_FOLDER = 'node_modules/.cache/kho-validate';
/** A root's cache unused for this long (a removed copy, most likely) is deleted on the next save. */
const UNUSED_FOR_MS = 14 * 86_400_000;

/** The cache file of the content root `root`: named after the root's real path. */
export function cacheFileOf(root: string): string {
  let real = root;
  try {
    real = realpathSync(root);
  } catch {
    // A root that cannot be resolved keeps its own spelling.
  }
  const id = createHash('sha1').update(real).digest('hex').slice(0, 16);
  return join(root, CACHE_FOLDER, `initiatives-${id}.json`);
}

function pruneUnused(folder: string, keep: string): void {
  try {
    for (const name of readdirSync(folder)) {
      const file = join(folder, name);
      if (file === keep || !/^initiatives(?:-[0-9a-f]+)?\.json$/.test(name)) continue;
      if (Date.now() - statSync(file).mtimeMs > UNUSED_FOR_MS) rmSync(file, { force: true });
    }
  } catch {
    // Pruning is housekeeping.
  }
}

interface Stored {
  version: string;
  entries: Record<string, { key: string; result: InitiativeResult }>;
}

function sourceFiles(folder: string): string[] {
  try {
    return readdirSync(folder)
      .filter((name) => name.endsWith('.ts'))
      .sort()
      .map((name) => join(folder, name));
  } catch {
    return [];
  }
}

let versionMemo: string | undefined;

/** Fingerprint of everything that decides a single-file result: rule code, schemas, parsers. */
export function validatorVersion(): string {
  if (versionMemo) return versionMemo;
  const here = import.meta.dirname;
  const hash = createHash('sha1');
  const files = [
    ...sourceFiles(here),
    ...sourceFiles(join(here, '../model')),
    ...sourceFiles(join(here, '../core')),
    ...sourceFiles(join(here, '../schemas')),
  ];
  for (const file of files) {
    hash.update(file.slice(here.length - 20));
    hash.update(readFileSync(file));
  }
  for (const name of ['yaml', 'js-yaml', 'zod', 'mdast-util-from-markdown']) {
    try {
      hash.update(readFileSync(join(here, '../../node_modules', name, 'package.json')));
    } catch {
      hash.update(name);
    }
  }
  versionMemo = hash.digest('hex');
  return versionMemo;
}

/** Key of an entry: its folder's files with their sizes and modification times. */
export function entryKey(root: string, path: string, fix: boolean): string | undefined {
  if (fix) return undefined;
  const folder = join(root, dirname(path));
  const hash = createHash('sha1');
  hash.update(path);
  try {
    for (const name of readdirSync(folder).sort()) {
      // lstat: a file swapped for a link to a file of the same size and time is a change.
      const stat = lstatSync(join(folder, name));
      hash.update(
        `\0${name}\0${stat.size}\0${stat.mtimeMs}\0${stat.isDirectory()}\0${stat.isSymbolicLink()}`,
      );
    }
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

export class ResultCache {
  private readonly file: string;
  private readonly version: string;
  private stored: Stored;
  private dirty = false;

  constructor(root: string) {
    this.file = cacheFileOf(root);
    this.version = validatorVersion();
    this.stored = { version: this.version, entries: {} };
    try {
      const loaded = JSON.parse(readFileSync(this.file, 'utf8')) as Stored;
      if (loaded.version === this.version && loaded.entries) this.stored = loaded;
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
  }

  get(path: string, key: string | undefined): InitiativeResult | undefined {
    if (!key) return undefined;
    const hit = this.stored.entries[path];
    // No copy: the cache is saved before cross-file rules add to the reports.
    return hit && hit.key === key ? { ...hit.result, fixed: false } : undefined;
  }

  set(path: string, key: string | undefined, result: InitiativeResult): void {
    if (!key) return;
    this.stored.entries[path] = { key, result };
    this.dirty = true;
  }

  /** After a full run: forget entries that no longer exist. */
  retainOnly(paths: ReadonlySet<string>): void {
    for (const path of Object.keys(this.stored.entries)) {
      if (!paths.has(path)) {
        delete this.stored.entries[path];
        this.dirty = true;
      }
    }
  }

  /** Write the cache; a failure (read-only disk) only costs speed. */
  save(): void {
    if (!this.dirty) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(this.stored));
      renameSync(temporary, this.file);
      pruneUnused(dirname(this.file), this.file);
    } catch {
      // Caching is an optimisation.
    }
  }
}
