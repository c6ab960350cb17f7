/**
 * `feedback` on hostile pull requests, end to end: the pull request's head is a real commit
 * fetched from a bare repository, judged by the real guard and validator, and answered
 * through the GitHub-like server, which refuses what GitHub refuses (a comment body over
 * 65,536 characters, on posting and on editing alike).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../scripts/github/client.ts';
import { COMMENT_BUDGET, MARKER, withMarker } from '../../scripts/github/comment.ts';
import { feedbackForCommit, main, STATUS_CONTEXT } from '../../scripts/github/feedback.ts';
import { type FakeGitHub, type FakePull, startFakeGitHub } from '../support/fake-github.ts';
import { git, type Hosted, makeHosted, openPull } from '../support/git-fixture.ts';

const run = promisify(execFile);
const project = resolve(import.meta.dirname, '../..');
const SAMPLE = 'nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai';
const sample = readFileSync(join(project, 'content/initiatives', SAMPLE, 'index.md'), 'utf8');
const TODAY = '2024-08-25';
const REPO = { owner: 'so-noi-vu', repo: 'kho-sang-kien' };
const BOT = 'github-actions[bot]';
const DECISION = 'content/decisions/2024-tanh-linh.yaml';
const ROSTER = { '.github/committee.yml': 'members: [thu-ky]\n' };

let server: FakeGitHub | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  vi.restoreAllMocks();
});

function fakePull(
  number: number,
  login: string,
  branch: string,
  head: string,
  labels: string[] = [],
): FakePull {
  return {
    number,
    title: `Yêu cầu ${number}`,
    state: 'open',
    user: { login },
    head: { ref: branch, sha: head, repo: `${login}/kho-sang-kien` },
    base: { ref: 'main' },
    labels,
    files: [],
  };
}

/** feedback.yml's step, in this process, with a client that does not pace its writes. */
function feedback(hosted: Hosted, head: string) {
  const github = createClient({ baseUrl: server?.baseUrl, token: 'token', throttle: false });
  return feedbackForCommit(github, {
    ...REPO,
    headSha: head,
    root: hosted.checkout,
    botLogin: BOT,
    today: TODAY,
  });
}

/** The comment GitHub holds for a pull request, checked against the budget. */
function commentOf(number: number): string {
  const comments = server?.state.comments.filter((comment) => comment.issue === number) ?? [];
  expect(comments).toHaveLength(1);
  const body = comments[0]?.body ?? '';
  expect(body.length).toBeLessThanOrEqual(COMMENT_BUDGET);
  expect(body.isWellFormed()).toBe(true);
  expect(body.startsWith(`${MARKER}\n### `)).toBe(true);
  return body;
}

const labelsOf = (number: number) =>
  server?.state.pulls.find((pull) => pull.number === number)?.labels ?? [];

/** How many items a "… và N mục khác" line leaves out. */
const leftOut = (body: string) => Number(/^- … và (\d+) mục khác/m.exec(body)?.[1] ?? 0);

