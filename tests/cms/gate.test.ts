/**
 * The project's gate in front of decap-server (scripts/cms/gate.ts), driven over HTTP the
 * way the admin's proxy backend talks to it: a draft with errors may be saved, but not
 * moved to "ready" nor published; only `content/` may be written on an entry's branch,
 * only attachment files in the media library; requests for another host name are refused.
 * Ten people saving at once all succeed; a decap-server that dies is reported, restarted,
 * and the requests sent meanwhile wait for it.
 */

import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEDIA_FOLDER } from '../../scripts/cms/gate.ts';
import { freePort } from '../../scripts/cms/net.ts';
import { branchOfSlug } from '../../scripts/report/source.ts';
import { type ProxyServer, startProxy } from '../../scripts/start.ts';
import { cmsConfig } from '../../src/admin/config.ts';
import { git, makeRepo } from '../support/git-fixture.ts';

const project = resolve(import.meta.dirname, '../..');
const SAMPLE = 'nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai';
const SLUG = 'nhan-tin-hen-tra-ket-qua-o-xa-gia-an';
/** Decap's entry slug for `path: '{{slug}}/index'`: the admin sends this. */
const ENTRY_SLUG = `${SLUG}/index`;
const BRANCH = branchOfSlug(SLUG);
const ENTRY_PATH = `content/initiatives/${SLUG}/index.md`;
const sample = readFileSync(join(project, 'content/initiatives', SAMPLE, 'index.md'), 'utf8');
const valid = sample.replace(/^title: .*$/m, 'title: Nhắn tin hẹn trả kết quả ở xã Gia An');
/** Shares 50 + 30 + 10: the validator's schema refuses it. */
const invalid = valid.replace('share: 20', 'share: 10');
const SHARES = 'Tác giả: Tổng tỷ lệ đóng góp là 90%, phải bằng 100%.';
const IMAGE = 'bieu-do-ho-so-tre-hen.png';
const png = readFileSync(join(project, 'content/initiatives', SAMPLE, IMAGE));

let root: string;
let proxy: ProxyServer;
let port: number;
const notices: string[] = [];

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { error?: string; [key: string]: unknown };
}

/** A request as the admin's proxy backend sends it; `host` overrides the Host header. */
function post(
  action: string,
  params: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const payload = JSON.stringify({ action, params: { branch: 'main', ...params } });
  return new Promise((done, fail) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(payload),
          ...headers,
        },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          done({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: text ? JSON.parse(text) : {},
          });
        });
      },
    );
    outgoing.on('error', fail);
    outgoing.end(payload);
  });
}

function saveEntry(text: string, extra: Record<string, unknown> = {}) {
  return post('persistEntry', {
    dataFiles: [{ slug: ENTRY_SLUG, path: ENTRY_PATH, raw: text }],
    assets: [
      {
        path: `content/initiatives/${SLUG}/${IMAGE}`,
        content: png.toString('base64'),
        encoding: 'base64',
      },
    ],
    options: {
      collectionName: 'initiatives',
      commitMessage: `Cập nhật sáng kiến “${ENTRY_SLUG}”`,
      useWorkflow: true,
      status: 'draft',
    },
    ...extra,
  });
}

/** What Decap's proxy backend sends for a new entry (implementation.js, persistEntry). */
function saveNew(slug: string, title: string, withImage = true) {
  return post('persistEntry', {
    dataFiles: [
      {
        slug: `${slug}/index`,
        path: `content/initiatives/${slug}/index.md`,
        raw: valid.replace(/^title: .*$/m, `title: ${title}`),
      },
    ],
    assets: withImage
      ? [
          {
            path: `content/initiatives/${slug}/${IMAGE}`,
            content: png.toString('base64'),
            encoding: 'base64',
          },
        ]
      : [],
    options: {
      newEntry: true,
      collectionName: 'initiatives',
      commitMessage: `Thêm sáng kiến “${slug}/index”`,
      useWorkflow: true,
      status: 'draft',
    },
  });
}

const statusOf = () => git(root, 'config', '--get', `branch.${BRANCH}.description`);
const mainHead = () => git(root, 'rev-parse', 'main');

