/**
 * Patches of the last build (scripts/build/patch.ts): `npm run build` after a change to a few
 * initiatives renders only the shared pages and the changed ones, and must give the same site,
 * file by file, as a build from nothing. A copy of the project with the sample content is built
 * with the real build script; then content is changed as an author or the secretary would, and
 * what each build did is read from its log. What a patch cannot cover must build from nothing.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../../scripts/build/astro-command.ts';
import { cleanEnv } from '../../scripts/build/build-site.ts';
import type { BuildState, ContentState } from '../../scripts/build/build-state.ts';
import { PATCH_LIMIT, patchableFiles, planBuild, planPatch } from '../../scripts/build/patch.ts';
import { copyProject } from '../../scripts/build/project-copy.ts';
import { collections, placeOf } from '../../src/model/collections.ts';
import { runBuildScript } from '../support/build-script.ts';
import { edit, siteFiles } from '../support/site-files.ts';

let tree: string;

const ENV = {
  ASTRO_TELEMETRY_DISABLED: '1',
  BASE_PATH: '/kho/',
  SITE_URL: 'https://so-noi-vu.example.vn',
  // Same day in every build: the print footer and the yearbook carry it.
  SOURCE_DATE_EPOCH: '1767225600',
};

/** `npm run build`'s script in the copy, into `out`; its log. */
const build = (out: string, env: NodeJS.ProcessEnv = {}): string =>
  runBuildScript(tree, out, { ...ENV, ...env });

/** Every file of a built site in the copy (tests/support/site-files.ts). */
function files(dir: string): Map<string, string> {
  return siteFiles(join(tree, dir));
}

function initiativeFile(id: string, name = 'index.md'): string {
  return join(tree, placeOf(collections.initiatives, id), name);
}