describe('a comment that would pass GitHub’s limit is cut to the budget', () => {
  it('60 attachments named with 900 “#”: the stale “hợp lệ” comment is edited, labels and status follow', async () => {
    const hosted = makeHosted(project, ROSTER);
    const branch = 'cms/initiatives/gia-an/index';
    const attachments = Array.from(
      { length: 60 },
      (_, index) => `  - file: "${'#'.repeat(900)}${index}.png"\n    title: Tệp ${index + 1}\n`,
    ).join('');
    const head = openPull(hosted, 31, branch, {
      'content/initiatives/gia-an/index.md': sample.replace(
        /^attachments:\n( {2}.*\n)+/m,
        `attachments:\n${attachments}`,
      ),
    });
    // The last push was valid: its comment and its label are still there.
    const stamp = '2024-08-24T02:00:00Z';
    server = await startFakeGitHub({
      pulls: [fakePull(31, 'can-bo-xa', branch, head, ['decap-cms/pending_review', 'hợp lệ'])],
      labels: [{ name: 'hợp lệ', color: '2e7d32' }],
      comments: [
        {
          id: 900,
          issue: 31,
          body: withMarker('### ✅ Bài gửi hợp lệ\n\nKiểm tra tự động không thấy lỗi.'),
          user: { login: BOT, type: 'Bot' },
          created_at: stamp,
          updated_at: stamp,
        },
      ],
    });
    const outcomes = await feedback(hosted, head);
    expect(outcomes).toEqual([
      expect.objectContaining({
        status: 'posted',
        message: 'Đã cập nhật bình luận trên yêu cầu #31.',
      }),
    ]);
    const body = commentOf(31);
    expect(body).toContain('### ❌ Bài gửi cần sửa');
    const errors = Number(/\*\*Lỗi cần sửa \((\d+)\):\*\*/.exec(body)?.[1]);
    expect(errors).toBeGreaterThanOrEqual(60);
    expect(body).toContain('Không đọc được tệp');
    // The budget, not the cap of 50 items per list, decided how many are shown.
    expect(leftOut(body)).toBeGreaterThan(errors - 50);
    expect(body).toMatch(/ mục khác \(xem nhật ký của quy trình validate\)\.$/m);
    expect(labelsOf(31)).toContain('cần sửa');
    expect(labelsOf(31)).not.toContain('hợp lệ');
    expect(server.state.statuses).toEqual([
      {
        sha: head,
        state: 'failure',
        context: STATUS_CONTEXT,
        description: `Bài gửi cần sửa: ${errors} lỗi.`,
        target_url: expect.stringMatching(/\/pull\/31#issuecomment-900$/),
      },
    ]);
  });

  it('80 folders titled with 300 “#”: a fresh comment under the budget, refused and labelled', async () => {
    const hosted = makeHosted(project, ROSTER);
    const branch = 'cms/initiatives/gia-an-0/index';
    const files = Object.fromEntries(
      Array.from({ length: 80 }, (_, index) => [
        `content/initiatives/gia-an-${index}/index.md`,
        sample.replace(/^title: .*$/m, `title: "${'#'.repeat(300)}"`),
      ]),
    );
    const head = openPull(hosted, 32, branch, files);
    server = await startFakeGitHub({ pulls: [fakePull(32, 'can-bo-xa', branch, head)] });
    const outcomes = await feedback(hosted, head);
    expect(outcomes).toEqual([
      expect.objectContaining({ status: 'posted', message: 'Đã đăng bình luận trên yêu cầu #32.' }),
    ]);
    const body = commentOf(32);
    expect(body).toContain('**Phạm vi thay đổi không được phép:**');
    expect(body).toMatch(/^Sáng kiến trong yêu cầu này: .* và 70 sáng kiến khác\.$/m);
    expect(leftOut(body)).toBeGreaterThan(0);
    expect(labelsOf(32)).toContain('cần sửa');
    expect(server.state.statuses).toEqual([
      expect.objectContaining({ sha: head, state: 'failure', context: STATUS_CONTEXT }),
    ]);
  });
});

describe('a comment GitHub refuses', () => {
  it('still sets the labels and the status, and the command fails with a Vietnamese message', async () => {
    const hosted = makeHosted(project, ROSTER);
    const branch = 'cms/initiatives/gia-an/index';
    const head = openPull(hosted, 33, branch, {
      'content/initiatives/gia-an/index.md': sample.replace(/^summary: .*$/m, 'summary: Ngắn.'),
    });
    server = await startFakeGitHub({
      pulls: [fakePull(33, 'can-bo-xa', branch, head, ['hợp lệ'])],
      labels: [{ name: 'hợp lệ', color: '2e7d32' }],
    });
    server.inject({ method: 'POST', path: /\/issues\/33\/comments$/, status: 422, times: 5 });
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((text: string) => printed.push(`log: ${text}`));
    vi.spyOn(console, 'error').mockImplementation((text: string) => printed.push(`error: ${text}`));
    const code = await main([
      '--head-sha',
      head,
      '--head-repo',
      'can-bo-xa/kho-sang-kien',
      '--repo',
      'so-noi-vu/kho-sang-kien',
      '--root',
      hosted.checkout,
      '--api-url',
      server.baseUrl,
      '--today',
      TODAY,
    ]);
    expect(code).toBe(1);
    expect(printed).toEqual([
      `error: Không đăng bình luận kết quả lên yêu cầu #33 được: GitHub từ chối dữ liệu gửi lên (HTTP 422). Kết luận (cần sửa) vẫn được ghi vào nhãn và trạng thái "${STATUS_CONTEXT}".`,
    ]);
    expect(server.state.comments).toHaveLength(0);
    expect(labelsOf(33)).toContain('cần sửa');
    expect(labelsOf(33)).not.toContain('hợp lệ');
    expect(server.state.statuses).toEqual([
      {
        sha: head,
        state: 'failure',
        context: STATUS_CONTEXT,
        description: expect.stringMatching(/^Bài gửi cần sửa: \d+ lỗi\.$/),
        target_url: 'https://github.com/so-noi-vu/kho-sang-kien/pull/33',
      },
    ]);
  }, 60_000);
});

describe('a line number past 1,000,000 (a 2.2 MB units.yaml)', () => {
  it('is answered in Vietnamese by feedback and by the fast check, never with zod’s report', async () => {
    const hosted = makeHosted(project, ROSTER);
    const branch = 'cap-nhat-don-vi';
    const units = readFileSync(join(project, 'content/units.yaml'), 'utf8');
    const head = openPull(hosted, 34, branch, {
      'content/units.yaml': `${'#\n'.repeat(1_100_000)}${units}\n- id: BAD ID\n`,
    });
    server = await startFakeGitHub({ pulls: [fakePull(34, 'can-bo-xa', branch, head)] });
    const outcomes = await feedback(hosted, head);
    expect(outcomes).toEqual([
      expect.objectContaining({ status: 'posted', message: 'Đã đăng bình luận trên yêu cầu #34.' }),
    ]);
    const body = commentOf(34);
    expect(body).toContain('### ❌ Bài gửi cần sửa');
    expect(body).toMatch(/^- `content\/units\.yaml`, trường `\[\d+\]\.id`: .*Mã đơn vị/m);
    // The line is dropped from the comment, not clamped to a wrong one.
    expect(body).not.toMatch(/dòng 1000000|dòng 11\d{5}/);
    expect(body).not.toMatch(/too_big|"origin"/);
    expect(server.state.statuses).toEqual([
      expect.objectContaining({ sha: head, state: 'failure', context: STATUS_CONTEXT }),
    ]);

    // validate.yml's fast check on the pull request's own checkout: the annotation keeps the line.
    git(hosted.work, 'checkout', '-q', head);
    const fast = await run(
      process.execPath,
      [
        join(project, 'scripts/github/verdict.ts'),
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
      ],
      { cwd: hosted.work, env: { ...process.env, GITHUB_TOKEN: '' }, maxBuffer: 16 << 20 },
    ).then(
      () => ({ code: 0, out: '' }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        out: error.stdout + error.stderr,
      }),
    );
    expect(fast.code).toBe(1);
    expect(fast.out).toMatch(/^::error file=content\/units\.yaml,line=11\d{5},title=/m);
    expect(fast.out).not.toMatch(/too_big|"origin"|Không kiểm tra yêu cầu hợp nhất được/);
  }, 120_000);
});

