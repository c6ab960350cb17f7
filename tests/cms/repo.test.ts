import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  headOf,
  prepareCmsRepo,
  prepareSiteMirror,
  syncSiteMirror,
} from '../../scripts/cms/repo.ts';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function commit(dir: string, file: string, text: string) {
  writeFileSync(join(dir, file), text);
  git(dir, 'add', file);
  git(dir, '-c', 'user.name=Thử', '-c', 'user.email=thu@example.invalid', 'commit', '-qm', file);
}

function sourceRepo(branch = 'main'): string {
  const dir = mkdtempSync(join(tmpdir(), 'kho-cms-source-'));
  dirs.push(dir);
  git(dir, 'init', '-q', '-b', branch);
  commit(dir, 'a.md', 'một\n');
  return dir;
}

describe('the CMS clone prepared by npm start', () => {
  it('is a clone on main with its own identity and UTF-8 file names, re-used and fast-forwarded', async () => {
    const source = sourceRepo();
    const dir = join(mkdtempSync(join(tmpdir(), 'kho-cms-clone-')), 'cms-repo');
    dirs.push(dir);
    await prepareCmsRepo({ source, dir });
    expect(git(dir, 'symbolic-ref', '--short', 'HEAD')).toBe('main');
    expect(git(dir, 'config', 'user.name')).not.toBe('');
    expect(git(dir, 'config', 'user.email')).toMatch(/@/);
    expect(git(dir, 'config', 'core.quotepath')).toBe('false');
    expect(readFileSync(join(dir, '.git', 'info', 'exclude'), 'utf8')).toContain('node_modules');

    commit(source, 'b.md', 'hai\n');
    await prepareCmsRepo({ source, dir });
    expect(await headOf(dir)).toBe(await headOf(source));
  });

  it('keeps what the CMS published when the source moved on too', async () => {
    const source = sourceRepo();
    const dir = join(mkdtempSync(join(tmpdir(), 'kho-cms-clone-')), 'cms-repo');
    dirs.push(dir);
    await prepareCmsRepo({ source, dir });
    commit(dir, 'published.md', 'đã công bố\n');
    const published = await headOf(dir);
    commit(source, 'c.md', 'ba\n');
    const logs: string[] = [];
    await prepareCmsRepo({ source, dir, log: (line) => logs.push(line) });
    expect(await headOf(dir)).toBe(published);
    expect(logs.join('\n')).toMatch(/giữ nguyên/);
  });

  it('starts main from a source that has none (a detached CI checkout)', async () => {
    const source = sourceRepo('trunk');
    git(source, 'checkout', '-q', '--detach');
    const dir = join(mkdtempSync(join(tmpdir(), 'kho-cms-clone-')), 'cms-repo');
    dirs.push(dir);
    await prepareCmsRepo({ source, dir });
    expect(git(dir, 'symbolic-ref', '--short', 'HEAD')).toBe('main');
    expect(existsSync(join(dir, 'a.md'))).toBe(true);
  });

  it('has a site mirror that follows main, not the branch decap-server has checked out', async () => {
    const source = sourceRepo();
    const base = mkdtempSync(join(tmpdir(), 'kho-cms-clone-'));
    dirs.push(base);
    const repoDir = join(base, 'cms-repo');
    const siteDir = join(base, 'cms-repo-site');
    await prepareCmsRepo({ source, dir: repoDir });
    await prepareSiteMirror({ repoDir, siteDir });
    git(repoDir, 'checkout', '-q', '-b', 'cms/initiatives/nhap/index');
    commit(repoDir, 'draft.md', 'bản nháp\n');
    await syncSiteMirror({ repoDir, siteDir });
    expect(existsSync(join(siteDir, 'draft.md'))).toBe(false);
    git(repoDir, 'checkout', '-q', 'main');
    git(repoDir, 'merge', '-q', 'cms/initiatives/nhap/index');
    await syncSiteMirror({ repoDir, siteDir });
    expect(readFileSync(join(siteDir, 'draft.md'), 'utf8')).toBe('bản nháp\n');
  });
});
