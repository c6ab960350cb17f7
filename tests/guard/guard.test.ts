import { readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../scripts/github/client.ts';
import { changedFilesFromGit, entriesOnBase, pullFromGitHub } from '../../scripts/guard/changes.ts';
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
    [
      'a staff member editing an entry already on the base branch',
      [{ path: 'content/initiatives/da-co/index.md', status: 'modified', mode: '100644' }],
      false,
      'cms/initiatives/da-co/index',
      false,
      /"da-co" đã có trên nhánh chính: người gửi không được sửa bài đã nộp/,
    ],
    [
      'a staff member deleting an attachment of an entry on the base branch',
      [{ path: 'content/initiatives/da-co/anh.png', status: 'removed' }],
      false,
      'cms/initiatives/da-co/index',
      false,
      /Không được xóa tệp đính kèm của một sáng kiến đã có/,
    ],
    [
      'a member correcting an entry on the base branch through the CMS',
      [{ path: 'content/initiatives/da-co/index.md', status: 'modified', mode: '100644' }],
      true,
      'cms/initiatives/da-co/index',
      true,
      undefined,
    ],
    [
      'a symbolic link in the submitter’s own folder',
      [entry('a'), { ...entry('a', 'anh.png'), mode: '120000' }],
      false,
      'cms/initiatives/a/index',
      false,
      /Không được thêm liên kết tượng trưng \(symlink\)/,
    ],
    [
      'index.md replaced by a symbolic link',
      [{ path: 'content/initiatives/a/index.md', status: 'changed', mode: '120000' }],
      false,
      'cms/initiatives/a/index',
      false,
      /Bài sáng kiến \(index\.md\) bị thay bằng một liên kết tượng trưng/,
    ],
    [
      'a submodule in the folder',
      [entry('a'), { ...entry('a', 'kho-khac'), mode: '160000' }],
      false,
      'cms/initiatives/a/index',
      false,
      /mô-đun con git/,
    ],
    [
      'a symbolic link in content by a member',
      [{ path: 'content/units.yaml', status: 'changed', mode: '120000' }],
      true,
      'sua-don-vi',
      false,
      /liên kết tượng trưng/,
    ],
    [
      '.gitattributes in the submitter’s folder',
      [entry('a'), entry('a', '.gitattributes')],
      false,
      'cms/initiatives/a/index',
      false,
      /tệp ẩn "\.gitattributes"/,
    ],
    [
      'a hidden folder in the submitter’s folder',
      [entry('a'), entry('a', '.git/hooks/post-checkout')],
      false,
      'cms/initiatives/a/index',
      false,
      /tệp ẩn "\.git"/,
    ],
  ])('%s', (_name, files, isMember, headRef, ok, message) => {
    const verdict = checkChanges({
      files,
      author: 'can-bo',
      isMember,
      headRef,
      existingEntries: new Set(['da-co']),
    });
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

  it('reads the team with COMMITTEE_TOKEN when the workflow’s own token may not (CI)', async () => {
    server = await startFakeGitHub({
      pulls: [
        {
          number: 4,
          title: 't',
          state: 'open',
          user: { login: 'chu-tich' },
          head: { ref: 'sua-quyet-dinh', sha: 'a'.repeat(40) },
          base: { ref: 'main' },
          labels: [],
          files: [{ filename: 'content/decisions/2024-tanh-linh.yaml', status: 'modified' }],
        },
      ],
      teams: { 'hoi-dong': ['chu-tich'] },
      teamReaders: ['doc-to-chuc'],
      contents: { main: { '.github/committee.yml': 'team: so-noi-vu/hoi-dong\nmembers: []\n' } },
    });
    const root = makeRepo(project);
    const github = createClient({ baseUrl: server.baseUrl, token: 'token-cua-workflow' });
    const options = { root, pr: 4, repo: 'so-noi-vu/kho-sang-kien', github };
    const without = await runGuard(options);
    expect(without).toMatchObject({ ok: false, member: false });
    expect(without.how).toMatch(/không đọc được nhóm/);
    process.env.COMMITTEE_TOKEN = 'doc-to-chuc';
    try {
      expect(await runGuard(options)).toMatchObject({ ok: true, member: true });
    } finally {
      delete process.env.COMMITTEE_TOKEN;
    }
  });

  it('with --pr, reads the committee list of the pull request’s base on GitHub, not the checkout’s', async () => {
    const pull = (files: string[]) => ({
      number: 9,
      title: 't',
      state: 'open' as const,
      user: { login: 'can-bo' },
      head: { ref: 'cap-nhat', sha: 'a'.repeat(40) },
      base: { ref: 'main' },
      labels: [],
      files: files.map((filename) => ({ filename, status: 'modified' })),
    });
    server = await startFakeGitHub({
      pulls: [pull(['content/decisions/2024-tanh-linh.yaml', '.github/committee.yml'])],
      contents: { main: { '.github/committee.yml': 'members: [thu-ky]\n' } },
    });
    // The secretary has the pull request checked out: its copy of the list names its author.
    const root = makeRepo(project, { '.github/committee.yml': 'members: [thu-ky, can-bo]\n' });
    const github = createClient({ baseUrl: server.baseUrl, token: 't' });
    const report = await runGuard({ root, pr: 9, repo: 'so-noi-vu/kho-sang-kien', github });
    expect(report).toMatchObject({ ok: false, member: false });
  });

  it('refuses to judge a pull request with more files than GitHub lists (3,000)', async () => {
    const files = Array.from({ length: 3000 }, (_, index) => ({
      filename: `content/initiatives/gia-an/a${String(index).padStart(4, '0')}.png`,
      status: 'added',
    }));
    server = await startFakeGitHub({
      pulls: [
        {
          number: 5,
          title: 't',
          state: 'open',
          user: { login: 'can-bo' },
          head: { ref: 'cms/initiatives/gia-an/index', sha: 'a'.repeat(40) },
          base: { ref: 'main' },
          labels: [],
          files,
        },
      ],
    });
    const github = createClient({ baseUrl: server.baseUrl, token: 't' });
    await expect(
      pullFromGitHub(github, { owner: 'so-noi-vu', repo: 'kho-sang-kien' }, 5),
    ).rejects.toThrow(
      'Yêu cầu hợp nhất #5 thay đổi 3.000 tệp trở lên, quá số tệp GitHub liệt kê qua API (3.000): không xét được hết; hãy chạy guard trên bản sao git (--base).',
    );
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

const SAMPLE = 'nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai';
const OTHER = 'so-hoa-so-ho-tich-cu-de-cap-ban-sao-trich-luc-trong-ngay';

describe('what a submitter may not do, on a real git repository', () => {
  /** A branch of a repository holding the sample content, changed by `change`. */
  function branch(change: (root: string) => void): string {
    const root = makeRepo(project, { '.github/committee.yml': 'members: [thu-ky]\n' }, true);
    git(root, 'checkout', '-q', '-b', 'cms/initiatives/gia-an/index');
    change(root);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'Thay đổi');
    return root;
  }
  const guard = (root: string) =>
    runGuard({
      root,
      author: 'can-bo-xa',
      base: 'main',
      headRef: 'cms/initiatives/gia-an/index',
    });

  it.each<[string, (root: string) => void, RegExp]>([
    [
      'editing another person’s entry (the guard knows no deadline: refused before and after it)',
      (root) =>
        write(
          root,
          `content/initiatives/${SAMPLE}/index.md`,
          readFileSync(join(project, 'content/initiatives', SAMPLE, 'index.md'), 'utf8').replace(
            /^summary: .*$/m,
            'summary: Tóm tắt do người khác viết lại để chiếm bài của đồng nghiệp ở xã bên cạnh.',
          ),
        ),
      /đã có trên nhánh chính: người gửi không được sửa bài đã nộp/,
    ],
    [
      'a symbolic link in one’s own folder pointing into .github',
      (root) => {
        write(root, 'content/initiatives/gia-an/index.md', '---\ntitle: x\n---\n');
        symlinkSync(
          '../../../.github/committee.yml',
          join(root, 'content/initiatives/gia-an/hoi-dong.yml'),
        );
      },
      /Không được thêm liên kết tượng trưng \(symlink\)/,
    ],
    [
      'deleting another entry’s attachment',
      (root) => rmSync(join(root, 'content/initiatives', SAMPLE, 'bieu-do-ho-so-tre-hen.png')),
      /Không được xóa tệp đính kèm của một sáng kiến đã có/,
    ],
    [
      'replacing one’s index.md by a symbolic link to another entry',
      (root) => {
        const path = join(root, 'content/initiatives', SAMPLE, 'index.md');
        rmSync(path);
        symlinkSync(`../${OTHER}/index.md`, path);
      },
      /Bài sáng kiến \(index\.md\) bị thay bằng một liên kết tượng trưng/,
    ],
    [
      'adding .gitattributes in one’s folder',
      (root) => {
        write(root, 'content/initiatives/gia-an/index.md', '---\ntitle: x\n---\n');
        write(root, 'content/initiatives/gia-an/.gitattributes', '* -text filter=lfs\n');
      },
      /tệp ẩn "\.gitattributes"/,
    ],
  ])('refuses %s, with a Vietnamese reason', async (_name, change, reason) => {
    const report = await guard(branch(change));
    expect(report.ok).toBe(false);
    expect(report.problems.map((problem) => problem.message).join('\n')).toMatch(reason);
  });

  it('sees git modes and which entries are already on the base branch', () => {
    const root = branch((root) => {
      write(root, 'content/initiatives/gia-an/index.md', '---\ntitle: x\n---\n');
      symlinkSync('../../../.github', join(root, 'content/initiatives/gia-an/lien-ket'));
      const path = join(root, 'content/initiatives', SAMPLE, 'index.md');
      rmSync(path);
      symlinkSync(`../${OTHER}/index.md`, path);
    });
    const files = changedFilesFromGit(root, 'main');
    expect(files).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'content/initiatives/gia-an/lien-ket',
          status: 'added',
          mode: '120000',
        }),
        expect.objectContaining({
          path: `content/initiatives/${SAMPLE}/index.md`,
          status: 'changed',
          mode: '120000',
          previousMode: '100644',
        }),
      ]),
    );
    expect([...entriesOnBase(root, 'main', 'HEAD', ['gia-an', SAMPLE, '*'])]).toEqual([SAMPLE]);
  });

  it('accepts a new entry of one’s own', async () => {
    const report = await guard(
      branch((root) => {
        write(root, 'content/initiatives/gia-an/index.md', '---\ntitle: x\n---\n');
        write(root, 'content/initiatives/gia-an/anh.png', 'png');
      }),
    );
    expect(report.problems).toEqual([]);
  });
});

