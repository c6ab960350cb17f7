import { afterEach, describe, expect, it } from 'vitest';
import { createClient, explainGitHubError } from '../../scripts/github/client.ts';
import { isUntouched, MARKER, upsertComment, withMarker } from '../../scripts/github/comment.ts';
import { main, STATUS_CONTEXT, sendFeedback } from '../../scripts/github/feedback.ts';
import { labelsFor, syncLabels } from '../../scripts/github/labels.ts';
import { type PrResult, renderComment } from '../../scripts/github/result.ts';
import {
  type FakeGitHub,
  type FakePull,
  rateLimited,
  startFakeGitHub,
} from '../support/fake-github.ts';

const HEAD = 'a'.repeat(40);
const repo = { owner: 'so-noi-vu', repo: 'kho-sang-kien' };

function pull(number: number, extra: Partial<FakePull> = {}): FakePull {
  return {
    number,
    title: `Tạo sáng kiến ${number}`,
    state: 'open',
    user: { login: 'can-bo-xa' },
    head: { ref: `cms/initiatives/sang-kien-${number}/index`, sha: HEAD },
    base: { ref: 'main' },
    labels: ['decap-cms/pending_review'],
    files: [{ filename: `content/initiatives/sang-kien-${number}/index.md`, status: 'added' }],
    ...extra,
  };
}

function result(extra: Partial<PrResult> = {}): PrResult {
  return {
    version: 1,
    pullRequest: 7,
    headSha: HEAD,
    entries: [
      {
        slug: 'sang-kien-7',
        title: 'Nhắc hạn hồ sơ đất đai',
        areas: ['procedures', 'digital-government'],
      },
    ],
    validation: {
      ok: false,
      findings: [
        {
          file: 'content/initiatives/sang-kien-7/index.md',
          severity: 'error',
          field: 'authors[1].share',
          line: 12,
          message: 'Tổng tỷ lệ đóng góp là 90%, phải bằng 100%.',
        },
      ],
    },
    guard: { ok: true, problems: [] },
    ...extra,
  };
}

let server: FakeGitHub | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(pulls: FakePull[] = [pull(7)], throttle = false) {
  server = await startFakeGitHub({ pulls });
  const github = createClient({
    baseUrl: server.baseUrl,
    token: 'test-token',
    retryAfterUnit: 10,
    throttle,
  });
  return { server, github };
}

describe('comment marker and hash', () => {
  it.each([
    ['text written by the tool', (body: string) => body, true],
    ['a word changed by a person', (body: string) => body.replace('hợp lệ', 'đã xem'), false],
    [
      'the hash line removed',
      (body: string) => body.replace(/\n<!-- kho-sang-kien:hash [0-9a-f]+ -->/, ''),
      false,
    ],
    ['line endings changed to CRLF', (body: string) => body.replace(/\n/g, '\r\n'), true],
  ])('%s → untouched=%s', (_name, change, expected) => {
    const body = withMarker('### Bài gửi hợp lệ\n\nKhông có lỗi.');
    expect(body.startsWith(MARKER)).toBe(true);
    expect(isUntouched(change(body))).toBe(expected);
  });
});

describe('upsertComment against the fake GitHub', () => {
  it('creates one comment, then updates it in place on the next run', async () => {
    const { server, github } = await setup();
    const first = await upsertComment(github, { ...repo, issue: 7 }, 'Lần 1: cần sửa');
    const second = await upsertComment(github, { ...repo, issue: 7 }, 'Lần 2: hợp lệ');
    const third = await upsertComment(github, { ...repo, issue: 7 }, 'Lần 2: hợp lệ');
    expect(first.action).toBe('created');
    expect(second).toMatchObject({ action: 'updated', commentId: first.commentId });
    expect(third.action).toBe('unchanged');
    const comments = server.state.comments.filter((comment) => comment.issue === 7);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('Lần 2: hợp lệ');
  });

  it('finds its comment on a later page (Link pagination) and ignores a person quoting the marker', async () => {
    const { server, github } = await setup();
    const stamp = '2024-09-01T00:00:00Z';
    for (let index = 0; index < 130; index += 1) {
      server.state.comments.push({
        id: index + 1,
        issue: 7,
        body: `Ý kiến ${index}`,
        user: { login: 'thanh-vien' },
        created_at: stamp,
        updated_at: stamp,
      });
    }
    server.state.comments.push({
      id: 500,
      issue: 7,
      body: withMarker('Kết quả cũ'),
      user: { login: 'github-actions[bot]', type: 'Bot' },
      created_at: stamp,
      updated_at: stamp,
    });
    server.state.comments.push({
      id: 501,
      issue: 7,
      body: `Trích lại: ${MARKER}`,
      user: { login: 'thanh-vien' },
      created_at: stamp,
      updated_at: stamp,
    });
    const outcome = await upsertComment(github, { ...repo, issue: 7 }, 'Kết quả mới');
    expect(outcome).toMatchObject({ action: 'updated', commentId: 500 });
    expect(
      server.requests.filter((request) => request.path.includes('/issues/7/comments')).length,
    ).toBeGreaterThan(1);
    expect(server.state.comments.find((comment) => comment.id === 501)?.body).toBe(
      `Trích lại: ${MARKER}`,
    );
  });

  it('posts a fresh comment instead of overwriting one a person edited, and says so', async () => {
    const { server, github } = await setup();
    const first = await upsertComment(github, { ...repo, issue: 7 }, 'Kết quả máy');
    const edited = server.state.comments.find((comment) => comment.id === first.commentId);
    if (!edited) throw new Error('comment missing');
    edited.body = edited.body.replace('Kết quả máy', 'Thư ký đã ghi chú: chờ bổ sung số liệu');
    const second = await upsertComment(github, { ...repo, issue: 7 }, 'Kết quả máy lần 2');
    expect(second.action).toBe('created-after-edit');
    expect(second.note).toMatch(/đã được người khác sửa/);
    expect(edited.body).toContain('Thư ký đã ghi chú');
    expect(server.state.comments).toHaveLength(2);
    // The new comment is now the one kept up to date.
    const third = await upsertComment(github, { ...repo, issue: 7 }, 'Kết quả máy lần 3');
    expect(third).toMatchObject({ action: 'updated', commentId: second.commentId });
  });
});

