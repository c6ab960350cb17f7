/**
 * A symbolic link in an entry's folder stops `npm run build`: the validator names the
 * file and the rule, and the file it points at is not published in dist/.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cleanEnv } from '../../scripts/build/build-site.ts';
import { copyProject, projectRoot } from '../../scripts/build/project-copy.ts';
import { collections } from '../../src/model/collections.ts';

let root: string;
let slug: string;
let file: string;

/** What `astro build` sees when a maintainer runs it: no test runner variables. */
function env(): NodeJS.ProcessEnv {
  return { ...cleanEnv(), ASTRO_TELEMETRY_DISABLED: '1' };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kho-build-symlink-'));
  copyProject(root);
  cpSync(join(projectRoot, 'content'), join(root, 'content'), { recursive: true });
  const folder = collections.initiatives.folder;
  // The first sample entry that declares an attachment: it becomes a link to a file outside content/.
  for (const name of readdirSync(join(root, folder)).sort()) {
    const text = readFileSync(join(root, folder, name, 'index.md'), 'utf8');
    const declared = /^ {2}- file: (\S+)$/m.exec(text)?.[1];
    if (declared && existsSync(join(root, folder, name, declared))) {
      slug = name;
      file = declared;
      break;
    }
  }
  expect(file).toBeDefined();
  mkdirSync(join(root, 'ngoai'));
  renameSync(join(root, folder, slug, file), join(root, 'ngoai', file));
  symlinkSync(join(root, 'ngoai', file), join(root, folder, slug, file));
}, 60_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

test('npm run build refuses an attachment that is a symbolic link and publishes nothing of it', () => {
  const run = spawnSync(process.execPath, [join(projectRoot, 'scripts/build/site.ts')], {
    cwd: root,
    encoding: 'utf8',
    env: env(),
  });
  expect(run.status).not.toBe(0);
  expect(run.stderr).toContain(`${collections.initiatives.folder}/${slug}/index.md`);
  expect(run.stderr).toContain(`"${file}" là liên kết tượng trưng`);
  expect(run.stderr).toContain('[attachments.symlink]');
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(existsSync(join(root, 'dist', 'sang-kien', slug, file))).toBe(false);
}, 300_000);
