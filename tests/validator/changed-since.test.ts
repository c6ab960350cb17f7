import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validate } from '../../src/validator/index.ts';
import {
  distinctTitles,
  errorCodes,
  type Fixture,
  initiativeData,
  makeFixture,
  PNG,
  problemsOf,
} from '../support/fixtures.ts';

const CLI = join(import.meta.dirname, '../../scripts/validate.ts');

let fixture: Fixture | undefined;
afterEach(() => fixture?.cleanup());

/** A repository with two committed entries on main and a submission branch. */
function repository(): Fixture {
  fixture = makeFixture({ initiatives: 2, git: true });
  fixture.git('checkout', '-q', '-b', 'nop-sang-kien');
  return fixture;
}

function commit(message: string) {
  fixture?.git('add', '-A');
  fixture?.git('commit', '-q', '-m', message);
}

const NEW = 'content/initiatives/moi/index.md';

describe('--changed-since (pull-request mode)', () => {
  it('checks only the changed entry, and accepts it within the deadline', async () => {
    const repo = repository();
    repo.initiative(
      'moi',
      initiativeData({
        title: distinctTitles[5],
        attachments: [{ file: 'so-do.png', title: 'Sơ đồ' }],
      }),
      undefined,
      {
        'so-do.png': PNG,
      },
    );
    commit('Nộp sáng kiến mới');
    const result = spawnSync(
      process.execPath,
      [CLI, '--changed-since', 'main', '--today', '2024-08-25', '--format', 'json'],
      {
        cwd: repo.root,
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { files: { path: string; ok: boolean }[] };
    expect(report.files).toEqual([{ path: NEW, ok: true, problems: [] }]);
  });

  it('refuses a new entry once the deadline has passed (today in Asia/Ho_Chi_Minh)', async () => {
    const repo = repository();
    repo.initiative('moi', initiativeData({ title: distinctTitles[5] }));
    commit('Nộp muộn');
    const late = await validate({ root: repo.root, changedSince: 'main', today: '2024-09-05' });
    expect(errorCodes(late, NEW)).toEqual(['deadline.closed']);
    const onTime = await validate({ root: repo.root, changedSince: 'main', today: '2024-09-04' });
    expect(errorCodes(onTime, NEW)).toEqual([]);
  });

  it('refuses a late new entry whatever its attachments are called (one before index.md in git’s order)', async () => {
    const repo = repository();
    repo.initiative(
      'moi',
      initiativeData({
        title: distinctTitles[5],
        attachments: [
          { file: 'anh.png', title: 'Ảnh' },
          { file: 'so-do.png', title: 'Sơ đồ' },
        ],
      }),
      undefined,
      { 'anh.png': PNG, 'so-do.png': PNG },
    );
    commit('Nộp muộn, có tệp đính kèm');
    const late = await validate({ root: repo.root, changedSince: 'main', today: '2024-09-05' });
    expect(errorCodes(late, NEW)).toEqual(['deadline.closed']);
  });

  it('lets an existing entry be corrected after the deadline', async () => {
    const repo = repository();
    const path = 'content/initiatives/sang-kien-1/index.md';
    const { appendFileSync } = await import('node:fs');
    appendFileSync(repo.path(path), '\nBổ sung số liệu quý IV.\n');
    commit('Sửa sáng kiến');
    const report = await validate({ root: repo.root, changedSince: 'main', today: '2025-01-01' });
    expect(report.files.map((file) => file.path)).toEqual([path]);
    expect(report.totals.errors).toBe(0);
  });

  it('refuses changes outside the entry folder, and to several entries', async () => {
    const repo = repository();
    repo.initiative('moi', initiativeData({ title: distinctTitles[5] }));
    repo.write('content/units.yaml', `${'- { id: xa-moi, name: Xã Mới, kind: commune }\n'}`);
    repo.write('scripts/x.ts', 'export {};\n');
    repo.initiative('sang-kien-2', initiativeData({ title: distinctTitles[7] }));
    commit('Thay đổi lẫn lộn');
    const report = await validate({ root: repo.root, changedSince: 'main', today: '2024-08-25' });
    expect(errorCodes(report, 'content/units.yaml')).toContain('changed-since.outside-entry');
    expect(errorCodes(report, 'scripts/x.ts')).toEqual(['changed-since.outside-entry']);
    expect(errorCodes(report, 'content/initiatives/sang-kien-2/index.md')).toContain(
      'changed-since.several-entries',
    );
  });

  it('lets a committee or maintainer pull request change more than one entry folder (--any-path), still checking what it changed', async () => {
    const repo = repository();
    repo.initiative('moi', initiativeData({ title: distinctTitles[5] }));
    repo.write('scripts/x.ts', 'export {};\n');
    repo.initiative(
      'sang-kien-2',
      initiativeData({ title: distinctTitles[7], unit: 'xa-khong-co' }),
    );
    commit('Pull request của người quản trị');
    const report = await validate({
      root: repo.root,
      changedSince: 'main',
      today: '2024-08-25',
      onlyEntryFolder: false,
    });
    const codes = report.files.flatMap((file) => file.problems.map((problem) => problem.code));
    expect(codes.filter((code) => code.startsWith('changed-since.'))).toEqual([]);
    expect(errorCodes(report, 'content/initiatives/sang-kien-2/index.md')).toContain(
      'references.unit',
    );
    const cli = spawnSync(
      process.execPath,
      [CLI, '--changed-since', 'main', '--any-path', '--today', '2024-08-25', '--format', 'json'],
      { cwd: repo.root, encoding: 'utf8' },
    );
    expect(cli.status).toBe(1);
    expect(cli.stdout).not.toContain('changed-since.');
    const misuse = spawnSync(process.execPath, [CLI, '--any-path'], {
      cwd: repo.root,
      encoding: 'utf8',
    });
    expect(misuse.status).toBe(2);
    expect(misuse.stderr).toContain('--any-path chỉ dùng cùng --changed-since');
  });

  it('also sees uncommitted and untracked files', async () => {
    const repo = repository();
    repo.initiative('moi', initiativeData({ title: distinctTitles[5], unit: 'xa-khong-co' }));
    const report = await validate({ root: repo.root, changedSince: 'main', today: '2024-08-25' });
    expect(errorCodes(report, NEW)).toEqual(['references.unit']);
  });

  it('checks the changed entry for near-duplicates against the whole archive', async () => {
    const repo = repository();
    const existing = 'content/initiatives/sang-kien-1/index.md';
    const { readFileSync } = await import('node:fs');
    const title = /^title: (.*)$/m.exec(readFileSync(repo.path(existing), 'utf8'))?.[1] ?? '';
    repo.initiative('moi', initiativeData({ title: title.toUpperCase() }));
    commit('Nộp trùng');
    const report = await validate({ root: repo.root, changedSince: 'main', today: '2024-08-25' });
    expect(problemsOf(report, NEW)).toEqual([
      expect.objectContaining({
        code: 'duplicates.title',
        message: expect.stringContaining(existing),
      }),
    ]);
  });

  it('is a usage error outside git or with an unknown ref', async () => {
    fixture = makeFixture();
    await expect(validate({ root: fixture.root, changedSince: 'main' })).rejects.toThrow(/kho git/);
    fixture.cleanup();
    const repo = repository();
    await expect(validate({ root: repo.root, changedSince: 'khong-co' })).rejects.toThrow(
      /Không tìm thấy mốc git/,
    );
    await expect(validate({ root: repo.root, changedSince: '--output=x' })).rejects.toThrow(
      /Không tìm thấy mốc git/,
    );
  });
});

describe('the day a new entry is sent', () => {
  it('is refused when it is not a day on the calendar, on the command line too', async () => {
    const repo = repository();
    await expect(
      validate({ root: repo.root, changedSince: 'main', today: '2024-02-30' }),
    ).rejects.toThrow(
      'Ngày hôm nay phải là một ngày có thật, theo dạng YYYY-MM-DD (đang là "2024-02-30").',
    );
    const result = spawnSync(process.execPath, [CLI, '--today', '2024-02-30'], {
      cwd: repo.root,
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Ngày hôm nay phải là một ngày có thật');
  });

  it('judges a pending submission checked later by the day it was sent, not by today', async () => {
    const repo = repository();
    repo.initiative('moi', initiativeData({ title: distinctTitles[5] }));
    const onTime = await validate({
      root: repo.root,
      paths: [NEW],
      sent: { moi: '2024-09-04' },
      today: '2024-12-01',
    });
    expect(errorCodes(onTime, NEW)).toEqual([]);
    const late = await validate({ root: repo.root, paths: [NEW], sent: { moi: '2024-09-05' } });
    expect(errorCodes(late, NEW)).toEqual(['deadline.closed']);
    expect(problemsOf(late, NEW)[0]?.message).toContain(
      'đã hết hạn nhận sáng kiến ngày 04/09/2024; bài được gửi ngày 05/09/2024 (giờ Việt Nam).',
    );
  });
});
