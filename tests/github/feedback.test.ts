import { afterEach, describe, expect, it } from 'vitest';
import { createClient, explainGitHubError, UserError } from '../../scripts/github/client.ts';
import {
  COMMENT_BUDGET,
  isUntouched,
  MARKER,
  upsertComment,
  withMarker,
} from '../../scripts/github/comment.ts';
import {
  combinedStatus,
  main,
  STATUS_CONTEXT,
  sendFeedback,
  sendFeedbackForCommit,
} from '../../scripts/github/feedback.ts';
import { labelsFor, syncLabels } from '../../scripts/github/labels.ts';
import {
  type PrResult,
  prResultSchema,
  renderComment,
  toPrResult,
} from '../../scripts/github/result.ts';
import { markdownCode, markdownText } from '../../src/core/markdown-escape.ts';
import { clipText } from '../../src/core/text.ts';
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
  ])(
    'a comment refused with HTTP %i is explained in Vietnamese, and the labels and the status still follow the verdict',
    async (status, pattern) => {
      const { server, github } = await setup([pull(7, { labels: ['hợp lệ'] })]);
      server.state.labels.push({ name: 'hợp lệ', color: '2e7d32' });
      server.inject({
        method: 'POST',
        path: /\/issues\/7\/comments$/,
        status,
        body: { message: 'x' },
      });
      const outcome = await sendFeedback(github, { ...repo, headSha: HEAD }, result());
      expect(outcome.status).toBe('failed');
      expect(outcome.message).toMatch(pattern);
      expect(outcome.message).toMatch(/^Không đăng bình luận kết quả lên yêu cầu #7 được: /);
      expect(outcome.message).toContain('vẫn được ghi vào nhãn và trạng thái');
      expect(server.state.comments).toHaveLength(0);
      expect(server.state.pulls[0]?.labels.sort()).toEqual([
        'CCHC: Chính quyền số',
        'CCHC: Thủ tục hành chính',
        'cần sửa',
      ]);
      expect(server.state.statuses).toEqual([
        {
          sha: HEAD,
          state: 'failure',
          context: STATUS_CONTEXT,
          description: 'Bài gửi cần sửa: 1 lỗi.',
          // No comment to point to: the pull request itself.
          target_url: 'https://github.com/so-noi-vu/kho-sang-kien/pull/7',
        },
      ]);
    },
  );

  it('an edit of the comment refused by GitHub still takes the stale “hợp lệ” off', async () => {
    const { server, github } = await setup([pull(7, { labels: ['hợp lệ'] })]);
    server.state.labels.push({ name: 'hợp lệ', color: '2e7d32' });
    const stamp = '2024-09-01T00:00:00Z';
    const old = withMarker('### ✅ Bài gửi hợp lệ\n\nKiểm tra tự động không thấy lỗi.');
    server.state.comments.push({
      id: 900,
      issue: 7,
      body: old,
      user: { login: 'github-actions[bot]', type: 'Bot' },
      created_at: stamp,
      updated_at: stamp,
    });
    server.inject({ method: 'PATCH', path: /\/issues\/comments\/900$/, status: 422 });
    const outcome = await sendFeedback(github, { ...repo, headSha: HEAD }, result());
    expect(outcome).toMatchObject({ status: 'failed' });
    expect(outcome.message).toMatch(/từ chối dữ liệu gửi lên \(HTTP 422\)/);
    expect(server.state.comments[0]?.body).toBe(old);
    expect(server.state.pulls[0]?.labels).not.toContain('hợp lệ');
    expect(server.state.pulls[0]?.labels).toContain('cần sửa');
    expect(server.state.statuses).toEqual([
      expect.objectContaining({ sha: HEAD, state: 'failure', context: STATUS_CONTEXT }),
    ]);
  });

  it('labels refused by GitHub still leave the comment and the status, and the outcome says so', async () => {
    const { server, github } = await setup();
    server.inject({ method: 'GET', path: /\/issues\/7\/labels$/, status: 403 });
    const outcome = await sendFeedback(github, { ...repo, headSha: HEAD }, result());
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toBe(
      'Đã đăng bình luận trên yêu cầu #7. Không gắn nhãn cho yêu cầu #7 được: mã truy cập GitHub không đủ quyền (HTTP 403).',
    );
    expect(server.state.comments).toHaveLength(1);
    expect(server.state.statuses).toEqual([
      expect.objectContaining({
        state: 'failure',
        target_url: expect.stringContaining('#issuecomment-'),
      }),
    ]);
  });
});

