/**
 * The pull-request pipeline as the workflows run it: validate.yml's fast check on the pull
 * request's own checkout, then feedback.yml's `npm run feedback` on the default branch's
 * checkout, which fetches the pull request's head from a real (bare) repository as data
 * and answers through the GitHub-like server.
 */
import { execFile } from 'node:child_process';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STATUS_CONTEXT } from '../../scripts/github/feedback.ts';
import { judge, withWorktree } from '../../scripts/github/verdict.ts';
import { type FakeGitHub, type FakePull, startFakeGitHub } from '../support/fake-github.ts';
import { git, type Hosted, makeHosted, openPull } from '../support/git-fixture.ts';

// Each test runs git, the guard, the validator and feedback one after another: on a shared
// two-core machine one took over 30 s (the unit project's default) while others ran beside it.
vi.setConfig({ testTimeout: 120_000 });

const run = promisify(execFile);
const project = resolve(import.meta.dirname, '../..');
const SAMPLE = 'nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai';
const sample = readFileSync(join(project, 'content/initiatives', SAMPLE, 'index.md'), 'utf8');
const image = readFileSync(
  join(project, 'content/initiatives', SAMPLE, 'bieu-do-ho-so-tre-hen.png'),
);
const valid = sample.replace(
  /^title: .*$/m,
  'title: Nhắc hạn hồ sơ qua tin nhắn cho người dân xã Gia An',
);
// Inside the campaign's submission window, so that a new entry is still accepted.
const TODAY = '2024-08-25';
const DECISION = 'content/decisions/2024-tanh-linh.yaml';

