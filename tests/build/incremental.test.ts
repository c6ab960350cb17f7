/**
 * Incremental builds (astro.config.mjs, src/lib/page-keys.ts): a build after a change, reusing
 * the pages of the last build, must give the same site as a build from nothing. A copy of the
 * project with the sample content is built once; then content is changed as an author or the
 * secretary would (a summary, a title other pages link to, a body, an attachment's bytes, a
 * unit's name) and the site is built again twice, with the cache and without it: every file of
 * the two sites must be the same, and the build with the cache must have reused pages.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { astroBuildCommand, projectRoot } from '../../scripts/build/astro-command.ts';
import { cleanEnv } from '../../scripts/build/build-site.ts';
import { copyProject } from '../../scripts/build/project-copy.ts';
import { collections, placeOf } from '../../src/model/collections.ts';
import { edit, siteFiles } from '../support/site-files.ts';

const CACHE = '.astro-cache';
let tree: string;

/** `astro build` of the copy into `out`; the log. */
function build(out: string): string {
  const [command, args] = astroBuildCommand(tree, ['--outDir', join(tree, out)]);
  const run = spawnSync(command, args, {
    cwd: tree,
    encoding: 'utf8',
    env: {
      ...cleanEnv(),
      ASTRO_TELEMETRY_DISABLED: '1',
      BASE_PATH: '/kho/',
      SITE_URL: 'https://so-noi-vu.example.vn',
      // Same day in every build: the print footer and the yearbook carry it.
      SOURCE_DATE_EPOCH: '1767225600',
    },
  });
  if (run.status !== 0) throw new Error(`astro build thất bại:\n${run.stderr.slice(-4000)}`);
  return run.stdout;
}

/** Every file of a built site in the copy (tests/support/site-files.ts). */
function files(dir: string): Map<string, string> {
  return siteFiles(join(tree, dir));
}

/** Builds again with the cache and from nothing; both sites must be equal, file by file. */
function expectSameAsFromNothing(): void {
  const log = build('dist-cached');
  // The cache was used: pages were restored from the last build rather than rendered.
  expect(log).toMatch(/\(restored\)/);
  const cached = files('dist-cached');
  rmSync(join(tree, CACHE), { recursive: true, force: true });
  build('dist-fresh');
  const fresh = files('dist-fresh');
  expect([...cached.keys()].sort()).toEqual([...fresh.keys()].sort());
  const differing = [...fresh].filter(([path, text]) => cached.get(path) !== text);
  expect(differing.map(([path]) => path)).toEqual([]);
}

function initiativeFile(id: string, name = 'index.md'): string {
  return join(tree, placeOf(collections.initiatives, id), name);
}

beforeAll(() => {
  tree = mkdtempSync(join(tmpdir(), 'kho-incremental-'));
  copyProject(tree);
  cpSync(join(projectRoot, 'content'), join(tree, 'content'), { recursive: true });
  build('dist-first');
}, 900_000);

afterAll(() => {
  if (tree) rmSync(tree, { recursive: true, force: true });
});

describe('a build reusing the last one', () => {
  test('after changes to initiatives: a summary, a linked title, a body, an attachment', () => {
    edit(initiativeFile('so-hoa-so-ho-tich-cu-de-cap-ban-sao-trich-luc-trong-ngay'), (text) =>
      text.replace(/^summary: /m, 'summary: Bản tóm tắt đã sửa. '),
    );
    // Another initiative lists this one as its source, and its neighbours link to it.
    edit(
      initiativeFile('nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai'),
      (text) => text.replace(/^title: (.*)$/m, 'title: $1 (bản sửa)'),
    );
    edit(
      initiativeFile('phan-cong-cong-chuc-dau-moi-theo-nhom-thu-tuc-tai-xa-la-ngau'),
      (text) => `${text.trimEnd()}\n\nMột đoạn viết thêm sau khi xét.\n`,
    );
    const attachment = initiativeFile(
      'so-hoa-so-ho-tich-cu-de-cap-ban-sao-trich-luc-trong-ngay',
      'quy-trinh-so-hoa-so-ho-tich.pdf',
    );
    writeFileSync(attachment, Buffer.concat([readFileSync(attachment), Buffer.from('\n%sửa\n')]));
    expectSameAsFromNothing();
  }, 900_000);

  test('after a change every page shows: a unit renamed', () => {
    edit(join(tree, collections.units.file), (text) =>
      text.replace(/^(\s*name: )(UBND xã Đức Phú)$/m, '$1$2 (đổi tên)'),
    );
    expectSameAsFromNothing();
  }, 900_000);
});
