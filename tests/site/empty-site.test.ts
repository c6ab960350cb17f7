/**
 * The site builds from a repository with units but no campaign, initiative,
 * decision or adoption yet (a new locality on day one): every page must still render.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cleanEnv } from '../../scripts/build/build-site.ts';
import { copyProject, projectRoot } from '../../scripts/build/project-copy.ts';

let root: string;
let build: ReturnType<typeof spawnSync>;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kho-empty-site-'));
  copyProject(root);
  mkdirSync(join(root, 'content'));
  for (const file of ['units.yaml', 'scope-levels.yaml']) {
    cpSync(join(projectRoot, 'content', file), join(root, 'content', file));
  }
  const env: NodeJS.ProcessEnv = {
    ...cleanEnv(),
    ASTRO_TELEMETRY_DISABLED: '1',
    BASE_PATH: '/',
    SITE_URL: '',
  };
  build = spawnSync(
    process.execPath,
    [join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build'],
    { cwd: root, encoding: 'utf8', env },
  );
}, 120_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('a site with no content yet', () => {
  test('builds', () => {
    expect(build.status, String(build.stderr).slice(-2000)).toBe(0);
  });

  const pages: [string, string][] = [
    ['index.html', 'Chưa có đợt phát động nào.'],
    ['sang-kien/index.html', 'Chưa có sáng kiến nào được công bố.'],
    ['linh-vuc-cai-cach/thu-tuc-hanh-chinh/index.html', 'Chưa có sáng kiến nào thuộc mục này.'],
    ['thong-ke/index.html', 'Chưa có số liệu'],
    ['huong-dan/index.html', 'Hiện chưa có đợt phát động nào'],
    ['du-lieu/index.html', 'Danh sách 0 sáng kiến'],
  ];
  test.each(pages)('%s says so: "%s"', (file, text) => {
    const path = join(root, 'dist', file);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).toContain(text);
  });

  test('with no organiser yet, no page names an operator or its contacts', () => {
    const footer = /<footer[\s\S]*?<\/footer>/.exec(
      readFileSync(join(root, 'dist/index.html'), 'utf8'),
    )?.[0];
    expect(footer).toContain('Trang gửi sáng kiến (cán bộ)');
    expect(footer).not.toContain('Cơ quan quản lý trang');
    expect(footer).not.toContain('tel:');
    const about = readFileSync(join(root, 'dist/gioi-thieu/index.html'), 'utf8');
    expect(about).toContain('Trang chưa ghi cơ quan quản lý');
  });

  test('open data is empty but well formed', () => {
    const json = JSON.parse(readFileSync(join(root, 'dist/du-lieu/initiatives.json'), 'utf8'));
    expect(json.initiatives).toEqual([]);
    const csv = readFileSync(join(root, 'dist/du-lieu/initiatives.csv'), 'utf8');
    expect(csv.trim().split('\r\n')).toHaveLength(1);
  });
});
