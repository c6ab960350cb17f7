import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../scripts/github/client.ts';
import { changedFilesFromGit, pullFromGitHub } from '../../scripts/guard/changes.ts';
import { isCommitteeMember } from '../../scripts/guard/members.ts';
import { type ChangedFile, checkChanges } from '../../scripts/guard/rules.ts';
import { main, runGuard } from '../../scripts/guard.ts';
import { type FakeGitHub, startFakeGitHub } from '../support/fake-github.ts';
import { git, makeRepo, write } from '../support/git-fixture.ts';

const project = resolve(import.meta.dirname, '../..');
const entry = (slug: string, name = 'index.md'): ChangedFile => ({
  path: `content/initiatives/${slug}/${name}`,
  status: 'added',
});

describe('checkChanges', () => {
  it.each<[string, ChangedFile[], boolean, string | undefined, boolean, RegExp | undefined]>([
    [
      'one entry folder by a staff member',
      [entry('a'), entry('a', 'anh.png')],
      false,
      'cms/initiatives/a/index',
      true,
      undefined,
    ],
    [
      'two entry folders',
      [entry('a'), entry('b')],
      false,
      'cms/initiatives/a/index',
      false,
      /mỗi yêu cầu chỉ gửi một sáng kiến/,
    ],
    [
      'the decision file by a staff member',
      [entry('a'), { path: 'content/decisions/2024-tanh-linh.yaml', status: 'modified' }],
      false,
      undefined,
      false,
      /do Hội đồng quản lý/,
    ],
    [
      'the rubric (campaign) by a staff member',
      [{ path: 'content/campaigns/2024-tanh-linh.md', status: 'modified' }],
      false,
      undefined,
      false,
      /do Hội đồng quản lý/,
    ],
    [
      'site code by a staff member',
      [{ path: 'src/schemas/initiative.ts', status: 'modified' }],
      false,
      undefined,
      false,
      /mã nguồn/,
    ],
    [
      'a workflow by a staff member',
      [{ path: '.github/workflows/validate.yml', status: 'modified' }],
      false,
      undefined,
      false,
      /mã nguồn/,
    ],
    [
      'package.json by a staff member',
      [{ path: 'package.json', status: 'modified' }],
      false,
      undefined,
      false,
      /mã nguồn/,
    ],
    [
      'the documentation by a staff member',
      [{ path: 'docs/cms.md', status: 'modified' }],
      false,
      undefined,
      false,
      /ngoài thư mục sáng kiến/,
    ],
    [
      'an entry renamed out of its folder',
      [
        {
          path: 'content/adoptions/x.md',
          previousPath: 'content/initiatives/a/index.md',
          status: 'renamed',
        },
      ],
      false,
      undefined,
      false,
      /ngoài thư mục sáng kiến/,
    ],
    [
      'deleting a published entry',
      [{ path: 'content/initiatives/a/index.md', status: 'removed' }],
      false,
      undefined,
      false,
      /Không được xóa/,
    ],
    [
      'the decision file by a member',
      [{ path: 'content/decisions/2024-tanh-linh.yaml', status: 'added' }],
      true,
      'quyet-dinh-2024',
      true,
      undefined,
    ],
    [
      'site code by a member',
      [{ path: 'scripts/report.ts', status: 'modified' }, entry('a'), entry('b')],
      true,
      'sua-bao-cao',
      true,
      undefined,
    ],
    [
      'a member submitting two entries through the CMS',
      [entry('a'), entry('b')],
      true,
      'cms/initiatives/a/index',
      false,
      /một sáng kiến/,
    ],
    ['no files at all', [], false, undefined, false, /không thay đổi tệp nào/],
  ])('%s', (_name, files, isMember, headRef, ok, message) => {
    const verdict = checkChanges({ files, author: 'can-bo', isMember, headRef });
    expect(verdict.ok).toBe(ok);
    if (message)
      expect(verdict.problems.map((problem) => problem.message).join('\n')).toMatch(message);
  });
});