describe('labels', () => {
  it.each([
    [true, ['procedures'], ['hợp lệ', 'CCHC: Thủ tục hành chính']],
    [false, ['digital-government', 'digital-government'], ['cần sửa', 'CCHC: Chính quyền số']],
    [false, ['unknown-area'], ['cần sửa']],
  ])('valid=%s areas=%j → %j', (valid, areas, names) => {
    expect(labelsFor(valid, areas).map((label) => label.name)).toEqual(names);
  });

  it('adds wanted labels, removes stale managed ones, keeps Decap labels, tolerates existing labels (422)', async () => {
    const { server, github } = await setup([
      pull(7, { labels: ['decap-cms/pending_review', 'cần sửa', 'CCHC: Thể chế'] }),
    ]);
    server.state.labels.push(
      { name: 'cần sửa', color: 'c62828' },
      { name: 'CCHC: Thể chế', color: '1d4e89' },
      { name: 'hợp lệ', color: '2e7d32' },
    );
    const change = await syncLabels(github, { ...repo, issue: 7 }, labelsFor(true, ['procedures']));
    expect(change.added.sort()).toEqual(['CCHC: Thủ tục hành chính', 'hợp lệ']);
    expect(change.removed.sort()).toEqual(['CCHC: Thể chế', 'cần sửa']);
    expect(server.state.pulls[0]?.labels.sort()).toEqual([
      'CCHC: Thủ tục hành chính',
      'decap-cms/pending_review',
      'hợp lệ',
    ]);
    expect(
      server.state.labels.find((label) => label.name === 'CCHC: Thủ tục hành chính')?.color,
    ).toBe('1d4e89');
  });
});

describe('sendFeedback', () => {
  it('comments in Vietnamese, labels an open pull request and sets the required status', async () => {
    const { server, github } = await setup();
    const outcome = await sendFeedback(github, { ...repo, headSha: HEAD }, result());
    expect(outcome.status).toBe('posted');
    const body = server.state.comments[0]?.body ?? '';
    expect(body).toContain('Bài gửi cần sửa');
    expect(body).toContain('Tổng tỷ lệ đóng góp là 90\\%');
    expect(server.state.pulls[0]?.labels).toEqual(
      expect.arrayContaining(['cần sửa', 'CCHC: Thủ tục hành chính', 'CCHC: Chính quyền số']),
    );
    expect(server.state.statuses).toEqual([
      expect.objectContaining({
        sha: HEAD,
        state: 'failure',
        context: STATUS_CONTEXT,
        description: 'Bài gửi cần sửa: 1 lỗi.',
      }),
    ]);
  });

  it('does nothing when the pull request was closed meanwhile', async () => {
    const { server, github } = await setup([pull(7, { state: 'closed' })]);
    const outcome = await sendFeedback(github, { ...repo, headSha: HEAD }, result());
    expect(outcome.status).toBe('skipped');
    expect(outcome.message).toMatch(/đã đóng/);
    expect(server.state.comments).toHaveLength(0);
    expect(server.requests.some((request) => request.path.includes('/labels'))).toBe(false);
    expect(server.state.statuses).toHaveLength(0);
  });

  it('does nothing when the pull request has moved to a newer commit', async () => {
    const { server, github } = await setup([
      pull(7, { head: { ref: 'cms/initiatives/x/index', sha: 'b'.repeat(40) } }),
    ]);
    const outcome = await sendFeedback(github, { ...repo, headSha: HEAD }, result());
    expect(outcome).toMatchObject({ status: 'skipped' });
    expect(server.state.comments).toHaveLength(0);
  });

  it('refuses a result whose commit is not the run’s commit', async () => {
    const { github } = await setup();
    await expect(
      sendFeedback(github, { ...repo, headSha: 'c'.repeat(40) }, result()),
    ).rejects.toThrow(/khác lần chạy/);
  });

  it('retries once after a short rate limit (429 + retry-after) and succeeds', async () => {
    const { server, github } = await setup([pull(7)], true);
    server.inject({ method: 'GET', path: /\/pulls\/7$/, ...rateLimited(429, 1) });
    const outcome = await sendFeedback(github, { ...repo, headSha: HEAD }, result());
    expect(outcome.status).toBe('posted');
    expect(server.requests.filter((request) => request.path.endsWith('/pulls/7'))).toHaveLength(2);
  });

  it('gives a clear Vietnamese error when the rate limit lasts', async () => {
    const { server, github } = await setup([pull(7)], true);
    server.inject({ method: 'GET', path: /\/pulls\/7$/, ...rateLimited(403, 1), times: 5 });
    const error = await sendFeedback(github, { ...repo, headSha: HEAD }, result()).catch(
      (caught: unknown) => caught,
    );
    expect(explainGitHubError(error, 'đăng kết quả kiểm tra')).toMatch(
      /GitHub đang giới hạn số lần gọi nên không đăng kết quả kiểm tra được\. Hãy chạy lại sau khoảng 1 giây/,
    );
  });

  it.each([
    [404, /không tìm thấy/],
    [403, /không đủ quyền/],
    [422, /từ chối dữ liệu/],
  ])('explains HTTP %i in Vietnamese', async (status, pattern) => {
    const { server, github } = await setup();
    server.inject({
      method: 'POST',
      path: /\/issues\/7\/comments$/,
      status,
      body: { message: 'x' },
    });
    const error = await sendFeedback(github, { ...repo, headSha: HEAD }, result()).catch(
      (caught: unknown) => caught,
    );
    expect(explainGitHubError(error, 'đăng kết quả kiểm tra')).toMatch(pattern);
  });
});