describe('several open pull requests on one commit share one status', () => {
  const member = pull(80, {
    user: { login: 'thu-ky' },
    head: { ref: 'cap-nhat-quyet-dinh', sha: HEAD, repo: 'thu-ky/kho-sang-kien' },
  });
  const outsider = pull(81, {
    user: { login: 'can-bo-xa' },
    head: { ref: 'cap-nhat-quyet-dinh', sha: HEAD, repo: 'thu-ky/kho-sang-kien' },
  });
  const valid = (number: number) =>
    result({
      pullRequest: number,
      validation: { ok: true, findings: [] },
      guard: { ok: true, problems: [] },
    });
  const refused = (number: number) =>
    result({
      pullRequest: number,
      validation: { ok: true, findings: [] },
      guard: {
        ok: false,
        problems: [
          { file: 'content/decisions/2024-tanh-linh.yaml', message: 'Không thuộc Hội đồng.' },
          { file: 'scripts/ghi-chu.ts', message: 'Không thuộc Hội đồng.' },
        ],
      },
    });

  it.each([
    ['#80 listed first', [member, outsider], [valid(80), refused(81)]],
    ['#81 listed first', [outsider, member], [refused(81), valid(80)]],
  ])(
    '%s → one failing status naming #81; comments and labels per pull request',
    async (_name, pulls, results) => {
      const { server, github } = await setup(pulls);
      const outcomes = await sendFeedbackForCommit(github, { ...repo, headSha: HEAD }, results);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['posted', 'posted']);
      expect(server.state.statuses).toEqual([
        {
          sha: HEAD,
          state: 'failure',
          context: STATUS_CONTEXT,
          description:
            'Cùng lần cập nhật, cần sửa ở yêu cầu #81 (2 lỗi); hợp lệ ở 1 yêu cầu còn lại.',
          target_url: expect.stringMatching(/\/pull\/81#issuecomment-\d+$/),
        },
      ]);
      const labelsOf = (number: number) =>
        server.state.pulls.find((item) => item.number === number)?.labels ?? [];
      expect(labelsOf(80)).toContain('hợp lệ');
      expect(labelsOf(81)).toContain('cần sửa');
      const bodyOf = (number: number) =>
        server.state.comments.find((comment) => comment.issue === number)?.body ?? '';
      expect(bodyOf(80)).toContain('Bài gửi hợp lệ');
      expect(bodyOf(81)).toContain('Bài gửi cần sửa');
    },
  );

  it('passes only when every pull request on the commit passes', () => {
    expect(
      combinedStatus([
        { number: 81, valid: true, errors: 0, url: 'u81' },
        { number: 80, valid: true, errors: 0, url: 'u80' },
      ]),
    ).toEqual({
      state: 'success',
      description: 'Hợp lệ ở cả 2 yêu cầu cùng lần cập nhật: #80, #81.',
      target_url: 'u80',
    });
  });

  it('is in error, never passed, while a pull request on the commit could not be judged', () => {
    expect(
      combinedStatus(
        [
          { number: 80, valid: true, errors: 0, url: 'u80' },
          { number: 82, valid: false, errors: 2, url: 'u82' },
        ],
        [83, 81],
      ),
    ).toEqual({
      state: 'error',
      description: 'Không kiểm tra được yêu cầu #81, #83; cần chạy lại quy trình kiểm tra.',
      target_url: 'u82',
    });
    const many = combinedStatus(
      [],
      Array.from({ length: 40 }, (_, index) => 1000 + index),
    );
    expect(many.state).toBe('error');
    expect(many.description.length).toBeLessThanOrEqual(140);
    expect(many.description).toMatch(
      /^Không kiểm tra được yêu cầu #1000, #1001, .* và \d+ yêu cầu khác; /,
    );
  });

  it('keeps a long list of failing pull requests within GitHub’s 140 characters', () => {
    const verdicts = Array.from({ length: 40 }, (_, index) => ({
      number: 1000 + index,
      valid: index % 3 === 0,
      errors: index % 3 === 0 ? 0 : 123,
    }));
    const status = combinedStatus(verdicts);
    expect(status.state).toBe('failure');
    expect(status.description.length).toBeLessThanOrEqual(140);
    expect(status.description).toMatch(
      /^Cùng lần cập nhật, cần sửa ở yêu cầu #1001 \(123 lỗi\), #1002 \(123 lỗi\), .* và \d+ yêu cầu khác; hợp lệ ở 14 yêu cầu còn lại\.$/,
    );
  });
});

