/**
 * The reader's title fast path gives the title the one reader gives, or nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readEntryFile } from '../../src/model/files.ts';
import { quickTitle } from '../../src/model/title.ts';
import { initiativeData, makeFixture } from '../support/fixtures.ts';

describe('quickTitle', () => {
  it('returns the parsed title or nothing, never a wrong title', () => {
    const fixture = makeFixture();
    try {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ minLength: 1, maxLength: 200 }),
            fc
              .array(
                fc.constantFrom('Nhắc', 'hạn', 'tự', 'động', 'hồ', 'sơ', 'a:', '#b', '"c"', "'d'"),
                { minLength: 1, maxLength: 60 },
              )
              .map((words) => words.join(' ')),
          ),
          (title) => {
            const path = fixture.initiative('nhanh', initiativeData({ title }));
            const quick = quickTitle(fixture.path(path));
            expect(quick.found).toBe(true);
            if (quick.title !== undefined)
              expect(quick.title).toBe(readEntryFile(fixture.path(path)).data?.title);
          },
        ),
        { numRuns: 300 },
      );
      expect(quickTitle(fixture.path('content/initiatives/khong-co/index.md')).found).toBe(false);
    } finally {
      fixture.cleanup();
    }
  });
});

describe('quickTitle edge cases', () => {
  it('never takes a "title:" line from the body', () => {
    const fixture = makeFixture();
    try {
      fixture.write(
        'content/initiatives/x/index.md',
        '---\nsummary: khong co ten\n---\ntitle: Tên giả trong nội dung\n',
      );
      expect(quickTitle(fixture.path('content/initiatives/x/index.md'))).toEqual({ found: true });
    } finally {
      fixture.cleanup();
    }
  });
});
