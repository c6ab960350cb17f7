import {
  appendFileSync,
  existsSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
} from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheFileOf } from '../../src/validator/cache.ts';
import { validate } from '../../src/validator/index.ts';
import { errorCodes, type Fixture, initiativeData, makeFixture, PNG } from '../support/fixtures.ts';

let fixture: Fixture | undefined;
afterEach(() => fixture?.cleanup());

describe('result cache', () => {
  it('gives the same report as a fresh run, and sees every change in an entry folder', async () => {
    fixture = makeFixture({ initiatives: 3 });
    const path = fixture.initiative(
      'co-dinh-kem',
      initiativeData({ attachments: [{ file: 'so-do.png', title: 'Sơ đồ quy trình' }] }),
      undefined,
      { 'so-do.png': PNG },
    );
    const root = fixture.root;
    const fresh = await validate({ root });
    const first = await validate({ root, cache: true });
    expect(existsSync(cacheFileOf(root))).toBe(true);
    const second = await validate({ root, cache: true });
    expect(first).toEqual(fresh);
    expect(second).toEqual(fresh);

    appendFileSync(fixture.path(path), '\n<script>alert(1)</script>\n');
    expect(errorCodes(await validate({ root, cache: true }), path)).toEqual(['safety.script']);

    fixture.initiative(
      'co-dinh-kem',
      initiativeData({ attachments: [{ file: 'so-do.png', title: 'Sơ đồ quy trình' }] }),
    );
    truncateSync(fixture.path('content/initiatives/co-dinh-kem/so-do.png'), 6 * 1024 * 1024);
    expect(errorCodes(await validate({ root, cache: true }), path)).toEqual([
      'attachments.too-large',
    ]);
  });

  it('keeps one file per content root, so copies sharing node_modules keep their own results', async () => {
    fixture = makeFixture({ initiatives: 2 });
    const other = makeFixture({ initiatives: 3 });
    try {
      // The copy's node_modules is the first one's, as a worktree's or a bench copy's is.
      rmSync(other.path('node_modules'), { recursive: true, force: true });
      symlinkSync(fixture.path('node_modules'), other.path('node_modules'), 'dir');
      const first = await validate({ root: fixture.root, cache: true });
      await validate({ root: other.root, cache: true });
      expect(cacheFileOf(other.root)).not.toBe(cacheFileOf(fixture.root));
      const stored = (root: string) =>
        Object.keys(
          (JSON.parse(readFileSync(cacheFileOf(root), 'utf8')) as { entries: object }).entries,
        ).length;
      expect(stored(fixture.root)).toBe(2);
      expect(stored(other.root)).toBe(3);
      expect(await validate({ root: fixture.root, cache: true })).toEqual(first);
    } finally {
      other.cleanup();
    }
  });
});
