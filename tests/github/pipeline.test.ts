/**
 * The pull-request pipeline as the workflows run it, command by command:
 * validate.yml's guard and summary in the pull request's checkout, then
 * feedback.yml's `npm run feedback` against the GitHub-like server.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { prResultSchema } from '../../scripts/github/result.ts';
import { type FakeGitHub, startFakeGitHub } from '../support/fake-github.ts';
import { git, makeRepo, write } from '../support/git-fixture.ts';

const run = promisify(execFile);
const project = resolve(import.meta.dirname, '../..');
const SAMPLE = 'nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai';
const sample = readFileSync(join(project, 'content/initiatives', SAMPLE, 'index.md'), 'utf8');
const image = readFileSync(
  join(project, 'content/initiatives', SAMPLE, 'bieu-do-ho-so-tre-hen.png'),
);

async function node(cwd: string, script: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(project, script), ...args], {
      cwd,
      env: { ...process.env, GITHUB_TOKEN: '', ...env },
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

describe('validate → artifact → feedback', () => {
  it.each([
    [
      'a valid submission',
      sample.replace(/^title: .*$/m, 'title: Nhắc hạn hồ sơ qua tin nhắn cho người dân xã Gia An'),
      false,
      'hợp lệ',
      /Bài gửi hợp lệ/,
    ],
    [
      'a submission with an error',
      sample.replace(/^summary: .*$/m, 'summary: Ngắn.'),
      false,
      'cần sửa',
      /Bài gửi cần sửa[\s\S]*summary/,
    ],
    [
      'a submission that also edits the decisions',
      sample.replace(/^title: .*$/m, 'title: Nhắc hạn hồ sơ qua tin nhắn cho người dân xã Gia An'),
      true,
      'cần sửa',
      /Phạm vi thay đổi không được phép[\s\S]*content\/decisions/,
    ],
  ])('%s', async (_name, text, touchDecision, label, comment) => {
    const root = makeRepo(project, { '.github/committee.yml': 'members: [thu-ky]\n' }, true);
    git(root, 'checkout', '-q', '-b', 'cms/initiatives/gia-an/index');
    write(root, 'content/initiatives/gia-an/index.md', text);
    write(root, 'content/initiatives/gia-an/bieu-do-ho-so-tre-hen.png', image);
    if (touchDecision)
      write(
        root,
        'content/decisions/2024-tanh-linh.yaml',
        `${readFileSync(join(root, 'content/decisions/2024-tanh-linh.yaml'), 'utf8')}# sửa\n`,
      );
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'Create Initiatives “gia-an”');
    const head = git(root, 'rev-parse', 'HEAD');
    const out = mkdtempSync(join(tmpdir(), 'kho-pr-result-'));
    mkdirSync(out, { recursive: true });

    const guard = await node(root, 'scripts/guard.ts', [
      '--base',
      'main',
      '--author',
      'can-bo-xa',
      '--head-ref',
      'cms/initiatives/gia-an/index',
      '--format',
      'github',
      '--json',
      join(out, 'guard.json'),
    ]);
    expect(guard.code).toBe(touchDecision ? 1 : 0);
    const summary = await node(root, 'scripts/github/summary.ts', [
      '--base',
      'main',
      '--pr',
      '31',
      '--head-sha',
      head,
      '--guard',
      join(out, 'guard.json'),
      '--out',
      out,
    ]);
    expect(summary.code, summary.out).toBe(0);
    const artifact = prResultSchema.parse(
      JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')),
    );
    expect(artifact.entries).toEqual([
      { slug: 'gia-an', title: expect.any(String), areas: ['procedures', 'digital-government'] },
    ]);

    server = await startFakeGitHub({
      pulls: [
        {
          number: 31,
          title: 'Create Initiatives “gia-an”',
          state: 'open',
          user: { login: 'can-bo-xa' },
          head: { ref: 'cms/initiatives/gia-an/index', sha: head },
          base: { ref: 'main' },
          labels: ['decap-cms/pending_review'],
          files: [],
        },
      ],
    });
    const env = {
      GITHUB_TOKEN: 'token-cua-workflow',
      GITHUB_REPOSITORY: 'so-noi-vu/kho-sang-kien',
    };
    const feedback = await node(
      project,
      'scripts/github/feedback.ts',
      ['--result', out, '--head-sha', head, '--api-url', server.baseUrl],
      env,
    );
    expect(feedback.code, feedback.out).toBe(0);
    expect(feedback.out).toContain('Đã đăng bình luận trên yêu cầu #31.');
    const again = await node(
      project,
      'scripts/github/feedback.ts',
      ['--result', out, '--head-sha', head, '--api-url', server.baseUrl],
      env,
    );
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
  });
});

describe('a committee pull request (not from the CMS)', () => {
  it('is not held to one entry folder when validate.yml passes --any-path; the guard admits the member', async () => {
    const root = makeRepo(project, { '.github/committee.yml': 'members: [thu-ky]\n' }, true);
    git(root, 'checkout', '-q', '-b', 'cap-nhat-quyet-dinh');
    write(
      root,
      'content/decisions/2024-tanh-linh.yaml',
      `${readFileSync(join(root, 'content/decisions/2024-tanh-linh.yaml'), 'utf8')}# sửa\n`,
    );
    write(root, 'scripts/ghi-chu.ts', 'export {};\n');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'Cập nhật quyết định');
    const head = git(root, 'rev-parse', 'HEAD');
    const out = mkdtempSync(join(tmpdir(), 'kho-pr-result-'));
    const guardArgs = ['--base', 'main', '--head-ref', 'cap-nhat-quyet-dinh'];
    const guard = await node(root, 'scripts/guard.ts', [
      ...guardArgs,
      '--author',
      'thu-ky',
      '--json',
      join(out, 'guard.json'),
    ]);
    expect(guard.code, guard.out).toBe(0);
    const summarise = (extra: string[]) =>
      node(root, 'scripts/github/summary.ts', [
        '--base',
        'main',
        '--pr',
        '32',
        '--head-sha',
        head,
        '--guard',
        join(out, 'guard.json'),
        '--out',
        out,
        ...extra,
      ]);
    const read = () =>
      prResultSchema.parse(JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')));

    expect((await summarise([])).code).toBe(0);
    expect(read().validation.ok).toBe(false);
    expect((await summarise(['--any-path'])).code).toBe(0);
    const result = read();
    expect(result.validation.findings).toEqual([]);
    expect(result.validation.ok && result.guard.ok).toBe(true);
  });
});
