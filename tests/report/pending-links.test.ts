/**
 * The consolidated list judges an entry as its checkout would be judged. A symbolic link in a
 * pending submission's folder stays a link when the report (and the review command) lay it
 * over the base content, so the validator refuses it as `npm run validate` does, instead of
 * reading the link's target as the text of a file (a hidden link then passed as valid). An
 * entry the one reader cannot read (a linked folder or index.md, no index.md) is listed with
 * the validator's errors instead of being left out of the list while the build refuses it.
 * The base branch is read from git's objects as stored, so that a `.gitattributes` cannot hide
 * a file from the report (`export-ignore`) that a checkout holds.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../scripts/github/client.ts';
import { buildReport } from '../../scripts/report/build.ts';
import { GitHubSource } from '../../scripts/report/github-source.ts';
import { LocalGitSource } from '../../scripts/report/local-source.ts';
import { branchOfSlug } from '../../scripts/report/source.ts';
import { validatePending } from '../../scripts/report/validate-pending.ts';
import { listPending } from '../../scripts/review/review.ts';
import { startFakeGitHub } from '../support/fake-github.ts';
import { git, makeRepo, write } from '../support/git-fixture.ts';

const project = resolve(import.meta.dirname, '../..');
const SAMPLE = 'nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai';
const IMAGE = 'bieu-do-ho-so-tre-hen.png';
const sampleFolder = join(project, 'content/initiatives', SAMPLE);
const sampleText = readFileSync(join(sampleFolder, 'index.md'), 'utf8');
const image = readFileSync(join(sampleFolder, IMAGE));
const SLUG = 'dat-lich-hen-zalo';
const folder = `content/initiatives/${SLUG}`;
const entry = sampleText.replace(
  /^title: .*$/m,
  'title: Đặt lịch hẹn trả kết quả qua Zalo để giảm hồ sơ trễ hẹn ở xã Đức Phú',
);
const LINK_MESSAGE = /là liên kết tượng trưng/;

let outside: string;
let root: string;

beforeAll(() => {
  outside = mkdtempSync(join(tmpdir(), 'kho-ngoai-'));
  writeFileSync(join(outside, 'tai-lieu.png'), image);
  root = makeRepo(project, {}, true);
  const branch = branchOfSlug(SLUG);
  git(root, 'checkout', '-q', '-b', branch, 'main');
  write(root, `${folder}/index.md`, entry);
  symlinkSync(join(outside, 'tai-lieu.png'), join(root, folder, IMAGE));
  // A PDF's first bytes as a link's target: read as a file, the link would pass the type check.
  symlinkSync('%PDF-1.4', join(root, folder, '.ghi-chu.pdf'));
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', `Create Initiatives “${SLUG}”`);
  git(root, 'config', `branch.${branch}.description`, 'decap-cms/pending_publish');
  git(root, 'checkout', '-q', 'main');
});

afterAll(() => {
  for (const dir of [outside, root]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a cms/ branch with symbolic links', () => {
  it('LocalGitSource gives the links as links, not as files holding their target', async () => {
    const [submission] = await new LocalGitSource(root).pending();
    expect([...(submission?.files.keys() ?? [])]).toEqual([`${folder}/index.md`]);
    expect(submission?.links).toEqual(
      new Map([
        [`${folder}/.ghi-chu.pdf`, '%PDF-1.4'],
        [`${folder}/${IMAGE}`, join(outside, 'tai-lieu.png')],
      ]),
    );
  });

  it('validatePending refuses both links, declared or hidden, as the validator does', async () => {
    const source = new LocalGitSource(root);
    const scratch = mkdtempSync(join(tmpdir(), 'kho-pending-'));
    try {
      const base = join(scratch, 'base');
      await source.snapshot(base);
      const result = (await validatePending(base, await source.pending(), scratch)).get(SLUG);
      expect(result?.ok).toBe(false);
      const links = result?.findings.filter((finding) => LINK_MESSAGE.test(finding.message));
      expect(links).toHaveLength(2);
      expect(links?.map((finding) => finding.message)).toEqual(
        expect.arrayContaining([
          expect.stringContaining(`"${IMAGE}"`),
          expect.stringContaining('".ghi-chu.pdf"'),
        ]),
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('npm run review lists the submission with the errors and does not call it publishable', async () => {
    const [item] = await listPending(root);
    expect(item?.publishable).toBe(false);
    expect(item?.errors.some((finding) => LINK_MESSAGE.test(finding.message))).toBe(true);
  });
});

describe('a pull request replacing a published attachment with a symbolic link', () => {
  it('GitHubSource gives the link, and the base file does not stand in for it', async () => {
    const sha = 'a'.repeat(40);
    const published = `content/initiatives/${SAMPLE}`;
    const server = await startFakeGitHub({
      pulls: [
        {
          number: 41,
          title: `Update Initiatives “${SAMPLE}”`,
          state: 'open',
          user: { login: 'can-bo-xa' },
          head: { ref: branchOfSlug(SAMPLE), sha },
          base: { ref: 'main' },
          labels: ['decap-cms/pending_review'],
          files: [{ filename: `${published}/${IMAGE}`, status: 'modified' }],
        },
      ],
      contents: {
        [sha]: {
          [`${published}/index.md`]: sampleText,
          [`${published}/${IMAGE}`]: { symlink: '/etc/passwd' },
        },
      },
    });
    try {
      const source = new GitHubSource(
        createClient({ baseUrl: server.baseUrl, token: 't' }),
        { owner: 'so-noi-vu', repo: 'kho-sang-kien' },
        root,
      );
      const pending = await source.pending();
      expect(pending[0]?.links).toEqual(new Map([[`${published}/${IMAGE}`, '/etc/passwd']]));
      const scratch = mkdtempSync(join(tmpdir(), 'kho-pending-'));
      try {
        const base = join(scratch, 'base');
        await source.snapshot(base);
        const result = (await validatePending(base, pending, scratch)).get(SAMPLE);
        expect(result?.ok).toBe(false);
        expect(result?.findings.map((finding) => finding.message).join('\n')).toMatch(
          new RegExp(`"${IMAGE}" là liên kết tượng trưng`),
        );
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    } finally {
      await server.close();
    }
  });
});

describe('entries the one reader cannot read, or that an archive would hide', () => {
  let repo: string;
  beforeAll(() => {
    repo = makeRepo(project, {}, true);
    // On main: a folder that is a link, an index.md that is a link, a folder without index.md.
    symlinkSync(SAMPLE, join(repo, 'content/initiatives/thu-muc-lien-ket'));
    write(repo, `content/initiatives/bai-lien-ket/${IMAGE}`, image);
    symlinkSync(`../${SAMPLE}/index.md`, join(repo, 'content/initiatives/bai-lien-ket/index.md'));
    write(repo, `content/initiatives/chi-co-anh/${IMAGE}`, image);
    // A hidden link that git archive would leave out of the snapshot, as .gitattributes asks.
    write(repo, 'content/initiatives/an-khoi-ban-luu/index.md', entry.replace('Zalo', 'Zalo OA'));
    write(repo, `content/initiatives/an-khoi-ban-luu/${IMAGE}`, image);
    symlinkSync('/etc/hostname', join(repo, 'content/initiatives/an-khoi-ban-luu/.ban-sao.png'));
    write(
      repo,
      'content/initiatives/an-khoi-ban-luu/.gitattributes',
      '.ban-sao.png export-ignore\n',
    );
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'Bài lỗi');
    // Pending: a branch whose entry folder is a link.
    const branch = branchOfSlug('cho-duyet-lien-ket');
    git(repo, 'checkout', '-q', '-b', branch, 'main');
    symlinkSync(SAMPLE, join(repo, 'content/initiatives/cho-duyet-lien-ket'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'Create Initiatives “cho-duyet-lien-ket”');
    git(repo, 'config', `branch.${branch}.description`, 'decap-cms/pending_review');
    git(repo, 'checkout', '-q', 'main');
  });
  afterAll(() => {
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  it('are rows of the report with the errors the validator gives', async () => {
    const report = await buildReport(new LocalGitSource(repo), '2024-tanh-linh');
    const rows = new Map(report.rows.map((row) => [row.slug, row]));
    for (const [slug, message] of [
      ['thu-muc-lien-ket', LINK_MESSAGE],
      ['bai-lien-ket', LINK_MESSAGE],
      ['chi-co-anh', /thiếu tệp index\.md/],
      ['cho-duyet-lien-ket', LINK_MESSAGE],
      ['an-khoi-ban-luu', LINK_MESSAGE],
    ] as const) {
      const row = rows.get(slug);
      expect(row, slug).toBeDefined();
      expect(row?.errors.map((finding) => finding.message).join('\n'), slug).toMatch(message);
    }
    expect(rows.get('cho-duyet-lien-ket')?.status).toBe('pending_review');
    // The linked entry's own text is not read as this entry's: no title taken from the sample.
    expect(rows.get('bai-lien-ket')?.title).toBe('');
  });
});
