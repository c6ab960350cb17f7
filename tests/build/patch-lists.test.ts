/**
 * A patch of a list long enough for later pages (`trang-<n>/`, over 100 initiatives): when the
 * changed initiatives keep their place in every list (only the text of a card changed), only the
 * later pages that show them are rendered again, the others are left as they were, and the site
 * is still, file by file, the one a build from nothing gives (scripts/build/patch.ts).
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeTree } from '../../scripts/bench/validate.ts';
import { copyProject } from '../../scripts/build/project-copy.ts';
import { collections, placeOf } from '../../src/model/collections.ts';
import { runBuildScript } from '../support/build-script.ts';
import { edit, siteFiles } from '../support/site-files.ts';

const COUNT = 240;
const CHANGED = 'sang-kien-00000';
let tree: string;

const build = (out: string, env: NodeJS.ProcessEnv = {}): string =>
  runBuildScript(tree, out, {
    ASTRO_TELEMETRY_DISABLED: '1',
    BASE_PATH: '/',
    SITE_URL: 'https://kho.example.vn',
    SOURCE_DATE_EPOCH: '1767225600',
    ...env,
  });

/** The later list pages of a built site, with their modification times. */
function laterPages(out: string): Map<string, number> {
  const dir = join(tree, out);
  return new Map(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => /(^|\/)trang-\d+\/index\.html$/.test(file))
      .map((file) => [file, statSync(join(dir, file)).mtimeMs]),
  );
}

beforeAll(() => {
  tree = makeTree(COUNT);
  copyProject(tree);
  expect(build('dist')).toContain('Dựng từ đầu: chưa có bản dựng trước vào thư mục này.');
}, 900_000);

afterAll(() => {
  if (tree) rmSync(tree, { recursive: true, force: true });
});

test('a changed summary renders only the later list pages that show it, and gives the full build', () => {
  const before = laterPages('dist');
  // The main list and some facets have two pages or more.
  expect(before.size).toBeGreaterThan(3);
  edit(join(tree, placeOf(collections.initiatives, CHANGED), 'index.md'), (text) =>
    text.replace(/^summary: /m, 'summary: Bản tóm tắt đã sửa. '),
  );
  const log = build('dist');
  expect(log).toContain(
    'Dựng lại phần đổi: 1 sáng kiến, 1 đợt phát động và các trang chung (của các danh sách, chỉ những trang có sáng kiến đổi).',
  );
  const after = laterPages('dist');
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  const showing = [...after.keys()].filter((file) =>
    readFileSync(join(tree, 'dist', file), 'utf8').includes(`/sang-kien/${CHANGED}/`),
  );
  const rewritten = [...after].filter(([file, mtime]) => before.get(file) !== mtime);
  // The pages showing it (its card, or its row in a long group) were written again; every other
  // later page was left alone.
  expect(showing.length).toBeGreaterThan(0);
  expect(showing.length).toBeLessThan(after.size);
  expect(rewritten.map(([file]) => file).sort()).toEqual(showing.sort());

  expect(build('dist-full', { KHO_PATCH: '0' })).toContain('Dựng từ đầu: KHO_PATCH=0.');
  const patched = siteFiles(join(tree, 'dist'));
  const full = siteFiles(join(tree, 'dist-full'));
  expect([...patched.keys()].sort()).toEqual([...full.keys()].sort());
  const differing = [...full].filter(([path, text]) => patched.get(path) !== text);
  expect(differing.map(([path]) => path)).toEqual([]);
}, 900_000);
