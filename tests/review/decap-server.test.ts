/**
 * The local review flow on branches made by the real decap-server (git mode),
 * driven through its HTTP API the way the CMS does when a submitter saves an
 * entry and moves it to "ready": with the entry slug the admin sends
 * (`<slug>/index`, from the collection's path template), so the branch is the
 * admin's `cms/initiatives/<slug>/index`.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/cms/net.ts';
import { branchOfSlug } from '../../scripts/report/source.ts';
import { listPending, publish } from '../../scripts/review/review.ts';
import { type Server, startProxy } from '../../scripts/start.ts';
import { git, makeRepo } from '../support/git-fixture.ts';

const project = resolve(import.meta.dirname, '../..');
const SAMPLE = 'nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai';
const IMAGE = 'bieu-do-ho-so-tre-hen.png';
const SLUG = 'nhan-tin-hen-tra-ket-qua-o-xa-gia-an';
/** Decap's entry slug for a folder entry with `path: '{{slug}}/index'`. */
const ENTRY_SLUG = `${SLUG}/index`;

let root: string;
let proxy: Server;

async function call(action: string, params: Record<string, unknown>) {
  const response = await fetch(proxy.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action, params: { branch: 'main', ...params } }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`${action}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

beforeAll(async () => {
  root = makeRepo(project, {}, true);
  // Inside the sample campaign's period: the gate checks the deadline when the entry moves to
  // "ready", and the review by the day decap-server's first commit was made (git, run by
  // decap-server, dates its commits from these variables).
  process.env.GIT_AUTHOR_DATE = '2024-08-25T09:00:00+07:00';
  process.env.GIT_COMMITTER_DATE = '2024-08-25T09:00:00+07:00';
  proxy = await startProxy({ repoDir: root, port: await freePort(8181), today: '2024-08-25' });
  const text = readFileSync(
    join(project, 'content/initiatives', SAMPLE, 'index.md'),
    'utf8',
  ).replace(/^title: .*$/m, 'title: Nhắn tin hẹn trả kết quả ở xã Gia An');
  await call('persistEntry', {
    dataFiles: [{ slug: ENTRY_SLUG, path: `content/initiatives/${SLUG}/index.md`, raw: text }],
    assets: [
      {
        path: `content/initiatives/${SLUG}/${IMAGE}`,
        content: readFileSync(join(project, 'content/initiatives', SAMPLE, IMAGE)).toString(
          'base64',
        ),
        encoding: 'base64',
      },
    ],
    options: {
      collectionName: 'initiatives',
      commitMessage: `Create Initiatives “${ENTRY_SLUG}”`,
      useWorkflow: true,
      status: 'draft',
    },
  });
}, 60_000);

afterAll(async () => {
  await proxy?.stop();
  delete process.env.GIT_AUTHOR_DATE;
  delete process.env.GIT_COMMITTER_DATE;
});

describe('review on a branch saved by decap-server', () => {
  it('sees the draft, refuses to publish it, then publishes it once the CMS marks it ready', async () => {
    expect(git(root, 'branch', '--list', 'cms/*', '--format=%(refname:short)')).toBe(
      branchOfSlug(SLUG),
    );
    expect(git(root, 'config', '--get', `branch.${branchOfSlug(SLUG)}.description`)).toBe(
      'decap-cms/draft',
    );
    const [item] = await listPending(root);
    expect(item).toMatchObject({
      slug: SLUG,
      status: 'draft',
      title: 'Nhắn tin hẹn trả kết quả ở xã Gia An',
      errors: [],
      scope: [],
    });
    await expect(publish(root, SLUG)).rejects.toThrow(/trạng thái là "Bản nháp"/);
    expect(git(root, 'log', '-1', '--format=%cI', branchOfSlug(SLUG))).toBe(
      '2024-08-25T09:00:00+07:00',
    );

    await call('updateUnpublishedEntryStatus', {
      collection: 'initiatives',
      slug: ENTRY_SLUG,
      newStatus: 'pending_publish',
    });
    expect((await listPending(root))[0]).toMatchObject({
      status: 'pending_publish',
      publishable: true,
    });
    await publish(root, SLUG);
    expect(git(root, 'show', `main:content/initiatives/${SLUG}/index.md`)).toContain('xã Gia An');
    // The CMS, asked again, no longer lists it as unpublished.
    expect(await call('unpublishedEntries', {})).toEqual([]);
  });
});