describe('a comment within GitHub’s limit, whatever the pull request holds', () => {
  const hashes = '#'.repeat(900);
  /** What the comment used to quote in full: every title and message, escaped. */
  const unbounded = (value: PrResult) =>
    [
      ...value.entries.map((entry) => markdownText(entry.title ?? entry.slug)),
      ...value.validation.findings.map(
        (finding) => markdownCode(finding.file) + markdownText(finding.message),
      ),
    ].join('').length;

  const cases: [string, PrResult][] = [
    [
      '60 attachments named with 900 “#” each',
      result({
        validation: {
          ok: false,
          findings: Array.from({ length: 60 }, (_, index) => ({
            file: 'content/initiatives/sang-kien-7/index.md',
            severity: 'error' as const,
            field: `attachments[${index}].file`,
            line: 48 + 2 * index,
            message:
              `Tệp đính kèm thứ ${index + 1} › Tệp đính kèm: Không đọc được tệp "${hashes}${index}.png".`.slice(
                0,
                1000,
              ),
          })),
        },
      }),
    ],
    [
      '200 entries with titles of 300 “#” and 2,000 findings of 1,000 characters',
      result({
        entries: Array.from({ length: 200 }, (_, index) => ({
          slug: `gia-an-${index}`,
          title: '#'.repeat(300),
          areas: [],
        })),
        validation: {
          ok: false,
          findings: Array.from({ length: 2000 }, (_, index) => ({
            file: `content/initiatives/gia-an-${index}/${'\u202E'.repeat(260)}.md`,
            severity: index % 2 === 0 ? ('error' as const) : ('warning' as const),
            field: '\n'.repeat(200),
            line: index + 1,
            message: '#@<'.repeat(333),
          })),
        },
        guard: {
          ok: false,
          problems: Array.from({ length: 500 }, () => ({
            file: '`'.repeat(300),
            message: '#'.repeat(1000),
          })),
        },
      }),
    ],
  ];

  it.each(cases)('%s', async (_name, value) => {
    expect(prResultSchema.parse(value)).toEqual(value);
    expect(unbounded(value)).toBeGreaterThan(65_536);
    const text = renderComment(value);
    // Posted at its longest: after a comment a person edited, with the longest id there is.
    const { server, github } = await setup();
    const stamp = '2024-09-01T00:00:00Z';
    server.state.comments.push({
      id: Number.MAX_SAFE_INTEGER,
      issue: 7,
      body: `${withMarker('Kết quả cũ')} (đã sửa)`,
      user: { login: 'github-actions[bot]', type: 'Bot' },
      created_at: stamp,
      updated_at: stamp,
    });
    const posted = await upsertComment(github, { ...repo, issue: 7 }, text);
    expect(posted.action).toBe('created-after-edit');
    const body = server.state.comments.find((comment) => comment.id === posted.commentId)?.body;
    expect(body?.length).toBeLessThanOrEqual(COMMENT_BUDGET);
    expect(body?.isWellFormed()).toBe(true);
    const lines = text.split('\n');
    expect(lines[0]).toBe('### ❌ Bài gửi cần sửa');
    expect(lines.at(-1)).toMatch(/^<sub>Kết quả kiểm tra tự động cho lần cập nhật aaaaaaa/);
    expect(text).toMatch(/^- … và \d+ mục khác \(xem nhật ký của quy trình validate\)\.$/m);
    // No escape is cut: every escaped "#" keeps its zero-width space, every code span closes.
    expect(text.split('\\#').length).toBe(text.split('\\#\u200B').length);
    for (const line of lines.filter((item) => item.startsWith('- `'))) {
      const fence = /^- (`+)/.exec(line)?.[1] ?? '';
      expect(line.slice(2 + fence.length)).toContain(fence);
    }
  });

  it('counts the items left out, section by section, and keeps the counts in the headings', () => {
    const [, value] = cases[1] ?? [];
    if (!value) throw new Error('case missing');
    const text = renderComment(value);
    expect(text).toContain('**Lỗi cần sửa (1000):**');
    expect(text).toContain('**Lưu ý (1000):**');
    expect(text).toMatch(/^Sáng kiến trong yêu cầu này: .* và 190 sáng kiến khác\.$/m);
    expect(text).toMatch(/^- 1000 mục, không hiện được trong bình luận \(xem nhật ký/m);
  });

  it('upsertComment refuses a text over the budget in Vietnamese, before GitHub would', async () => {
    const { server, github } = await setup();
    const error = await upsertComment(github, { ...repo, issue: 7 }, 'x'.repeat(30_000)).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(
      /^Bình luận kết quả dài 30\d{3} ký tự, quá giới hạn 20000 ký tự của công cụ; không đăng\.$/,
    );
    expect(server.requests.some((request) => request.method === 'POST')).toBe(false);
  });

  it('a small result is shown whole, as before', () => {
    const text = renderComment(result());
    expect(text).not.toContain('mục khác');
    expect(text).toContain('Tổng tỷ lệ đóng góp là 90\\%');
  });
});

describe('text clipped for GitHub', () => {
  it('never splits an emoji: a title of 298 “a” and two emoji', () => {
    const title = `${'a'.repeat(298)}😀😀`;
    const clipped = clipText(title, 300);
    expect(clipped).toBe(`${'a'.repeat(298)}…`);
    expect(clipped.isWellFormed()).toBe(true);
    const value = toPrResult({
      pullRequest: 7,
      headSha: HEAD,
      entries: [{ slug: 'sang-kien-7', title, areas: [] }],
      findings: [],
      guard: { ok: true, problems: [] },
    });
    expect(value.entries[0]?.title?.isWellFormed()).toBe(true);
    const body = withMarker(renderComment(value));
    expect(body.isWellFormed()).toBe(true);
  });

  it.each([
    ['short text', 'Nhắc hạn', 300, 'Nhắc hạn'],
    ['exactly the limit', 'abcde', 5, 'abcde'],
    ['a cut between two emoji', '😀😀😀', 5, '😀😀…'],
    ['a cut inside the second emoji', '😀😀😀', 4, '😀…'],
    ['a lone high surrogate in the text', 'a\uD83Db', 10, 'a\uFFFDb'],
  ])('%s', (_name, text, max, expected) => {
    const clipped = clipText(text, max);
    expect(clipped).toBe(expected);
    expect(clipped.length).toBeLessThanOrEqual(max);
    expect(clipped.isWellFormed()).toBe(true);
  });
});

describe('the result is bounded before its schema is checked', () => {
  const raw = (line: number) => ({
    pullRequest: 7,
    headSha: HEAD,
    entries: [],
    findings: [
      {
        file: 'content/units.yaml',
        severity: 'error' as const,
        field: '[40].id',
        line,
        message: 'Mã đơn vị: Mã chỉ gồm chữ thường không dấu.',
      },
    ],
    guard: { ok: true, problems: [] },
  });

  it('a line past 1,000,000 is dropped, the file and the message are kept', () => {
    const value = toPrResult(raw(1_100_043));
    expect(value.validation.findings).toEqual([
      {
        file: 'content/units.yaml',
        severity: 'error',
        field: '[40].id',
        message: 'Mã đơn vị: Mã chỉ gồm chữ thường không dấu.',
      },
    ]);
    expect(value.validation.ok).toBe(false);
    expect(toPrResult(raw(1_000_000)).validation.findings[0]?.line).toBe(1_000_000);
  });

  it('a result the schema still refuses is a Vietnamese sentence, not zod’s report', () => {
    let error: unknown;
    try {
      toPrResult({ ...raw(3), pullRequest: 0, headSha: 'không phải mã băm' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    const message = explainGitHubError(error, 'kiểm tra yêu cầu hợp nhất');
    expect(message).toMatch(
      /^Kết quả kiểm tra không đúng mẫu của công cụ \(pullRequest: Cần ít nhất 1\.; headSha: Không đúng định dạng\.\)\. Đây là lỗi của công cụ kiểm tra/,
    );
    expect(message).not.toMatch(/"code"|too_small|origin|\[\s*\{/);
  });
});

describe('the fake GitHub refuses a comment body over 65,536 characters', () => {
  it.each([
    ['posting', 'POST'],
    ['editing', 'PATCH'],
  ])('%s: 422 as GitHub answers, and an edit keeps the old body', async (_name, method) => {
    const { server } = await setup();
    const stamp = '2024-09-01T00:00:00Z';
    server.state.comments.push({
      id: 900,
      issue: 7,
      body: 'cũ',
      user: { login: 'github-actions[bot]', type: 'Bot' },
      created_at: stamp,
      updated_at: stamp,
    });
    const path =
      method === 'POST'
        ? '/repos/so-noi-vu/kho-sang-kien/issues/7/comments'
        : '/repos/so-noi-vu/kho-sang-kien/issues/comments/900';
    const send = (body: string) =>
      fetch(`${server.baseUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ body }),
      });
    const refused = await send('x'.repeat(65_537));
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      message: 'Validation Failed',
      errors: [
        {
          resource: 'IssueComment',
          code: 'unprocessable',
          field: 'data',
          message: 'Body is too long (maximum is 65536 characters)',
        },
      ],
    });
    expect(server.state.comments.map((comment) => comment.body)).toEqual(['cũ']);
    // The limit counts characters: 65,536 emoji (131,072 UTF-16 units) are taken.
    const taken = await send('😀'.repeat(65_536));
    expect(taken.status).toBe(method === 'POST' ? 201 : 200);
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
