/**
 * The snapshot a sharded build reads in place of the whole archive (src/model/snapshot.ts): the
 * records it gives are the reader's records, exactly; it belongs to one tree; nothing invalid is
 * snapshotted.
 */
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { prepareShards } from '../../scripts/build/shards.ts';
import { InvalidContentError } from '../../src/loaders/content.ts';
import { collectionRows, collections } from '../../src/model/collections.ts';
import { readRecords } from '../../src/model/files.ts';
import {
  SNAPSHOT_VARIABLE,
  type Snapshot,
  snapshotFor,
  snapshotRecords,
  writeSnapshot,
} from '../../src/model/snapshot.ts';

const clean = { files: [], totals: { files: 0, errors: 0, warnings: 0, fixed: 0 } };
let root: string;
let file: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kho-snapshot-'));
  cpSync('content', join(root, 'content'), { recursive: true });
  // Values JSON would not keep: an infinite number, and a date the reader keeps as a string.
  appendFileSync(
    join(root, collections.units.file),
    '\n- id: don-vi-thu\n  name: Đơn vị thử\n  kind: committee\n  note: .inf\n  since: 2024-05-31\n',
  );
  file = join(root, 'danh-muc.v8');
  writeSnapshot(root, clean, file);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const plain = (records: ReturnType<typeof readRecords>) =>
  records.map(({ id, path, raw, body, text, problems }) => ({
    id,
    path,
    raw,
    body,
    text,
    problems,
  }));

describe('a snapshot', () => {
  test('gives every collection’s records as the reader reads them, body and text included', () => {
    const snapshot = snapshotFor(root, { [SNAPSHOT_VARIABLE]: file });
    if (!snapshot) throw new Error('no snapshot');
    for (const row of collectionRows) {
      const read = readRecords(root, row);
      expect(read.length, row.name).toBeGreaterThan(0);
      expect(plain(snapshotRecords(root, row, snapshot)), row.name).toEqual(plain(read));
    }
    const unit = snapshot.collections[collections.units.name]?.find(
      (record) => record.id === 'don-vi-thu',
    );
    expect(unit?.raw).toMatchObject({ note: Number.POSITIVE_INFINITY, since: '2024-05-31' });
  });

  test('is not read without KHO_CATALOG, and is refused for another tree or when unreadable', () => {
    expect(snapshotFor(root, {})).toBeUndefined();
    const other = mkdtempSync(join(tmpdir(), 'kho-snapshot-other-'));
    try {
      expect(() => snapshotFor(other, { [SNAPSHOT_VARIABLE]: file })).toThrow(
        /Bản chụp danh mục .* là của thư mục .*hãy dựng lại từ đầu/,
      );
      const broken = join(other, 'hong.v8');
      writeFileSync(broken, readFileSync(file).subarray(0, 100));
      expect(() => snapshotFor(other, { [SNAPSHOT_VARIABLE]: broken })).toThrow(
        /Không đọc được bản chụp danh mục|không đúng định dạng/,
      );
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  test('is not written for content the validator refuses', async () => {
    expect(() =>
      writeSnapshot(root, { files: [], totals: { ...clean.totals, errors: 1 } }, join(root, 'x')),
    ).toThrow(/Nội dung còn lỗi/);
    const tree = mkdtempSync(join(tmpdir(), 'kho-snapshot-invalid-'));
    try {
      cpSync('content', join(tree, 'content'), { recursive: true });
      const [first] = readRecords(tree, collections.initiatives);
      const path = join(tree, first?.path as string);
      writeFileSync(path, readFileSync(path, 'utf8').replace(/^title:.*$/m, 'title: 42'));
      const target = join(tree, 'tam', 'danh-muc.v8');
      await expect(prepareShards(tree, target)).rejects.toBeInstanceOf(InvalidContentError);
      expect(existsSync(target)).toBe(false);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });
});

describe('a snapshot written after an earlier one', () => {
  const read = (path: string) => deserialize(readFileSync(path)) as Snapshot;
  const initiative = (snapshot: Snapshot, id: string) =>
    snapshot.collections[collections.initiatives.name]?.find((record) => record.id === id);

  test('keeps the entries whose files are as they were, and reads the changed ones again', () => {
    const tree = mkdtempSync(join(tmpdir(), 'kho-snapshot-again-'));
    try {
      cpSync('content', join(tree, 'content'), { recursive: true });
      const [kept, changed] = readRecords(tree, collections.initiatives);
      if (!kept || !changed) throw new Error('the sample needs two initiatives');
      const first = join(tree, 'mot.v8');
      writeSnapshot(tree, clean, first);
      // Marks the earlier record of an unchanged entry: only a reused record carries the mark.
      const earlier = read(first);
      const mark = (snapshot: Snapshot) => {
        const record = initiative(snapshot, kept.id);
        if (record) record.raw = { ...(record.raw as object), title: 'Dấu của bản trước' };
        return snapshot;
      };
      writeFileSync(first, serialize(mark(earlier)));
      const path = join(tree, changed.path);
      writeFileSync(path, readFileSync(path, 'utf8').replace(/^title:.*$/m, 'title: Tên mới hẳn'));
      const second = join(tree, 'hai.v8');
      writeSnapshot(tree, clean, second, first);
      const again = read(second);
      expect(initiative(again, kept.id)?.raw).toMatchObject({ title: 'Dấu của bản trước' });
      expect(initiative(again, changed.id)?.raw).toMatchObject({ title: 'Tên mới hẳn' });
      // Every other record is the reader's, as a snapshot from nothing gives it.
      const fresh = join(tree, 'ba.v8');
      writeSnapshot(tree, clean, fresh);
      const plainRecords = (snapshot: Snapshot) =>
        snapshot.collections[collections.initiatives.name]?.filter((r) => r.id !== kept.id);
      expect(plainRecords(again)).toEqual(plainRecords(read(fresh)));

      // Read by other code (another version of the reader), nothing is kept.
      writeFileSync(first, serialize({ ...mark(read(fresh)), reader: 'khác' }));
      writeSnapshot(tree, clean, second, first);
      expect(initiative(read(second), kept.id)?.raw).toEqual(kept.raw);
      // An unreadable earlier snapshot only costs the time of reading everything.
      writeFileSync(first, 'không phải bản chụp');
      writeSnapshot(tree, clean, second, first);
      expect(initiative(read(second), kept.id)?.raw).toEqual(kept.raw);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });
});
