/**
 * `npm start` keeps its admin bundle by a key over the files the admin is built from: a change
 * the admin shows (a decision: the preview states an entry's status from it) gives a new key,
 * a change it never reads (an initiative, an adoption: their titles come from the site) does not.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminKey } from '../../scripts/cms/site-build.ts';
import { git, makeRepo, write } from '../support/git-fixture.ts';

const projectRoot = resolve(import.meta.dirname, '../..');
const env = { BASE_PATH: '' };
let root: string;

function commit(path: string, text: string) {
  write(root, path, text);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', `Sửa ${path}`);
}

beforeAll(() => {
  root = makeRepo(projectRoot, {}, true);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('adminKey', () => {
  it('stays the same when an initiative or an adoption changes', async () => {
    const before = await adminKey(root, env);
    commit('content/initiatives/mot-bai-moi/index.md', '---\ntitle: Một bài mới\n---\nNội dung.\n');
    commit('content/adoptions/mot-lan-ap-dung.yaml', 'initiative: mot-bai-moi\n');
    // Names git would quote without -z: Vietnamese letters, a quote, a tab.
    commit('content/initiatives/mot-bai-moi/ảnh "sơ đồ"\tmới.png', 'ảnh');
    expect(await adminKey(root, env)).toBe(before);
  });

  it('changes when a decision, a campaign or a unit changes', async () => {
    for (const path of [
      'content/decisions/2099-thu.yaml',
      'content/campaigns/2099-thu.md',
      'content/units.yaml',
    ]) {
      const before = await adminKey(root, env);
      commit(path, `# ${path}\n`);
      expect(await adminKey(root, env), path).not.toBe(before);
    }
  });
});