async function node(cwd: string, script: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(project, script), ...args], {
      cwd,
      env: { ...process.env, GITHUB_TOKEN: '', COMMITTEE_TOKEN: '', ...env },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

let server: FakeGitHub | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function fakePull(number: number, login: string, branch: string, head: string): FakePull {
  return {
    number,
    title: `Yêu cầu ${number}`,
    state: 'open',
    user: { login },
    head: { ref: branch, sha: head, repo: `${login}/kho-sang-kien` },
    base: { ref: 'main' },
    labels: ['decap-cms/pending_review'],
    files: [],
  };
}

/** feedback.yml's step, on the default branch's checkout. */
async function feedback(hosted: Hosted, pull: FakePull, extra: Record<string, string> = {}) {
  return node(
    hosted.checkout,
    'scripts/github/feedback.ts',
    [
      '--head-sha',
      pull.head.sha,
      '--head-repo',
      pull.head.repo ?? '',
      '--root',
      hosted.checkout,
      '--api-url',
      server?.baseUrl ?? '',
      '--today',
      TODAY,
    ],
    { GITHUB_TOKEN: 'token-cua-workflow', GITHUB_REPOSITORY: 'so-noi-vu/kho-sang-kien', ...extra },
  );
}

const decisionText = () => `${readFileSync(join(project, DECISION), 'utf8')}# sửa\n`;

describe('validate (the pull request’s code, decides nothing) → feedback (the base’s code, decides)', () => {
  it.each([
    [
      'a valid submission',
      { 'content/initiatives/gia-an/index.md': valid },
      'hợp lệ',
      'success',
      /Bài gửi hợp lệ/,
    ],
    [
      'a submission with an error',
      { 'content/initiatives/gia-an/index.md': sample.replace(/^summary: .*$/m, 'summary: Ngắn.') },
      'cần sửa',
      'failure',
      /Bài gửi cần sửa[\s\S]*`summary`/,
    ],
    [
      'a submission that also edits the decisions',
      { 'content/initiatives/gia-an/index.md': valid, [DECISION]: decisionText() },
      'cần sửa',
      'failure',
      /Phạm vi thay đổi không được phép[\s\S]*content\/decisions/,
    ],
  ])('%s', async (_name, files, label, state, comment) => {
    const hosted = makeHosted(project, { '.github/committee.yml': 'members: [thu-ky]\n' }, true);
    const branch = 'cms/initiatives/gia-an/index';
    const head = openPull(hosted, 31, branch, {
      ...files,
      'content/initiatives/gia-an/bieu-do-ho-so-tre-hen.png': image,
    });

    // validate.yml: the same check on the pull request's own checkout, for the annotations.
    git(hosted.work, 'checkout', '-q', head);
    const fast = await node(hosted.work, 'scripts/github/verdict.ts', [
      '--base',
      'main',
      '--author',
      'can-bo-xa',
      '--head-ref',
      branch,
      '--format',
      'github',
      '--today',
      TODAY,
    ]);
    expect(fast.code, fast.out).toBe(label === 'hợp lệ' ? 0 : 1);
    git(hosted.work, 'checkout', '-q', 'main');

    const pull = fakePull(31, 'can-bo-xa', branch, head);
    server = await startFakeGitHub({ pulls: [pull] });
    const first = await feedback(hosted, pull);
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain('Đã đăng bình luận trên yêu cầu #31.');
    const again = await feedback(hosted, pull);
    expect(again.out).toContain('Bình luận không đổi trên yêu cầu #31.');
    expect(server.state.comments).toHaveLength(1);
    expect(server.state.comments[0]?.body).toMatch(comment);
    expect(server.state.pulls[0]?.labels).toEqual(
      expect.arrayContaining([
        'decap-cms/pending_review',
        label,
        'CCHC: Thủ tục hành chính',
        'CCHC: Chính quyền số',
      ]),
    );
    expect(server.state.statuses.at(-1)).toMatchObject({
      sha: head,
      state,
      context: STATUS_CONTEXT,
    });
  });

  it('a pull request that cannot be fetched makes feedback exit 1 and the shared status an error, the other still answered', async () => {
    const hosted = makeHosted(project, { '.github/committee.yml': 'members: [thu-ky]\n' }, true);
    const branch = 'cms/initiatives/gia-an/index';
    const head = openPull(hosted, 33, branch, { 'content/initiatives/gia-an/index.md': valid });
    git(hosted.work, 'push', '-q', 'origin', `${head}:refs/pull/34/head`);
    const pull = fakePull(33, 'can-bo-xa', branch, head);
    // Same head, but its base branch is gone: git cannot fetch what it would compare it with.
    const orphan = { ...fakePull(34, 'can-bo-xa', branch, head), base: { ref: 'nhanh-da-xoa' } };
    server = await startFakeGitHub({ pulls: [pull, orphan] });
    const result = await feedback(hosted, pull);
    expect(result.code, result.out).toBe(1);
    expect(result.out).toContain('Đã đăng bình luận trên yêu cầu #33.');
    expect(result.out).toContain('yêu cầu #34');
    expect(server.state.comments.map((comment) => comment.issue)).toEqual([33]);
    expect(server.state.statuses).toEqual([
      expect.objectContaining({ sha: head, state: 'error', context: STATUS_CONTEXT }),
    ]);
  });

  it('a pull request that rewrites the checks and forges a passing result is still judged by the base’s code', async () => {
    const hosted = makeHosted(project, { '.github/committee.yml': 'members: [thu-ky]\n' }, true);
    const marker = join(hosted.checkout, 'DA-CHAY-MA-CUA-YEU-CAU');
    const branch = 'cms/initiatives/gia-an/index';
    const head = openPull(hosted, 32, branch, {
      'content/initiatives/gia-an/index.md': sample.replace(/^summary: .*$/m, 'summary: Ngắn.'),
      // The pull request's own "checks": each would leave the marker if it ever ran.
      'scripts/guard.ts': `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'guard');\n`,
      'scripts/github/feedback.ts': `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'feedback');\n`,
      'src/validator/index.ts': `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'validator');\nexport async function validate() { return { files: [], totals: { files: 0, errors: 0, warnings: 0, fixed: 0 } }; }\n`,
      'package.json': JSON.stringify({
        scripts: { feedback: `touch ${marker}`, preinstall: `touch ${marker}` },
      }),
      '.github/workflows/validate.yml': 'name: validate\non: pull_request\njobs: {}\n',
      'pr-result/result.json': JSON.stringify({
        version: 1,
        pullRequest: 32,
        headSha: 'f'.repeat(40),
        entries: [],
        validation: { ok: true, findings: [] },
        guard: { ok: true, problems: [] },
      }),
    });
    const pull = fakePull(32, 'can-bo-xa', branch, head);
    server = await startFakeGitHub({ pulls: [pull] });
    const answer = await feedback(hosted, pull);
    expect(answer.code, answer.out).toBe(0);
    const body = server.state.comments[0]?.body ?? '';
    expect(body).toContain('Bài gửi cần sửa');
    expect(body).toMatch(/`scripts\/guard\.ts`: Tài khoản can\\-bo\\-xa không thuộc Hội đồng/);
    expect(body).toContain('`summary`');
    expect(server.state.pulls[0]?.labels).toContain('cần sửa');
    expect(server.state.pulls[0]?.labels).not.toContain('hợp lệ');
    expect(server.state.statuses).toEqual([
      expect.objectContaining({ sha: head, state: 'failure', context: STATUS_CONTEXT }),
    ]);
    expect(existsSync(marker)).toBe(false);
    // The checkout is still the default branch, and the worktree of the head is gone.
    expect(git(hosted.checkout, 'rev-parse', 'HEAD')).toBe(git(hosted.origin, 'rev-parse', 'main'));
    expect(git(hosted.checkout, 'worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('does nothing for a commit that no open pull request has any more', async () => {
    const hosted = makeHosted(project);
    const head = openPull(hosted, 33, 'cms/initiatives/gia-an/index', {
      'content/initiatives/gia-an/index.md': valid,
    });
    const pull = fakePull(33, 'can-bo-xa', 'cms/initiatives/gia-an/index', head);
    server = await startFakeGitHub({ pulls: [{ ...pull, state: 'closed' }] });
    const answer = await feedback(hosted, pull);
    expect(answer.code, answer.out).toBe(0);
    expect(answer.out).toContain('Không có yêu cầu hợp nhất nào đang mở');
    expect(server.state.comments).toHaveLength(0);
    expect(server.state.statuses).toHaveLength(0);
  });
});

describe('committee membership in CI, from a trusted source', () => {
  const committeePull = (hosted: Hosted, number: number, login: string, extra = {}) => {
    const branch = 'cap-nhat-quyet-dinh';
    const head = openPull(hosted, number, branch, {
      [DECISION]: decisionText(),
      'scripts/ghi-chu.ts': 'export {};\n',
      ...extra,
    });
    return fakePull(number, login, branch, head);
  };

  it.each([
    [
      'with COMMITTEE_TOKEN, a member of the team may change the decisions and the code',
      'doc-to-chuc',
      'Bài gửi hợp lệ',
      'success',
    ],
    [
      'without it, the workflow’s own token cannot read the team: refused, and the comment says why',
      '',
      'không đọc được nhóm',
      'failure',
    ],
  ])('%s', async (_name, committeeToken, says, state) => {
    const hosted = makeHosted(
      project,
      { '.github/committee.yml': 'team: so-noi-vu/hoi-dong\nmembers: []\n' },
      true,
    );
    const pull = committeePull(hosted, 40, 'chu-tich');
    server = await startFakeGitHub({
      pulls: [pull],
      teams: { 'hoi-dong': ['chu-tich'] },
      teamReaders: ['doc-to-chuc'],
    });
    const answer = await feedback(hosted, pull, { COMMITTEE_TOKEN: committeeToken });
    expect(answer.code, answer.out).toBe(0);
    expect(server.state.comments[0]?.body).toContain(says);
    expect(server.state.statuses.at(-1)).toMatchObject({ state });
  });

  it('a member listed in the base branch’s roster may, without any token for teams', async () => {
    const hosted = makeHosted(project, { '.github/committee.yml': 'members: [thu-ky]\n' }, true);
    const pull = committeePull(hosted, 41, 'thu-ky');
    server = await startFakeGitHub({ pulls: [pull] });
    const answer = await feedback(hosted, pull);
    expect(answer.code, answer.out).toBe(0);
    expect(server.state.comments[0]?.body).toContain('Bài gửi hợp lệ');
  });

  it('adding oneself to the pull request’s copy of the roster changes nothing', async () => {
    const hosted = makeHosted(project, { '.github/committee.yml': 'members: [thu-ky]\n' }, true);
    const pull = committeePull(hosted, 42, 'can-bo-xa', {
      '.github/committee.yml': 'members: [thu-ky, can-bo-xa]\n',
    });
    server = await startFakeGitHub({ pulls: [pull] });
    const answer = await feedback(hosted, pull);
    expect(answer.code, answer.out).toBe(0);
    expect(server.state.comments[0]?.body).toContain('Bài gửi cần sửa');
    expect(server.state.comments[0]?.body).toContain('không thuộc Hội đồng');
  });
});

describe('strictness follows who opened the pull request, not the branch name', () => {
  it.each([
    ['someone outside the committee on a branch not named cms/', false, 'can-bo-xa', 'cap-nhat'],
    ['a committee member on a branch not named cms/', true, 'thu-ky', 'cap-nhat'],
    ['a committee member through the CMS (cms/)', false, 'thu-ky', 'cms/initiatives/gia-an/index'],
  ])('%s → any path: %s', async (_name, anyPath, author, branch) => {
    const hosted = makeHosted(project, { '.github/committee.yml': 'members: [thu-ky]\n' }, true);
    const head = openPull(hosted, 50, branch, {
      'content/initiatives/gia-an/index.md': valid,
      'content/initiatives/gia-an/bieu-do-ho-so-tre-hen.png': image,
      [DECISION]: decisionText(),
    });
    git(hosted.checkout, 'fetch', '-q', 'origin', '+refs/pull/50/head:refs/kho/pull/50/head');
    const verdict = await judge({
      repo: hosted.checkout,
      base: 'origin/main',
      head,
      author,
      headRef: branch,
      today: TODAY,
    });
    expect(verdict.anyPath).toBe(anyPath);
    const outside = verdict.result.validation.findings.filter(
      (finding) => finding.file === DECISION,
    );
    expect(outside.length > 0).toBe(!anyPath);
  });
});

describe('the head is read as data', () => {
  it('a symbolic link in the pull request is a small text file in the worktree, not a link', async () => {
    const hosted = makeHosted(project);
    const head = openPull(hosted, 60, 'cms/initiatives/gia-an/index', {
      'content/initiatives/gia-an/index.md': { symlink: '../../../.github/committee.yml' },
    });
    git(hosted.checkout, 'fetch', '-q', 'origin', '+refs/pull/60/head:refs/kho/pull/60/head');
    const seen = await withWorktree(hosted.checkout, head, async (root) => {
      const path = join(root, 'content/initiatives/gia-an/index.md');
      return { link: lstatSync(path).isSymbolicLink(), text: readFileSync(path, 'utf8') };
    });
    expect(seen).toEqual({ link: false, text: '../../../.github/committee.yml' });
  });
});