describe('guard --format github with hostile file names', () => {
  it.each([
    ['a newline and a forged command', 'x\n::warning::Hợp lệ'],
    ['a comma and a forged title', 'x,title=Hợp lệ'],
    ['a double colon', 'x::y'],
    ['a carriage return', 'x\ry'],
    ['a percent escape', 'x%0Ay'],
  ])('%s: one annotation per problem, the name read back as it was', async (_name, name) => {
    const root = makeRepo(project);
    git(root, 'checkout', '-q', '-b', 'ten-la');
    write(root, name, 'x\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'x');
    const out: string[] = [];
    const original = { log: console.log, error: console.error };
    console.log = (text: string) => out.push(text);
    console.error = () => {};
    try {
      expect(
        await main(['--root', root, '--base', 'main', '--author', 'can-bo', '--format', 'github']),
      ).toBe(1);
    } finally {
      Object.assign(console, original);
    }
    const lines = out.join('\n').split(/\r|\n/);
    expect(lines).toHaveLength(1);
    const [, properties = ''] = /^::error ([^:]*)::/.exec(lines[0] ?? '') ?? [];
    const file = /(?:^|,)file=([^,]*)/.exec(properties)?.[1] ?? '';
    expect(
      file
        .replace(/%0D/g, '\r')
        .replace(/%0A/g, '\n')
        .replace(/%3A/g, ':')
        .replace(/%2C/g, ',')
        .replace(/%25/g, '%'),
    ).toBe(name);
    expect(properties.split(',').map((pair) => pair.split('=')[0])).toEqual(['file', 'title']);
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
      0,
      'can-bo',
      ['content/initiatives/a/index.md'],
    ],
    ['a staff member changing a decision', 1, 'can-bo', ['content/decisions/2024-tanh-linh.yaml']],
    ['a team member changing a decision', 0, 'chu-tich', ['content/decisions/2024-tanh-linh.yaml']],
    [
      'a staff member adding a symbolic link (its mode read from the git tree)',
      1,
      'can-bo',
      ['content/initiatives/a/index.md', 'content/initiatives/a/lien-ket:120000'],
    ],
  ])('%s → exit %i', async (_name, code, login, paths) => {
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
          files: paths.map((spec) => {
            const [filename = '', mode] = spec.split(':');
            return { filename, status: 'added', ...(mode ? { mode } : {}) };
          }),
        },
      ],
      teams: { 'hoi-dong': ['chu-tich'] },
      contents: { main: { '.github/committee.yml': 'team: so-noi-vu/hoi-dong\nmembers: []\n' } },
    });
    const root = makeRepo(project);
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