describe('the comment with hostile names from the pull request', () => {
  const hostile = [
    [
      'a name with a newline, a heading and a team mention',
      'content/initiatives/a/x\n### Hợp lệ @to-chuc/hoi-dong',
    ],
    ['a name with CRLF and a quote', 'content/initiatives/a/x\r\n> Đã duyệt'],
    ['a name with backticks', 'content/initiatives/a/``x`y``.png'],
    ['a name with HTML', 'content/initiatives/a/<img src=x onerror=alert(1)>.png'],
    ['a name with a reference and a link', 'content/initiatives/a/#1 https://vi-du.invalid/x'],
    ['a name with a right-to-left override', 'content/initiatives/a/anh\u202Egnp.exe'],
    ['a name with a table row', 'content/initiatives/a/|a|b|\n|-|-|'],
  ] as const;

  it.each(hostile)('%s stays one inert line of the list', (_name, file) => {
    const body = renderComment(
      result({
        validation: {
          ok: false,
          findings: [{ file, severity: 'error', message: `Tệp ${file} không được phép.` }],
        },
        guard: { ok: false, problems: [{ file, message: `Tệp ${file} nằm ngoài thư mục.` }] },
      }),
    );
    const lines = body.split('\n');
    // The only heading is the bot's own; each hostile name sits on one list line.
    expect(lines.filter((line) => /^\s*#/.test(line))).toEqual(['### ❌ Bài gửi cần sửa']);
    expect(lines.filter((line) => /^\s*(>|\|)/.test(line))).toEqual([]);
    // Inside a code span nothing is a mention, a reference, a link or HTML; outside, nothing may be.
    const outside = body.replace(/(?<![`\\])(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
    expect(outside).not.toMatch(/@to-chuc/);
    expect(outside).not.toMatch(/(^|[^\\])<img/);
    expect(outside).not.toMatch(/#1/);
    expect(outside).not.toMatch(/https:\/\//);
    expect(body).not.toContain('\u202E');
    const listed = lines.filter((line) => line.startsWith('- '));
    expect(listed).toHaveLength(2);
  });

  it('shows a title as text, not as Markdown or HTML', () => {
    const body = renderComment(
      result({ entries: [{ slug: 'x', title: '<script>@all</script> **đậm**', areas: [] }] }),
    );
    expect(body).not.toContain('<script>');
    expect(body).not.toMatch(/@all/);
    expect(body).toContain('\\*\\*đậm\\*\\*');
  });

  it('CLI answers --help in Vietnamese, refuses an artifact option and a missing commit', async () => {
    const logs: string[] = [];
    const original = { log: console.log, error: console.error };
    console.log = (text: string) => logs.push(text);
    console.error = (text: string) => logs.push(text);
    try {
      expect(await main(['--help'])).toBe(0);
      expect(await main(['--result', 'pr-result', '--head-sha', HEAD])).toBe(2);
      expect(await main([])).toBe(2);
    } finally {
      Object.assign(console, original);
    }
    expect(logs[0]).toMatch(/^Cách dùng: npm run feedback/);
    expect(logs[1]).toMatch(/^Tùy chọn không có: --result\./);
    expect(logs[2]).toBe('Thiếu hoặc sai --head-sha (40 ký tự hệ 16).');
  });
});
