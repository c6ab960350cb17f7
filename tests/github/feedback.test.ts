import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, explainGitHubError } from '../../scripts/github/client.ts';
import { isUntouched, MARKER, upsertComment, withMarker } from '../../scripts/github/comment.ts';
import { main, readResult, sendFeedback } from '../../scripts/github/feedback.ts';
import { labelsFor, syncLabels } from '../../scripts/github/labels.ts';
import { escapeText, type PrResult, renderComment } from '../../scripts/github/result.ts';
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
  it('comments in Vietnamese and labels an open pull request', async () => {
    const { server, github } = await setup();
    const outcome = await sendFeedback(github, { ...repo, headSha: HEAD }, result());
    expect(outcome.status).toBe('posted');
    const body = server.state.comments[0]?.body ?? '';
    expect(body).toContain('Bài gửi cần sửa');
    expect(body).toContain('Tổng tỷ lệ đóng góp là 90%');
    expect(server.state.pulls[0]?.labels).toEqual(
      expect.arrayContaining(['cần sửa', 'CCHC: Thủ tục hành chính', 'CCHC: Chính quyền số']),
    );
  });

  it('does nothing when the pull request was closed meanwhile', async () => {
    const { server, github } = await setup([pull(7, { state: 'closed' })]);
    const outcome = await sendFeedback(github, { ...repo, headSha: HEAD }, result());
    expect(outcome.status).toBe('skipped');
    expect(outcome.message).toMatch(/đã đóng/);
    expect(server.state.comments).toHaveLength(0);
    expect(server.requests.some((request) => request.path.includes('/labels'))).toBe(false);
  });

  it('does nothing when the pull request has moved to a newer commit', async () => {
    const { server, github } = await setup([
      pull(7, { head: { ref: 'cms/initiatives/x/index', sha: 'b'.repeat(40) } }),
    ]);
    const outcome = await sendFeedback(github, { ...repo, headSha: HEAD }, result());
    expect(outcome).toMatchObject({ status: 'skipped' });
    expect(server.state.comments).toHaveLength(0);
  });

  it('refuses an artifact whose commit is not the run’s commit', async () => {
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

describe('untrusted artifact', () => {
  it('escapes Markdown, HTML and mentions coming from the pull request', () => {
    expect(escapeText('<img src=x> @chu-tich **đậm** `x`')).toBe(
      '&lt;img src=x&gt; @\u200bchu-tich \\*\\*đậm\\*\\* \\`x\\`',
    );
    const body = renderComment(
      result({ entries: [{ slug: 'x', title: '<script>@all</script>', areas: [] }] }),
    );
    expect(body).not.toContain('<script>');
    expect(body).not.toMatch(/@all/);
  });

  it.each([
    ['not JSON', '{', /không phải JSON/],
    [
      'unknown area',
      JSON.stringify({ ...result(), entries: [{ slug: 'x', areas: ['hack'] }] }),
      /entries\.0\.areas\.0/,
    ],
    ['extra key', JSON.stringify({ ...result(), token: 'x' }), /không đúng định dạng/],
  ])('rejects an artifact that is %s', (_name, text, pattern) => {
    const dir = mkdtempSync(join(tmpdir(), 'kho-feedback-'));
    writeFileSync(join(dir, 'result.json'), text);
    expect(() => readResult(join(dir, 'result.json'))).toThrow(pattern);
  });

  it('CLI answers --help in Vietnamese and fails cleanly without a result', async () => {
    const logs: string[] = [];
    const original = { log: console.log, error: console.error };
    console.log = (text: string) => logs.push(text);
    console.error = (text: string) => logs.push(text);
    try {
      expect(await main(['--help'])).toBe(0);
      expect(await main(['--head-sha', HEAD])).toBe(1);
    } finally {
      Object.assign(console, original);
    }
    expect(logs[0]).toMatch(/^Cách dùng: npm run feedback/);
    expect(logs[1]).toBe('Thiếu --result (thư mục kết quả kiểm tra).');
  });
});