beforeAll(async () => {
  root = makeRepo(project, {}, true);
  port = await freePort(8300);
  // Inside the sample campaign's period, so the sample entry is valid as it stands.
  proxy = await startProxy({
    repoDir: root,
    port,
    today: '2024-08-25',
    notify: (line) => notices.push(line),
  });
}, 60_000);

afterAll(async () => {
  await proxy?.stop();
});

describe('the gate in front of decap-server', () => {
  it('answers only the loopback address and port it serves', async () => {
    expect((await post('info', {})).status).toBe(200);
    expect((await post('info', {}, { host: `localhost:${port}` })).status).toBe(200);
    for (const host of [`kho.example.org:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1']) {
      const answer = await post('info', {}, { host });
      expect(answer.status, host).toBe(421);
      expect(answer.body.error).toContain(`127.0.0.1:${port}`);
    }
  });

  it('lets a save write only inside content/, on the entry’s own branch', async () => {
    const before = { main: mainHead(), branches: git(root, 'branch', '--list', 'cms/*') };
    for (const path of [
      '.github/workflows/validate.yml',
      'content/../.github/workflows/validate.yml',
      '/etc/passwd',
      'scripts/start.ts',
      'content\\initiatives\\x\\index.md',
      `${MEDIA_FOLDER}/x.html`,
    ]) {
      const answer = await post('persistEntry', {
        dataFiles: [{ slug: ENTRY_SLUG, path, raw: valid }],
        assets: [],
        options: { collectionName: 'initiatives', commitMessage: 'x', useWorkflow: true },
      });
      expect(answer.status, path).toBe(422);
      expect(answer.body.error).toContain('chỉ được ghi vào thư mục content/');
    }
    for (const path of ['.github/workflows/x.yml', `${MEDIA_FOLDER}/trang.html`]) {
      const asset = await saveEntry(valid, {
        assets: [{ path, content: 'eA==', encoding: 'base64' }],
      });
      expect(asset.status, path).toBe(422);
    }
    const direct = await post('persistEntry', {
      dataFiles: [{ slug: ENTRY_SLUG, path: ENTRY_PATH, raw: valid }],
      assets: [],
      options: { collectionName: 'initiatives', commitMessage: 'x', useWorkflow: false },
    });
    expect(direct.status).toBe(422);
    expect(direct.body.error).toContain('không ghi thẳng vào nhánh chính');
    const otherBase = await saveEntry(valid, { branch: BRANCH });
    expect(otherBase.status).toBe(422);
    expect({ main: mainHead(), branches: git(root, 'branch', '--list', 'cms/*') }).toEqual(before);
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('lets a campaign keep its images in the media library’s folder', async () => {
    const campaign = 'content/campaigns/2025-thu-nghiem.md';
    const saved = await post('persistEntry', {
      dataFiles: [{ slug: '2025-thu-nghiem', path: campaign, raw: '---\ntitle: x\n---\n' }],
      assets: [
        {
          path: `${MEDIA_FOLDER}/anh-dot.png`,
          content: png.toString('base64'),
          encoding: 'base64',
        },
      ],
      options: {
        collectionName: 'campaigns',
        commitMessage: 'x',
        useWorkflow: true,
        status: 'draft',
      },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const branch = 'cms/campaigns/2025-thu-nghiem';
    expect(git(root, 'show', '--stat', '--format=', branch)).toContain(
      `${MEDIA_FOLDER}/anh-dot.png`,
    );
    const removed = await post('deleteUnpublishedEntry', {
      collection: 'campaigns',
      slug: '2025-thu-nghiem',
    });
    expect(removed.status).toBe(200);
    expect(git(root, 'branch', '--list', 'cms/*')).toBe('');
  });

  it('lets the media library write only attachment files into its folder', async () => {
    expect(cmsConfig.media_folder).toBe(MEDIA_FOLDER);
    const before = mainHead();
    for (const path of [
      `${MEDIA_FOLDER}/trang.html`,
      `${MEDIA_FOLDER}/a/b.png`,
      'content/initiatives/x/anh.png',
      'public/anh.png',
    ]) {
      const answer = await post('persistMedia', {
        asset: { path, content: 'eA==', encoding: 'base64' },
        options: { commitMessage: 'x' },
      });
      expect(answer.status, path).toBe(422);
    }
    expect((await post('deleteFiles', { paths: ['content/units.yaml'], options: {} })).status).toBe(
      422,
    );
    expect(mainHead()).toBe(before);
    const png = readFileSync(
      join(project, 'content/initiatives', SAMPLE, 'bieu-do-ho-so-tre-hen.png'),
    );
    const saved = await post('persistMedia', {
      asset: {
        path: `${MEDIA_FOLDER}/bieu-do.png`,
        content: png.toString('base64'),
        encoding: 'base64',
      },
      options: { commitMessage: 'Tải lên biểu đồ' },
    });
    expect(saved.status).toBe(200);
    expect(git(root, 'show', '--stat', '--format=', 'main')).toContain(
      `${MEDIA_FOLDER}/bieu-do.png`,
    );
  });

  it('saves a draft with errors, but refuses “ready” and publishing until it is valid', async () => {
    const origin = 'http://127.0.0.1:4321';
    expect((await saveEntry(invalid)).status).toBe(200);
    expect(git(root, 'branch', '--list', 'cms/*', '--format=%(refname:short)')).toBe(BRANCH);
    expect(statusOf()).toBe('decap-cms/draft');
    const main = mainHead();

    const ready = await post(
      'updateUnpublishedEntryStatus',
      { collection: 'initiatives', slug: ENTRY_SLUG, newStatus: 'pending_publish' },
      { origin },
    );
    expect(ready.status).toBe(422);
    expect(ready.body.error).toContain('Chưa chuyển được sang “Sẵn sàng công bố”: bài còn 1 lỗi.');
    expect(ready.body.error).toContain(`• ${SHARES}`);
    // The admin on another loopback port can read the refusal (CORS), so it can show it.
    expect(ready.headers['access-control-allow-origin']).toBe(origin);
    expect(statusOf()).toBe('decap-cms/draft');
    // Moving back and forth between the other states needs no check.
    const review = await post('updateUnpublishedEntryStatus', {
      collection: 'initiatives',
      slug: ENTRY_SLUG,
      newStatus: 'pending_review',
    });
    expect(review.status).toBe(200);
    expect(statusOf()).toBe('decap-cms/pending_review');

    const notReady = await post('publishUnpublishedEntry', {
      collection: 'initiatives',
      slug: ENTRY_SLUG,
    });
    expect(notReady.status).toBe(422);
    expect(notReady.body.error).toContain('chưa ở trạng thái “Sẵn sàng công bố”');
    // An entry edited after it was marked ready (or marked by hand): the content decides.
    git(root, 'config', `branch.${BRANCH}.description`, 'decap-cms/pending_publish');
    const publish = await post('publishUnpublishedEntry', {
      collection: 'initiatives',
      slug: ENTRY_SLUG,
    });
    expect(publish.status).toBe(422);
    expect(publish.body.error).toContain('Chưa công bố được sáng kiến này: bài còn 1 lỗi.');
    expect(publish.body.error).toContain(`• ${SHARES}`);
    expect(mainHead()).toBe(main);
    expect(git(root, 'branch', '--list', BRANCH)).not.toBe('');
    git(root, 'config', `branch.${BRANCH}.description`, 'decap-cms/draft');

    expect((await saveEntry(valid)).status).toBe(200);
    const readyNow = await post('updateUnpublishedEntryStatus', {
      collection: 'initiatives',
      slug: ENTRY_SLUG,
      newStatus: 'pending_publish',
    });
    expect(readyNow.status, JSON.stringify(readyNow.body)).toBe(200);
    expect(statusOf()).toBe('decap-cms/pending_publish');
    const published = await post('publishUnpublishedEntry', {
      collection: 'initiatives',
      slug: ENTRY_SLUG,
    });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(git(root, 'show', `main:${ENTRY_PATH}`)).toContain('xã Gia An');
    expect(git(root, 'branch', '--list', 'cms/*')).toBe('');
    // No worktree of the check is left behind.
    expect(git(root, 'worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('opens a draft after another entry was published: its changes are its own', async () => {
    const slugs = ['theo-nhanh-chinh-a', 'theo-nhanh-chinh-b'];
    for (const [index, slug] of slugs.entries()) {
      const saved = await saveNew(
        slug,
        `Theo nhánh chính số ${index + 1} ở xã Gia An`,
        index === 0,
      );
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    }
    const [first, second] = slugs as [string, string];
    const ready = await post('updateUnpublishedEntryStatus', {
      collection: 'initiatives',
      slug: `${first}/index`,
      newStatus: 'pending_publish',
    });
    expect(ready.status, JSON.stringify(ready.body)).toBe(200);
    const published = await post('publishUnpublishedEntry', {
      collection: 'initiatives',
      slug: `${first}/index`,
    });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    // What the editor asks for when the draft is opened, by id as the workflow board does.
    const opened = await post('unpublishedEntry', {
      id: `initiatives/${second}/index`,
      collection: 'initiatives',
      slug: `${second}/index`,
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    const diffs = opened.body.diffs as { path: string; status: string }[];
    expect(diffs.map((diff) => [diff.path, diff.status])).toEqual([
      [`content/initiatives/${second}/index.md`, 'added'],
    ]);
    // The draft now starts from the published entry's commit, and the clone is as it was.
    expect(git(root, 'merge-base', 'main', branchOfSlug(second))).toBe(mainHead());
    expect(git(root, 'status', '--porcelain')).toBe('');
    expect(git(root, 'worktree', 'list').split('\n')).toHaveLength(1);
    const removed = await post('deleteUnpublishedEntry', {
      collection: 'initiatives',
      slug: `${second}/index`,
    });
    expect(removed.status).toBe(200);
  }, 120_000);

  it('saves ten entries sent at once, each with an image, while the board reads', async () => {
    const slugs = Array.from({ length: 10 }, (_, index) => `luu-dong-thoi-so-${index + 1}`);
    const saves = slugs.map((slug, index) =>
      saveNew(slug, `Lưu đồng thời số ${index + 1} ở xã Gia An`),
    );
    // The workflow board and the open editors read meanwhile.
    const reads = slugs.flatMap(() => [
      post('unpublishedEntries', {}),
      post('entriesByFolder', { folder: 'content/initiatives', extension: 'md', depth: 2 }),
    ]);
    const answers = await Promise.all([...saves, ...reads]);
    expect(
      answers.map((answer) => answer.status),
      JSON.stringify(answers.filter((answer) => answer.status !== 200).map((a) => a.body)),
    ).toEqual(answers.map(() => 200));
    const branches = git(
      root,
      'branch',
      '--list',
      'cms/*luu-dong-thoi*',
      '--format=%(refname:short)',
    );
    expect(branches.split('\n').sort()).toEqual(slugs.map((slug) => branchOfSlug(slug)).sort());
    for (const slug of slugs) {
      expect(git(root, 'show', '--stat', '--format=', branchOfSlug(slug))).toContain(IMAGE);
      const removed = await post('deleteUnpublishedEntry', {
        collection: 'initiatives',
        slug: `${slug}/index`,
      });
      expect(removed.status).toBe(200);
    }
  }, 180_000);

  it('reports a decap-server that died, restarts it, and lets the requests sent meanwhile wait', async () => {
    const before = proxy.decapServerPid() as number;
    expect(before).toBeGreaterThan(0);
    process.kill(before, 'SIGKILL');
    // Sent while it is down: answered once it is back, not refused.
    const meanwhile = await post('unpublishedEntries', {});
    expect(meanwhile.status, JSON.stringify(meanwhile.body)).toBe(200);
    expect(proxy.decapServerPid()).not.toBe(before);
    expect(notices[0]).toMatch(
      /^Máy chủ nội dung \(decap-server\) đã dừng bất ngờ \(tín hiệu SIGKILL\)/,
    );
    await expect
      .poll(() => notices.at(-1), { timeout: 30_000 })
      .toBe('Đã khởi động lại máy chủ nội dung (decap-server); trang quản trị dùng tiếp được.');
    expect((await post('info', {})).body).toMatchObject({ type: 'local_git' });
  }, 120_000);
});
