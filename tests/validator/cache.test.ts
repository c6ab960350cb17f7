import { appendFileSync, existsSync, truncateSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
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
    expect(existsSync(fixture.path('node_modules/.cache/kho-validate/initiatives.json'))).toBe(
      true,
    );
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
});
