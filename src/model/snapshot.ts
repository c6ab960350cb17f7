/**
 * Every collection's records as the one reader read them, written once by a sharded build after
 * the validator accepted the tree (scripts/build/shards.ts `prepare`), and read by each shard's
 * content loader in place of reading and checking the whole archive again. At 50,000 initiatives
 * that reading cost each shard 12 s and 1 GB of heap, ten shards over.
 *
 * Only the front matter (the reader's value, `raw`) is kept: a shard's pages read the whole
 * archive's front matter (the catalog) but render the bodies of their own initiatives only, which
 * the loader reads from the files when it asks for them. The values go through V8's serializer,
 * so that what a shard gets is exactly what the reader gave (a YAML `.inf` or a date string
 * alike), not JSON's approximation.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { SNAPSHOT_VARIABLE } from '../lib/shard.ts';
import { entryKey, validatorVersion } from '../validator/cache.ts';
import type { ValidationReport } from '../validator/types.ts';
import { type CollectionRow, collectionRows, pathOf } from './collections.ts';
import { listIds, type RecordFile, readRecordFile, readRecords, readYamlFile } from './files.ts';
import type { Problem } from './problems.ts';

/** The environment variable naming the snapshot a shard's build reads. */
export { SNAPSHOT_VARIABLE } from '../lib/shard.ts';

const VERSION = 2;

interface StoredRecord {
  id: string;
  path: string;
  raw: unknown;
  problems: Problem[];
  /** An entry folder's files as the validator's cache sees them (entryKey): absent elsewhere. */
  key?: string;
}

export interface Snapshot {
  version: typeof VERSION;
  /** The tree it was read from (resolved): a snapshot of another tree is refused. */
  root: string;
  /** The reader's code (validatorVersion): records read by other code are not reused. */
  reader: string;
  /** The validator's totals on that tree (no error: nothing invalid is snapshotted). */
  totals: ValidationReport['totals'];
  collections: Record<string, StoredRecord[]>;
}

/**
 * Without the file's text and body, one record at a time (the archive is never held whole). An
 * entry folder whose files are as `earlier` saw them (name, size, modification time: what the
 * validator's cache trusts too) keeps its earlier record instead of being read again: a rebuild
 * after one changed initiative read 10,000 files for 2 s to find 9,999 of them as they were.
 */
function stored(
  root: string,
  row: CollectionRow,
  earlier: ReadonlyMap<string, StoredRecord> | undefined,
): StoredRecord[] {
  const keep = ({ id, path, raw, problems }: RecordFile, key?: string): StoredRecord => ({
    id,
    path,
    raw,
    problems,
    ...(key === undefined ? {} : { key }),
  });
  if (row.layout === 'list') return readRecords(root, row).map((record) => keep(record));
  if (row.layout !== 'folder') {
    return listIds(root, row).map((id) => keep(readRecordFile(root, row, id)));
  }
  return listIds(root, row).map((id) => {
    const key = entryKey(root, pathOf(row, id), false);
    const before = earlier?.get(`${row.name}\0${id}`);
    if (key !== undefined && before?.key === key) return before;
    return keep(readRecordFile(root, row, id), key);
  });
}

/** The records of an earlier snapshot of the same tree by the same reader, by collection and id. */
function earlierRecords(root: string, file: string): Map<string, StoredRecord> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const earlier = deserialize(readFileSync(file)) as Snapshot;
    if (earlier?.version !== VERSION || earlier.root !== resolve(root)) return undefined;
    if (earlier.reader !== validatorVersion()) return undefined;
    return new Map(
      Object.entries(earlier.collections).flatMap(([name, records]) =>
        records.map((record): [string, StoredRecord] => [`${name}\0${record.id}`, record]),
      ),
    );
  } catch {
    // Only time is lost: every record is read again.
    return undefined;
  }
}

/**
 * Writes the snapshot of the tree at `root`, which the validator has accepted with `report`.
 * `earlier`: a snapshot an earlier build wrote of this tree, whose unchanged entries are kept.
 */
export function writeSnapshot(
  root: string,
  report: ValidationReport,
  file: string,
  earlier?: string,
): Snapshot {
  if (report.totals.errors > 0) {
    throw new Error('Nội dung còn lỗi: không ghi bản chụp danh mục cho các phần dựng.');
  }
  const records = earlier ? earlierRecords(root, earlier) : undefined;
  const snapshot: Snapshot = {
    version: VERSION,
    root: resolve(root),
    reader: validatorVersion(),
    totals: report.totals,
    collections: Object.fromEntries(
      collectionRows.map((row) => [row.name, stored(root, row, records)]),
    ),
  };
  writeFileSync(file, serialize(snapshot));
  return snapshot;
}

/** The snapshot named by KHO_CATALOG for the tree at `root`; none when the variable is unset. */
export function snapshotFor(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
): Snapshot | undefined {
  const file = env[SNAPSHOT_VARIABLE];
  if (!file) return undefined;
  let snapshot: Snapshot;
  try {
    snapshot = deserialize(readFileSync(file)) as Snapshot;
  } catch (error) {
    throw new Error(
      `Không đọc được bản chụp danh mục "${file}" (${SNAPSHOT_VARIABLE}): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (snapshot?.version !== VERSION || typeof snapshot.collections !== 'object') {
    throw new Error(`Bản chụp danh mục "${file}" (${SNAPSHOT_VARIABLE}) không đúng định dạng.`);
  }
  if (snapshot.root !== resolve(root)) {
    throw new Error(
      `Bản chụp danh mục "${file}" là của thư mục "${snapshot.root}", không phải "${resolve(root)}": hãy dựng lại từ đầu.`,
    );
  }
  return snapshot;
}

/**
 * A collection's records from the snapshot. The body and the text are read from the file the
 * first time they are asked for (a shard's own initiatives, for Astro's store), once.
 */
export function snapshotRecords(
  root: string,
  row: CollectionRow,
  snapshot: Snapshot,
): RecordFile[] {
  let listText: string | undefined;
  return (snapshot.collections[row.name] ?? []).map(({ id, path, raw, problems }) => {
    let file: RecordFile | undefined;
    const read = (): RecordFile => {
      file ??= readRecordFile(root, row, id);
      return file;
    };
    return {
      id,
      path,
      raw,
      problems,
      get body(): string {
        return row.layout === 'list' ? '' : read().body;
      },
      get text(): string {
        if (row.layout !== 'list') return read().text;
        listText ??= readYamlFile(join(root, row.file)).text;
        return listText;
      },
    };
  });
}
