/**
 * The build is a gate: a tree with one invalid entry is refused by `npm run build` (the
 * validator first) and by a bare `astro build` (the site's own loader), each naming the
 * file, the field and the rule, without a stack trace from `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cleanEnv } from '../../scripts/build/build-site.ts';
import { copyProject, projectRoot } from '../../scripts/build/project-copy.ts';
import { collections } from '../../src/model/collections.ts';

let root: string;
let entryPath: string;

/** What `astro build` sees when a maintainer runs it: no test runner variables. */
function env(): NodeJS.ProcessEnv {
  return { ...cleanEnv(), ASTRO_TELEMETRY_DISABLED: '1' };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kho-build-gate-'));
  copyProject(root);
  cpSync(join(projectRoot, 'content'), join(root, 'content'), { recursive: true });
  const folder = collections.initiatives.folder;
  const slug = readdirSync(join(root, folder)).sort()[0] as string;
  entryPath = `${folder}/${slug}/index.md`;
  const text = readFileSync(join(root, entryPath), 'utf8');
  // Two authors whose shares add up to 90 %: the schema's rule, reported on the field.
  const authors =
    'authors:\n  - name: Nguyễn Văn Một\n    position: Chuyên viên\n    unit: van-phong-hdnd-ubnd\n    share: 60\n  - name: Trần Thị Hai\n    position: Chuyên viên\n    unit: van-phong-hdnd-ubnd\n    share: 30\n';
  const changed = text.replace(/^authors:\n(?:[ -].*\n)+/m, authors);
  expect(changed).not.toBe(text);
  writeFileSync(join(root, entryPath), changed);
}, 60_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('a tree with one invalid entry', () => {
  test('npm run build exits non-zero naming the file, the field and the rule', () => {
    const run = spawnSync(process.execPath, [join(projectRoot, 'scripts/build/site.ts')], {
      cwd: root,
      encoding: 'utf8',
      env: env(),
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(entryPath);
    expect(run.stderr).toMatch(/Tác giả[^\n]*Tổng tỷ lệ đóng góp là 90%/);
    expect(run.stderr).toContain('[schema.invalid]');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  }, 300_000);

  test('a bare astro build is refused by the site loader with the same message', () => {
    const run = spawnSync(
      process.execPath,
      [join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', 'dist-gate'],
      { cwd: root, encoding: 'utf8', env: env() },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status).not.toBe(0);
    expect(output).toContain(entryPath);
    expect(output).toMatch(/Tổng tỷ lệ đóng góp là 90%/);
    expect(output).toContain('[schema.invalid]');
  }, 300_000);
});
