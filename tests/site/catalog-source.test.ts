/**
 * The catalog read from the content files: one validator run per read for all seven
 * collections, afresh in dev (an edit shows on reload), once per process in a build.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { SNAPSHOT_VARIABLE, writeSnapshot } from '../../src/model/snapshot.ts';

const runs = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/validator/index.ts', async (original) => {
  const real = await original<typeof import('../../src/validator/index.ts')>();
  return {
    ...real,
    validate: (...args: Parameters<typeof real.validate>) => {
      runs.count += 1;
      return real.validate(...args);
    },
  };
});

const { readCatalogInput } = await import('../../src/lib/catalog-source.ts');
const { validate } = await import('../../src/validator/index.ts');

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'catalog-source-'));
  cpSync('content', join(root, 'content'), { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('readCatalogInput', () => {
  test('in dev, runs the validator once per read and shows an edit at the next read', async () => {
    runs.count = 0;
    const first = await readCatalogInput(root, { dev: true, fresh: true });
    expect(runs.count).toBe(1);
    expect(first.initiatives.length).toBeGreaterThan(0);
    expect(first.campaigns.length).toBeGreaterThan(0);
    expect(first.units.length).toBeGreaterThan(0);

    const entry = first.initiatives[0];
    if (!entry?.filePath) throw new Error('no sample initiative');
    const file = entry.filePath;
    const text = readFileSync(join(root, file), 'utf8');
    const { title } = entry.data as { title: string };
    writeFileSync(join(root, file), text.replace(title, `${title} (đã sửa)`));
    const second = await readCatalogInput(root, { dev: true, fresh: true });
    expect(runs.count).toBe(2);
    const edited = second.initiatives.find((candidate) => candidate.id === entry.id);
    expect((edited?.data as { title: string } | undefined)?.title).toBe(`${title} (đã sửa)`);
  });

  test('in a shard of a sharded build, reads the snapshot: no validator, the same catalog', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'catalog-source-plain-'));
    const shard = mkdtempSync(join(tmpdir(), 'catalog-source-shard-'));
    try {
      cpSync('content', join(plain, 'content'), { recursive: true });
      cpSync('content', join(shard, 'content'), { recursive: true });
      const expected = await readCatalogInput(plain);
      writeSnapshot(shard, await validate({ root: shard }), join(shard, 'danh-muc.v8'));
      process.env[SNAPSHOT_VARIABLE] = join(shard, 'danh-muc.v8');
      runs.count = 0;
      const read = await readCatalogInput(shard);
      expect(runs.count).toBe(0);
      expect(read).toEqual(expected);
    } finally {
      delete process.env[SNAPSHOT_VARIABLE];
      rmSync(plain, { recursive: true, force: true });
      rmSync(shard, { recursive: true, force: true });
    }
  });

  test('in a build, reads once per process: a second read runs no validator', async () => {
    runs.count = 0;
    const first = await readCatalogInput(root);
    const second = await readCatalogInput(root);
    expect(runs.count).toBeLessThanOrEqual(1);
    expect(second.initiatives.map((entry) => entry.id)).toEqual(
      first.initiatives.map((entry) => entry.id),
    );
  });
});
