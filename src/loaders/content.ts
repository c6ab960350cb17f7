/**
 * The site's content loader. Astro's own loaders read YAML with js-yaml's default
 * schema (`2024-05-31` becomes a Date, `0b101` a number) and judge entries only by the
 * schema; this one reads every file through the project's one reader and lets nothing
 * into the build that the validator refuses. So the values the pages show are the
 * values the validator checked, and `astro build` fails, naming file, field and rule,
 * on any invalid entry — even when it is run without `npm run validate` first.
 *
 * In `astro dev` (a watcher is present) an invalid file is left out with a logged
 * message instead, so that one bad save does not take the preview site down.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { inShard, shardMode } from '../lib/shard.ts';
import { CONTENT_ROOT, type CollectionRow, collectionRows } from '../model/collections.ts';
import { type RecordFile, readRecords } from '../model/files.ts';
import {
  SNAPSHOT_VARIABLE,
  type Snapshot,
  snapshotFor,
  snapshotRecords,
} from '../model/snapshot.ts';
import { formatText } from '../validator/format-text.ts';
import { validate } from '../validator/index.ts';
import type { FileReport, ValidationReport } from '../validator/types.ts';

/**
 * One validator run and one reading of each collection per build process and tree. Kept on
 * `globalThis`: Astro loads this module twice in a build, once for the content loaders and once
 * bundled into the pages (which read the catalog through it: src/lib/catalog-source.ts), and each
 * would otherwise check and read the whole archive again.
 */
interface SharedRuns {
  validations: Map<string, Promise<ValidationReport>>;
  records: Map<string, RecordFile[]>;
  snapshots: Map<string, Snapshot | undefined>;
}
const SHARED = Symbol.for('kho-sang-kien.content-runs');
const holder = globalThis as Record<symbol, SharedRuns | undefined>;
const shared: SharedRuns = holder[SHARED] ?? {
  validations: new Map(),
  records: new Map(),
  snapshots: new Map(),
};
holder[SHARED] = shared;

/**
 * What the runs of a process are kept by: the tree, and the snapshot it is read from (a build's
 * plan, scripts/build/patch.ts, snapshots the tree afresh and reads it back in one process).
 */
function treeKey(folder: string): string {
  // Astro's root ends with a slash, the working directory does not: one key for both.
  return `${resolve(folder)}\0${process.env[SNAPSHOT_VARIABLE] ?? ''}`;
}

/** The validator's report on the tree at `folder`: once per process, or anew when `fresh`. */
export function validateTree(folder: string, fresh: boolean): Promise<ValidationReport> {
  const root = resolve(folder);
  const key = treeKey(root);
  let run = shared.validations.get(key);
  if (!run || fresh) {
    const snapshot = fresh ? undefined : snapshotOf(root);
    // A shard of a sharded build: the build validated the tree before snapshotting it.
    run = snapshot
      ? Promise.resolve({ files: [], totals: snapshot.totals })
      : validate({ root, cache: true });
    shared.validations.set(key, run);
  }
  return run;
}

/** The snapshot of the tree (src/model/snapshot.ts) a sharded build gave this process, if any. */
function snapshotOf(root: string): Snapshot | undefined {
  const key = treeKey(root);
  if (!shared.snapshots.has(key)) shared.snapshots.set(key, snapshotFor(resolve(root)));
  return shared.snapshots.get(key);
}

/**
 * The records of a collection, read once per process unless `fresh` (dev reads every time); from
 * the build's snapshot when there is one.
 */
function recordsOf(root: string, row: CollectionRow, fresh: boolean): RecordFile[] {
  const key = `${treeKey(root)}\0${row.name}`;
  let records = fresh ? undefined : shared.records.get(key);
  if (!records) {
    const snapshot = fresh ? undefined : snapshotOf(root);
    records = snapshot ? snapshotRecords(root, row, snapshot) : readRecords(root, row);
    if (!fresh) shared.records.set(key, records);
  }
  return records;
}

/**
 * Lets go of the records read in this process. A build reads them for Astro's store and for the
 * catalog (src/lib/site-data.ts), then renders pages from the catalog for the rest of its run:
 * the records are the whole archive's front matter again (170 MB of heap in a shard of a 50,000
 * archive). A later reading reads the files or the snapshot again.
 */
export function releaseRecords(): void {
  shared.records.clear();
  shared.snapshots.clear();
}

/** The report's errors only, as the validator prints them. */
export function errorsOnly(report: ValidationReport): ValidationReport {
  const files: FileReport[] = report.files
    .map((file) => ({
      ...file,
      problems: file.problems.filter((problem) => problem.severity === 'error'),
    }))
    .filter((file) => file.problems.length > 0);
  return { files, totals: { ...report.totals, warnings: 0, fixed: 0 } };
}

export class InvalidContentError extends Error {
  constructor(report: ValidationReport) {
    super(
      `Nội dung chưa hợp lệ, không dựng trang (sửa các lỗi dưới đây, hoặc chạy "npm run validate" để xem đủ):\n\n${formatText(errorsOnly(report))}`,
    );
    this.name = 'InvalidContentError';
  }
}