/** Whether the last build of `dist` would be patched now (as the build's child sees it). */
async function planNow(extra: NodeJS.ProcessEnv = {}): Promise<ReturnType<typeof planPatch>> {
  const work = mkdtempSync(join(tmpdir(), 'kho-plan-'));
  try {
    const env = { ...cleanEnv(), ...ENV, KHO_INDEX_CACHE: join(tree, '.index-cache'), ...extra };
    return (await planBuild(tree, 'dist', work, env)).patch;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const SUMMARY = 'so-hoa-so-ho-tich-cu-de-cap-ban-sao-trich-luc-trong-ngay';
const LINKED = 'nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai';
const BODY = 'phan-cong-cong-chuc-dau-moi-theo-nhom-thu-tuc-tai-xa-la-ngau';

beforeAll(() => {
  tree = mkdtempSync(join(tmpdir(), 'kho-patch-'));
  copyProject(tree);
  cpSync(join(projectRoot, 'content'), join(tree, 'content'), { recursive: true });
  expect(build('dist')).toContain('Dựng từ đầu: chưa có bản dựng trước vào thư mục này.');
}, 900_000);

afterAll(() => {
  if (tree) rmSync(tree, { recursive: true, force: true });
});

describe('npm run build after the last build', () => {
  test('with nothing changed, keeps the site as it is', () => {
    const before = files('dist');
    expect(build('dist')).toContain('Mã và nội dung không đổi từ lần dựng trước: dist giữ nguyên.');
    expect(files('dist')).toEqual(before);
  }, 900_000);

  test('removes the search-index bundles unused for two weeks once it is over, and only those', () => {
    const cache = join(tree, '.index-cache');
    const used = readdirSync(cache).sort();
    expect(used.length).toBeGreaterThan(0);
    // A bundle of a page long gone: a copy of a real one, last used twenty days ago.
    const stale = join(cache, 'goi-cu-khong-dung');
    cpSync(join(cache, used[0] as string), stale, { recursive: true });
    const old = new Date(Date.now() - 20 * 86_400_000);
    for (const name of readdirSync(stale, { recursive: true, encoding: 'utf8' }))
      utimesSync(join(stale, name), old, old);
    utimesSync(stale, old, old);
    build('dist');
    expect(readdirSync(cache).sort()).toEqual(used);
  }, 900_000);

  test('after changes to initiatives, patches it into the site a build from nothing gives', () => {
    edit(initiativeFile(SUMMARY), (text) =>
      text.replace(/^summary: /m, 'summary: Bản tóm tắt đã sửa. '),
    );
    // Its neighbours and the initiative adapted from it show this title.
    edit(initiativeFile(LINKED), (text) => text.replace(/^title: (.*)$/m, 'title: $1 (bản sửa)'));
    edit(
      initiativeFile(BODY),
      (text) => `${text.trimEnd()}\n\nMột đoạn viết thêm sau khi xét, có từ khóa riêng zyxwv.\n`,
    );
    const attachment = initiativeFile(SUMMARY, 'quy-trinh-so-hoa-so-ho-tich.pdf');
    writeFileSync(attachment, Buffer.concat([readFileSync(attachment), Buffer.from('\n%sửa\n')]));
    const before = files('dist');
    const log = build('dist');
    const patched = /Dựng lại phần đổi: (\d+) sáng kiến, (\d+) đợt phát động/.exec(log);
    expect(patched, log).not.toBeNull();
    // The three changed, and the neighbours that link to the retitled one; not all sixteen.
    expect(Number(patched?.[1])).toBeGreaterThanOrEqual(3);
    expect(Number(patched?.[1])).toBeLessThan(
      readdirSync(join(tree, 'content/initiatives')).length,
    );
    expect(log).toMatch(/[1-9]\d* gói chỉ mục Pagefind lập lại/);
    const after = files('dist');
    expect(after.get(`sang-kien/${BODY}/index.html`)).toContain('zyxwv');
    expect(after.get(`sang-kien/${SUMMARY}/quy-trinh-so-hoa-so-ho-tich.pdf`)).not.toBe(
      before.get(`sang-kien/${SUMMARY}/quy-trinh-so-hoa-so-ho-tich.pdf`),
    );

    expect(build('dist-full', { KHO_PATCH: '0' })).toContain('Dựng từ đầu: KHO_PATCH=0.');
    const full = files('dist-full');
    expect([...after.keys()].sort()).toEqual([...full.keys()].sort());
    const differing = [...full].filter(([path, text]) => after.get(path) !== text);
    expect(differing.map(([path]) => path)).toEqual([]);
  }, 900_000);

  test('builds from nothing when the output folder was changed by hand', () => {
    writeFileSync(join(tree, 'dist', 'la.html'), '<p>lạ</p>');
    expect(build('dist')).toContain('Dựng từ đầu: thư mục ra đã đổi từ lần dựng trước.');
    expect(readdirSync(join(tree, 'dist'))).not.toContain('la.html');
  }, 900_000);

  test('plans a build from nothing for what a patch cannot cover', async () => {
    expect((await planNow()).kind).toBe('none');
    // Another day, when the build sets it: the data's date on every page changes.
    expect(
      await planNow({ SOURCE_DATE_EPOCH: String(Number(ENV.SOURCE_DATE_EPOCH) + 86_400) }),
    ).toEqual({
      kind: 'full',
      reason: 'phần chung của mọi trang đã đổi (đơn vị vận hành, ngày dữ liệu…)',
    });
    expect(await planNow({ SITE_URL: 'https://kho.example.vn' })).toMatchObject({ kind: 'full' });
    edit(join(tree, collections.units.file), (text) =>
      text.replace(/^(\s*name: )(UBND xã Đức Phú)$/m, '$1$2 (đổi tên)'),
    );
    expect(await planNow()).toEqual({
      kind: 'full',
      reason: 'mã, cấu hình, biến môi trường hay nội dung ngoài sáng kiến đã đổi',
    });
    edit(join(tree, collections.units.file), (text) => text.replace(' (đổi tên)', ''));
    expect((await planNow()).kind).toBe('none');

    const added = join(tree, placeOf(collections.initiatives, `${BODY}-ban-sao`));
    cpSync(join(tree, placeOf(collections.initiatives, BODY)), added, { recursive: true });
    expect(await planNow()).toEqual({ kind: 'full', reason: 'có sáng kiến được thêm hoặc bỏ' });
    rmSync(added, { recursive: true });

    const layout = join(tree, 'src/layouts/Base.astro');
    writeFileSync(layout, `${readFileSync(layout, 'utf8')}\n`);
    expect((await planNow()).kind).toBe('full');
  }, 900_000);
});

describe('planPatch', () => {
  // By default an initiative's place in the lists changes with its view.
  const entry = (campaign: string, view: string, place = `p-${view}`) => ({
    campaign,
    view,
    place,
    files: `f-${view}`,
  });
  const content = (initiatives: ContentState['initiatives']): ContentState => ({
    inputs: 'i',
    site: 's',
    campaigns: ['c1', 'c2'],
    initiatives,
  });
  const state = (initiatives: ContentState['initiatives']): BuildState => ({
    ...content(initiatives),
    version: 1,
    output: 'o',
    index: [],
  });
  const before = { a: entry('c1', '1'), b: entry('c1', '2'), c: entry('c2', '3') };

  test('patches the changed initiatives and their campaigns only', () => {
    expect(planPatch(state(before), content({ ...before, b: entry('c1', '9') }), 'o')).toEqual({
      kind: 'patch',
      initiatives: ['b'],
      campaigns: ['c1'],
    });
    expect(planPatch(state(before), content(before), 'o')).toEqual({ kind: 'none' });
  });

  test('renders only the list pages showing a changed view when no initiative moved in a list', () => {
    // Only the text of its card changed: the same place.
    const retold = { ...before, b: entry('c1', '9', before.b.place) };
    expect(planPatch(state(before), content(retold), 'o')).toEqual({
      kind: 'patch',
      initiatives: ['b'],
      campaigns: ['c1'],
      lists: ['b'],
    });
    // Only its files changed: its view, so every list page, looks the same.
    const body = { ...before, c: { ...before.c, files: 'x' } };
    expect(planPatch(state(before), content(body), 'o')).toEqual({
      kind: 'patch',
      initiatives: ['c'],
      campaigns: ['c2'],
      lists: [],
    });
    // One moved and one retold: every later page.
    expect(planPatch(state(before), content({ ...retold, a: entry('c1', '1y') }), 'o')).toEqual({
      kind: 'patch',
      initiatives: ['a', 'b'],
      campaigns: ['c1'],
    });
  });

  test('refuses what it cannot patch, saying why', () => {
    const reason = (plan: ReturnType<typeof planPatch>) =>
      plan.kind === 'full' ? plan.reason : plan.kind;
    expect(reason(planPatch(undefined, content(before), 'o'))).toMatch(/chưa có bản dựng trước/);
    expect(reason(planPatch(state(before), content(before), 'khác'))).toMatch(/thư mục ra/);
    expect(reason(planPatch(state(before), { ...content(before), inputs: 'j' }, 'o'))).toMatch(
      /mã, cấu hình/,
    );
    expect(reason(planPatch(state(before), { ...content(before), site: 't' }, 'o'))).toMatch(
      /phần chung/,
    );
    expect(reason(planPatch(state(before), content({ a: before.a, b: before.b }), 'o'))).toMatch(
      /thêm hoặc bỏ/,
    );
    expect(
      reason(planPatch(state(before), content({ ...before, a: entry('c2', '1x') }), 'o')),
    ).toMatch(/chuyển sang đợt khác/);
    const many = Object.fromEntries(
      Array.from({ length: PATCH_LIMIT + 1 }, (_, n) => [`s${n}`, entry('c1', String(n))]),
    );
    const changed = Object.fromEntries(
      Object.entries(many).map(([id, item]) => [id, { ...item, view: `${item.view}x` }]),
    );
    expect(reason(planPatch(state(many), content(changed), 'o'))).toMatch(
      new RegExp(`${PATCH_LIMIT + 1} sáng kiến đổi`),
    );
  });
});

describe('patchableFiles', () => {
  test('lists every file a patch may own, and none of the unchanged initiatives or search files', () => {
    const out = mkdtempSync(join(tmpdir(), 'kho-patchable-'));
    try {
      const files = [
        'index.html',
        '_headers',
        'sitemap-0.xml',
        'sang-kien/index.html',
        'sang-kien/trang-2/index.html',
        // A folder among the initiatives that is not one: a listing.
        'sang-kien/linh-vuc/chuyen-doi-so/index.html',
        'sang-kien/a/index.html',
        'sang-kien/a/so-do.png',
        'sang-kien/b/index.html',
        'sang-kien/b/tep/so-do.png',
        'dot-phat-dong/c1/index.html',
        'dot-phat-dong/c1/trang-2/index.html',
        'pagefind/pagefind-entry.json',
        'pagefind-2/fragment/x.pf_fragment',
        'tim-kiem/index.html',
        'tim-kiem/nhanh/muc-luc.json',
        'du-lieu/initiatives.csv',
      ];
      for (const file of files) {
        mkdirSync(join(out, file, '..'), { recursive: true });
        writeFileSync(join(out, file), file);
      }
      const state: ContentState = {
        inputs: 'i',
        site: 's',
        campaigns: ['c1'],
        initiatives: {
          a: { campaign: 'c1', view: '1', place: '1', files: '1' },
          b: { campaign: 'c1', view: '2', place: '2', files: '2' },
        },
      };
      // The unchanged initiative's folder, the search bundles and the quick index: nothing else.
      const notWalked = new Set([
        'sang-kien/a/index.html',
        'sang-kien/a/so-do.png',
        'pagefind/pagefind-entry.json',
        'pagefind-2/fragment/x.pf_fragment',
        'tim-kiem/nhanh/muc-luc.json',
      ]);
      expect(patchableFiles(out, state, new Set(['b']))).toEqual(
        files.filter((file) => !notWalked.has(file)).sort(),
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
