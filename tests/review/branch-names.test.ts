/**
 * Branch names: what Decap's admin really creates for an initiative, and the one anchored
 * pattern every script reads them with. A pattern without its end anchor once let tests
 * pass on `cms/initiatives/<slug>` while the admin made `cms/initiatives/<slug>/index`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { branchOfSlug, INITIATIVE_BRANCH, slugOfBranch } from '../../scripts/report/source.ts';

const project = resolve(import.meta.dirname, '../..');

describe('slugOfBranch', () => {
  it.each([
    // What the admin's Save makes (collection `initiatives`, path `{{slug}}/index`).
    ['cms/initiatives/abc/index', 'abc'],
    [
      'cms/initiatives/dat-lich-hen-tra-ket-qua-qua-tin-nhan/index',
      'dat-lich-hen-tra-ket-qua-qua-tin-nhan',
    ],
    ['cms/initiatives/2025-so-hoa-ho-tich/index', '2025-so-hoa-ho-tich'],
    // Open authoring: the fork's owner and repository come after `cms/`.
    ['cms/can-bo-xa/kho-sang-kien-cchc/initiatives/abc/index', 'abc'],
    ['cms/can-bo-xa/kho.sang_kien/initiatives/abc/index', 'abc'],
    // Not made by the admin: no `/index`, something after it, before `cms/`, or another collection.
    ['cms/initiatives/abc', undefined],
    ['cms/initiatives/abc/index/x', undefined],
    ['cms/initiatives/abc/indexes', undefined],
    ['x/cms/initiatives/abc/index', undefined],
    ['refs/heads/cms/initiatives/abc/index', undefined],
    ['cms/initiatives/abc/index\n', undefined],
    [' cms/initiatives/abc/index', undefined],
    ['cms/campaigns/2025-ubnd-huyen', undefined],
    ['cms/decisions/2024-tanh-linh', undefined],
    ['cms/a/b/c/initiatives/abc/index', undefined],
    // Not a valid folder name: the validator would refuse it anyway.
    ['cms/initiatives/Co-Dau/index', undefined],
    ['cms/initiatives/a--b/index', undefined],
    ['cms/initiatives/-a/index', undefined],
    ['cms/initiatives//index', undefined],
    ['feature/x', undefined],
  ])('%j → %s', (branch, slug) => expect(slugOfBranch(branch)).toBe(slug));

  it('reads back the branch the admin saves on', () => {
    for (const slug of ['a', 'nhac-han-tu-dong', '2024-x']) {
      expect(branchOfSlug(slug)).toBe(`cms/initiatives/${slug}/index`);
      expect(slugOfBranch(branchOfSlug(slug))).toBe(slug);
    }
  });

  it('is anchored at both ends', () => {
    expect(INITIATIVE_BRANCH.source.startsWith('^')).toBe(true);
    expect(INITIATIVE_BRANCH.source.endsWith('$')).toBe(true);
  });
});

function sourceFiles(folder: string): string[] {
  return readdirSync(join(project, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(?:ts|mjs)$/.test(entry.name))
    .map((entry) => relative(project, join(entry.parentPath, entry.name)));
}

describe('one pattern for branch names', () => {
  it('no other module or test writes its own regular expression for cms/ branches', () => {
    const own = ['scripts/report/source.ts', 'tests/review/branch-names.test.ts'];
    const offenders = ['scripts', 'src', 'tests']
      .flatMap(sourceFiles)
      .filter((path) => !own.includes(path))
      .filter((path) => /cms\\\//.test(readFileSync(join(project, path), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