/** Paths whose reports hold an error. */
function refusedPaths(report: ValidationReport): Set<string> {
  return new Set(
    report.files
      .filter((file) => file.problems.some((problem) => problem.severity === 'error'))
      .map((file) => file.path),
  );
}

/**
 * The records of one collection that the site may show, read through the one reader.
 * Throws InvalidContentError (build) or leaves refused files out (dev) when the
 * validator reports errors. Exported for the tests, which compare it with the CLI.
 */
export async function loadRecords(
  root: string,
  row: CollectionRow,
  options: {
    dev?: boolean;
    log?: (message: string) => void;
    fresh?: boolean;
    /** A report made for this very read (validateTree), shared by several collections. */
    report?: ValidationReport;
  } = {},
): Promise<RecordFile[]> {
  const fresh = options.fresh === true || options.dev === true;
  const report = options.report ?? (await validateTree(root, fresh));
  const refused = refusedPaths(report);
  if (refused.size > 0 && !options.dev) throw new InvalidContentError(report);
  const records = recordsOf(root, row, fresh);
  if (refused.size === 0) return records;
  const shown = records.filter((record) => !refused.has(record.path));
  const left = [...new Set(records.filter((r) => refused.has(r.path)).map((r) => r.path))];
  if (left.length > 0) {
    options.log?.(
      `Bỏ qua ${left.length} tệp chưa hợp lệ (trang web không hiển thị cho đến khi sửa): ${left.join(', ')}. Chạy "npm run validate" để xem lỗi.`,
    );
  }
  return shown;
}

async function load(row: CollectionRow, context: LoaderContext): Promise<void> {
  const { config, store, parseData, generateDigest, renderMarkdown, logger, watcher } = context;
  const root = fileURLToPath(config.root);
  const records = await loadRecords(root, row, {
    dev: watcher !== undefined,
    log: (message) => logger.warn(message),
  });
  const untouched = new Set(store.keys());
  // A shard's store holds only its own initiatives (src/lib/shard.ts): pages read the front
  // matter of the whole archive from the catalog (src/lib/site-data.ts), never from the store.
  const mode = row.name === 'initiatives' ? shardMode() : undefined;
  for (const record of records) {
    const campaign = String((record.raw as { campaign?: unknown }).campaign);
    if (mode && !inShard(campaign, mode, record.id)) continue;
    untouched.delete(record.id);
    // The text includes the record's own item for a list file: digest the raw value then. With
    // the form of what is stored: entries stored in another form are stored again.
    const digest = generateDigest(
      `${STORE_FORM}\0${row.layout === 'list' ? JSON.stringify(record.raw) : record.text}`,
    );
    const existing = store.get(record.id);
    if (existing && existing.digest === digest) continue;
    const filePath = join(root, record.path);
    const data = await parseData({
      id: record.id,
      data: record.raw as Record<string, unknown>,
      filePath,
    });
    // An initiative's page renders its body itself (src/lib/markdown.ts says why).
    const rendered =
      row.format === 'markdown' && row.name !== 'initiatives'
        ? await renderMarkdown(renderInput(record.body), { fileURL: pathToFileURL(filePath) })
        : undefined;
    store.set({
      id: record.id,
      data,
      filePath: record.path,
      digest,
      ...(rendered ? { rendered, assetImports: rendered.metadata?.imagePaths } : {}),
    });
  }
  for (const id of untouched) store.delete(id);
  if (watcher && !watching.has(`${row.name}@${root}`)) {
    watching.add(`${row.name}@${root}`);
    const folder = join(root, CONTENT_ROOT);
    watcher.add(folder);
    // Any change reloads the collection: cross-file rules may turn on another file.
    const reload = (path: string) => {
      if (path.startsWith(folder)) void load(row, context);
    };
    for (const event of ['add', 'change', 'unlink'] as const) watcher.on(event, reload);
  }
}

/**
 * The form of the entries this loader stores, part of their digest: Astro keeps the store between
 * builds, and an entry whose digest is unchanged is not stored again. 2: initiatives without their
 * rendered body (src/lib/markdown.ts).
 */
const STORE_FORM = 2;

/**
 * What the renderer is given for a body. Astro's renderer strips a leading front matter
 * from its input; an empty one goes first so that a body which itself starts with `---`
 * (a rule, or text that looks like YAML) is rendered, not eaten.
 */
export function renderInput(body: string): string {
  return `---\n---\n${body}`;
}

/** Collections whose dev watcher is already set (load runs again on every change). */
const watching = new Set<string>();

/** The loader of one collection of the registry. */
export function contentLoader(row: CollectionRow): Loader {
  return { name: `kho-sang-kien:${row.name}`, load: (context) => load(row, context) };
}

/** Every collection's loader, by collection name. */
export function contentLoaders(): Record<string, Loader> {
  return Object.fromEntries(collectionRows.map((row) => [row.name, contentLoader(row)]));
}