describe('membership', () => {
  let server: FakeGitHub | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it.each([
    ['listed (case-insensitive)', 'Thu-Ky', { members: ['thu-ky'] }, true],
    ['in the team', 'chu-tich', { team: 'so-noi-vu/hoi-dong', members: [] }, true],
    ['neither', 'can-bo', { team: 'so-noi-vu/hoi-dong', members: ['thu-ky'] }, false],
  ])('%s', async (_name, login, config, expected) => {
    server = await startFakeGitHub({ teams: { 'hoi-dong': ['chu-tich'] } });
    const github = createClient({ baseUrl: server.baseUrl, token: 't' });
    expect((await isCommitteeMember(login, config, github)).member).toBe(expected);
  });

  it('falls back to the list when the token cannot read teams (403)', async () => {
    server = await startFakeGitHub();
    server.inject({
      path: /\/teams\//,
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    const github = createClient({ baseUrl: server.baseUrl, token: 't' });
    const result = await isCommitteeMember(
      'can-bo',
      { team: 'so-noi-vu/hoi-dong', members: [] },
      github,
    );
    expect(result).toMatchObject({ member: false });
    expect(result.how).toMatch(/không đọc được nhóm/);
  });

  it('reads the PR files from the API across pages', async () => {
    const files = Array.from({ length: 120 }, (_, index) => ({
      filename: `content/initiatives/a/anh-${index}.png`,
      status: 'added',
    }));
    server = await startFakeGitHub({
      pulls: [
        {
          number: 3,
          title: 't',
          state: 'open',
          user: { login: 'can-bo' },
          head: { ref: 'cms/initiatives/a/index', sha: 'a'.repeat(40) },
          base: { ref: 'main' },
          labels: [],
          files,
        },
      ],
    });
    const github = createClient({ baseUrl: server.baseUrl, token: 't' });
    const pull = await pullFromGitHub(github, { owner: 'so-noi-vu', repo: 'kho-sang-kien' }, 3);
    expect(pull.files).toHaveLength(120);
    expect(pull.author).toBe('can-bo');
  });
});

describe('guard on a real git repository', () => {
  it('reads the committee list from the base branch, not from the pull request', async () => {
    const root = makeRepo(project, { '.github/committee.yml': 'members: [thu-ky]\n' });
    git(root, 'checkout', '-q', '-b', 'tu-them-minh');
    write(root, '.github/committee.yml', 'members: [thu-ky, can-bo]\n');
    write(root, 'content/decisions/2024-tanh-linh.yaml', 'campaign: 2024-tanh-linh\n');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'Tự thêm mình vào Hội đồng');
    const changed = changedFilesFromGit(root, 'main');
    expect(changed.map((file) => file.path).sort()).toEqual([
      '.github/committee.yml',
      'content/decisions/2024-tanh-linh.yaml',
    ]);
    const report = await runGuard({ root, author: 'can-bo', base: 'main' });
    expect(report.ok).toBe(false);
    expect(report.member).toBe(false);
    const member = await runGuard({ root, author: 'thu-ky', base: 'main' });
    expect(member.ok).toBe(true);
  });

  it('CLI: --help in Vietnamese, exit 1 with Vietnamese lines, a clear error for a bad base', async () => {
    const root = makeRepo(project);
    git(root, 'checkout', '-q', '-b', 'cms/initiatives/a/index');
    write(root, 'content/initiatives/a/index.md', '---\ntitle: x\n---\n');
    write(root, 'src/x.ts', 'export {};\n');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'x');
    const out: string[] = [];
    const original = { log: console.log, error: console.error };
    console.log = (text: string) => out.push(text);
    console.error = (text: string) => out.push(text);
    try {
      expect(await main(['--help'])).toBe(0);
      expect(
        await main(['--root', root, '--base', 'main', '--author', 'can-bo', '--format', 'github']),
      ).toBe(1);
      expect(await main(['--root', root, '--base', 'khong-co', '--author', 'can-bo'])).toBe(1);
      expect(await main(['--pr', 'abc'])).toBe(2);
      expect(await main(['--bogus'])).toBe(2);
    } finally {
      Object.assign(console, original);
    }
    expect(out[0]).toMatch(/^Cách dùng: npm run guard/);
    expect(out.join('\n')).toContain(
      '::error file=src/x.ts,title=Phạm vi thay đổi::Tài khoản can-bo không thuộc Hội đồng',
    );
    expect(out.join('\n')).toContain('Không so sánh được với nhánh gốc "khong-co"');
    expect(out.join('\n')).toContain('Tùy chọn không có: --bogus.');
  });
});

describe('guard --pr against the GitHub-like server', () => {
  let server: FakeGitHub | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it.each([
    [
      'a staff member changing only an entry folder',
      'can-bo',
      ['content/initiatives/a/index.md'],
      0,
    ],
    ['a staff member changing a decision', 'can-bo', ['content/decisions/2024-tanh-linh.yaml'], 1],
    ['a team member changing a decision', 'chu-tich', ['content/decisions/2024-tanh-linh.yaml'], 0],
  ])('%s → exit %i', async (_name, login, paths, code) => {
    server = await startFakeGitHub({
      pulls: [
        {
          number: 9,
          title: 't',
          state: 'open',
          user: { login },
          head: { ref: 'sua', sha: 'a'.repeat(40) },
          base: { ref: 'main' },
          labels: [],
          files: paths.map((filename) => ({ filename, status: 'modified' })),
        },
      ],
      teams: { 'hoi-dong': ['chu-tich'] },
    });
    const root = makeRepo(project, {
      '.github/committee.yml': 'team: so-noi-vu/hoi-dong\nmembers: []\n',
    });
    const original = { log: console.log, error: console.error };
    console.log = () => {};
    console.error = () => {};
    process.env.GITHUB_TOKEN = 'doc-to-chuc';
    try {
      expect(
        await main([
          '--root',
          root,
          '--pr',
          '9',
          '--repo',
          'so-noi-vu/kho-sang-kien',
          '--api-url',
          server.baseUrl,
        ]),
      ).toBe(code);
    } finally {
      Object.assign(console, original);
      delete process.env.GITHUB_TOKEN;
    }
  });
});