describe('pull requests that share a head commit share its status', () => {
  it('a member’s and an outsider’s pull request from one fork branch: one failing status, whatever the list order', async () => {
    const hosted = makeHosted(project, ROSTER, true);
    const branch = 'cap-nhat-quyet-dinh';
    const head = openPull(hosted, 80, branch, {
      [DECISION]: `${readFileSync(join(project, DECISION), 'utf8')}# sửa\n`,
    });
    // GitHub lets anyone open a pull request from a public fork's branch: same head, same commit.
    git(hosted.work, 'push', '-q', 'origin', `${head}:refs/pull/81/head`);
    const member = { ...fakePull(80, 'thu-ky', branch, head) };
    const outsider = {
      ...fakePull(81, 'can-bo-xa', branch, head),
      head: { ref: branch, sha: head, repo: 'thu-ky/kho-sang-kien' },
    };
    const seen: unknown[] = [];
    for (const pulls of [
      [member, outsider],
      [outsider, member],
    ]) {
      server = await startFakeGitHub({ pulls: structuredClone(pulls) });
      const outcomes = await feedback(hosted, head);
      expect(outcomes.map((outcome) => outcome.message)).toEqual([
        'Đã đăng bình luận trên yêu cầu #80.',
        'Đã đăng bình luận trên yêu cầu #81.',
      ]);
      expect(commentOf(80)).toContain('Bài gửi hợp lệ');
      expect(commentOf(81)).toContain('Bài gửi cần sửa');
      expect(labelsOf(80)).toContain('hợp lệ');
      expect(labelsOf(81)).toContain('cần sửa');
      expect(server.state.statuses).toEqual([
        {
          sha: head,
          state: 'failure',
          context: STATUS_CONTEXT,
          description: expect.stringMatching(
            /^Cùng lần cập nhật, cần sửa ở yêu cầu #81 \(\d+ lỗi\); hợp lệ ở 1 yêu cầu còn lại\.$/,
          ),
          target_url: expect.stringMatching(/\/pull\/81#issuecomment-\d+$/),
        },
      ]);
      seen.push(server.state.statuses);
      await server.close();
      server = undefined;
    }
    expect(seen[1]).toEqual(seen[0]);
  }, 120_000);
});

describe('a pull request that cannot be judged', () => {
  it('leaves the others answered, the commit’s status in error naming it, and a failed outcome', async () => {
    const hosted = makeHosted(project, ROSTER, true);
    const branch = 'cap-nhat-quyet-dinh';
    const head = openPull(hosted, 80, branch, {
      [DECISION]: `${readFileSync(join(project, DECISION), 'utf8')}# sửa\n`,
    });
    // Same head, but its base branch was deleted meanwhile: git cannot fetch what it compares to.
    git(hosted.work, 'push', '-q', 'origin', `${head}:refs/pull/81/head`);
    const orphan = { ...fakePull(81, 'thu-ky', branch, head), base: { ref: 'nhanh-da-xoa' } };
    server = await startFakeGitHub({ pulls: [fakePull(80, 'thu-ky', branch, head), orphan] });
    const outcomes = await feedback(hosted, head);
    expect(outcomes).toEqual([
      {
        status: 'failed',
        message: `Không tải được lần cập nhật của yêu cầu #81 và nhánh gốc "nhanh-da-xoa" bằng git. Trạng thái "${STATUS_CONTEXT}" ghi là chưa kiểm tra được.`,
      },
      expect.objectContaining({
        status: 'posted',
        message: 'Đã đăng bình luận trên yêu cầu #80.',
      }),
    ]);
    expect(commentOf(80)).toContain('Bài gửi hợp lệ');
    expect(labelsOf(80)).toContain('hợp lệ');
    expect(server.state.comments.filter((comment) => comment.issue === 81)).toEqual([]);
    expect(server.state.statuses).toEqual([
      {
        sha: head,
        state: 'error',
        context: STATUS_CONTEXT,
        description: 'Không kiểm tra được yêu cầu #81; cần chạy lại quy trình kiểm tra.',
      },
    ]);
  }, 120_000);
});
