/**
 * The report's fast path (base content read in place, merged entries parsed once) must give
 * the very report the plain path gives (a snapshot copy, every entry parsed again).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCampaign } from '../../scripts/bench/documents.ts';
import { createClient } from '../../scripts/github/client.ts';
import { buildReport } from '../../scripts/report/build.ts';
import { workingTreeMatches } from '../../scripts/report/checked-out.ts';
import { toCsv } from '../../scripts/report/csv.ts';
import { GitHubSource } from '../../scripts/report/github-source.ts';
import { LocalGitSource } from '../../scripts/report/local-source.ts';
import { toMarkdown } from '../../scripts/report/markdown.ts';
import { writeXlsx } from '../../scripts/report/xlsx.ts';
import { readEntryFile, sharingParses } from '../../src/model/files.ts';
import { startFakeGitHub } from '../support/fake-github.ts';
import { cmsBranch, git, makeRepo, write } from '../support/git-fixture.ts';

const project = resolve(import.meta.dirname, '../..');
const SAMPLE = 'nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai';
const sampleText = readFileSync(join(project, 'content/initiatives', SAMPLE, 'index.md'), 'utf8');
const CAMPAIGN = '2024-tanh-linh';

const scratch = mkdtempSync(join(tmpdir(), 'kho-fast-'));
const repos: string[] = [];
afterAll(() => {
  for (const root of [scratch, ...repos]) rmSync(root, { recursive: true, force: true });
});

/** Every sheet's cell values, row by row, as read back from the written file. */
async function cellValues(path: string): Promise<Record<string, unknown[]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const sheets: Record<string, unknown[]> = {};
  book.eachSheet((sheet) => {
    const rows: unknown[] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => rows.push(row.values));
    sheets[sheet.name] = rows;
  });
  return sheets;
}

/** The fast and the plain report of a repository, as the files the secretary gets. */
async function bothWays(
  root: string,
  name: string,
  source: LocalGitSource | GitHubSource = new LocalGitSource(root),
) {
  const fast = await buildReport(source, CAMPAIGN);
  const plain = await buildReport(source, CAMPAIGN, { fast: false });
  // Only the time of making differs.
  plain.generatedAt = fast.generatedAt;
  const files = { fast: join(scratch, `${name}-fast.xlsx`), plain: join(scratch, `${name}.xlsx`) };
  await writeXlsx(fast, files.fast);
  await writeXlsx(plain, files.plain);
  return {
    fast,
    plain,
    csv: { fast: toCsv(fast), plain: toCsv(plain) },
    md: { fast: toMarkdown(fast), plain: toMarkdown(plain) },
    xlsx: { fast: await cellValues(files.fast), plain: await cellValues(files.plain) },
  };
}

describe('the working tree stands for the base branch only when it holds the same bytes', () => {
  let root: string;
  beforeAll(() => {
    root = makeRepo(project, {}, true);
    repos.push(root);
  });

  it('a clean checkout of main does', () => {
    expect(workingTreeMatches(root, 'main')).toBe(true);
    expect(new LocalGitSource(root).inPlace()).toBe(root);
  });

  it.each([
    [
      'an entry edited on disk, same size',
      (dir: string) => {
        const path = join(dir, 'content/initiatives', SAMPLE, 'index.md');
        const text = readFileSync(path, 'utf8');
        writeFileSync(path, text.replace('a', 'b'));
      },
    ],
    ['a file git does not track', (dir: string) => write(dir, 'content/initiatives/x/ghi.md', 'x')],
    [
      'an empty folder (an entry without index.md)',
      (dir: string) => mkdirSync(join(dir, 'content/initiatives/thu-muc-rong')),
    ],
    [
      'a symbolic link',
      (dir: string) => symlinkSync(SAMPLE, join(dir, 'content/initiatives/lien-ket')),
    ],
    [
      'a file git tracks, deleted',
      (dir: string) => rmSync(join(dir, 'content/initiatives', SAMPLE, 'index.md')),
    ],
  ])('%s does not', (_, change) => {
    const dir = makeRepo(project, {}, true);
    repos.push(dir);
    change(dir);
    expect(workingTreeMatches(dir, 'main')).toBe(false);
    expect(new LocalGitSource(dir).inPlace()).toBeUndefined();
  });

  it('another branch checked out does not stand for main when its content differs', () => {
    const dir = makeRepo(project, {}, true);
    repos.push(dir);
    git(dir, 'checkout', '-q', '-b', 'nhanh-khac');
    write(dir, 'content/initiatives/bai-moi/index.md', sampleText);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'Bài mới');
    expect(workingTreeMatches(dir, 'main')).toBe(false);
    expect(workingTreeMatches(dir, 'nhanh-khac')).toBe(true);
  });
});

describe('fast and plain reports are the same', () => {
  it('for the sample content with pending cms/ branches, one of them invalid', async () => {
    const root = makeRepo(project, {}, true);
    repos.push(root);
    cmsBranch(
      root,
      'dat-lich-hen-zalo',
      { 'index.md': sampleText.replace(/^title: .*$/m, 'title: Đặt lịch hẹn qua Zalo') },
      'pending_publish',
    );
    cmsBranch(
      root,
      'bai-thieu-tom-tat',
      { 'index.md': sampleText.replace(/^summary: .*$/m, '') },
      'draft',
    );
    expect(new LocalGitSource(root).inPlace()).toBe(root);
    const both = await bothWays(root, 'mau');
    expect(both.fast.rows.length).toBeGreaterThan(15);
    expect(both.fast.rows.some((row) => row.errors.length > 0)).toBe(true);
    expect(both.csv.fast).toBe(both.csv.plain);
    expect(both.md.fast).toBe(both.md.plain);
    expect(both.xlsx.fast).toEqual(both.xlsx.plain);
    expect(both.fast).toEqual(both.plain);
  });

  it('for a generated tree of 200 entries with odd ones, and with an uncommitted edit on disk', async () => {
    const root = makeCampaign(200);
    repos.push(root);
    const folder = join(root, 'content/initiatives');
    // Entries the reader passes with warnings, or the schema refuses: each way to a row.
    write(
      root,
      'content/initiatives/co-bom/index.md',
      `\ufeff${sampleText.replace(/^title: .*$/m, 'title: Có BOM')}`,
    );
    write(
      root,
      'content/initiatives/xuong-dong-crlf/index.md',
      sampleText.replace(/^title: .*$/m, 'title: Xuống dòng CRLF').replace(/\n/g, '\r\n'),
    );
    write(
      root,
      'content/initiatives/thieu-don-vi/index.md',
      sampleText.replace(/^title: .*$/m, 'title: Thiếu đơn vị').replace(/^unit: .*$/m, ''),
    );
    write(
      root,
      'content/initiatives/yaml-hong/index.md',
      sampleText.replace(/^title: .*$/m, 'title: [chưa đóng'),
    );
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'Bài lạ');
    expect(new LocalGitSource(root).inPlace()).toBe(root);
    const clean = await bothWays(root, 'sinh');
    expect(clean.fast.rows.length).toBeGreaterThanOrEqual(200);
    expect(clean.fast.rows.filter((row) => row.errors.length > 0).length).toBeGreaterThan(0);
    expect(clean.csv.fast).toBe(clean.csv.plain);
    expect(clean.md.fast).toBe(clean.md.plain);
    expect(clean.xlsx.fast).toEqual(clean.xlsx.plain);
    expect(clean.fast).toEqual(clean.plain);

    // Edited on disk, not committed: the report is still main's, fast or plain.
    const path = join(folder, 'co-bom/index.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace('Có BOM', 'Sửa chưa lưu'));
    expect(new LocalGitSource(root).inPlace()).toBeUndefined();
    const dirty = await bothWays(root, 'sua');
    expect(dirty.csv.fast).toBe(dirty.csv.plain);
    expect(dirty.csv.fast).toBe(clean.csv.fast);
    expect(dirty.csv.fast).not.toContain('Sửa chưa lưu');
  });
});

describe('fast and plain reports from GitHub are the same', () => {
  it('for the checkout with an untracked entry, and a pull request', async () => {
    const root = makeRepo(project, {}, true);
    repos.push(root);
    // The GitHub source reads the checkout as it stands, tracked or not.
    write(
      root,
      'content/initiatives/chua-theo-doi/index.md',
      sampleText.replace(/^title: .*$/m, 'title: Chưa theo dõi'),
    );
    const sha = 'd'.repeat(40);
    const server = await startFakeGitHub({
      pulls: [
        {
          number: 21,
          title: 'Create Initiatives “dat-lich-hen-zalo”',
          state: 'open',
          user: { login: 'can-bo-xa' },
          head: { ref: 'cms/initiatives/dat-lich-hen-zalo/index', sha },
          base: { ref: 'main' },
          labels: ['decap-cms/pending_review'],
          files: [{ filename: 'content/initiatives/dat-lich-hen-zalo/index.md', status: 'added' }],
        },
      ],
      contents: {
        [sha]: {
          'content/initiatives/dat-lich-hen-zalo/index.md': sampleText.replace(
            /^summary: .*$/m,
            '',
          ),
        },
      },
    });
    try {
      const github = createClient({ baseUrl: server.baseUrl, token: 't' });
      const source = new GitHubSource(github, { owner: 'so-noi-vu', repo: 'kho-sang-kien' }, root);
      expect(source.inPlace()).toBe(root);
      const both = await bothWays(root, 'github', source);
      expect(both.fast.rows.map((row) => row.slug)).toEqual(
        expect.arrayContaining(['chua-theo-doi', 'dat-lich-hen-zalo']),
      );
      expect(both.csv.fast).toBe(both.csv.plain);
      expect(both.md.fast).toBe(both.md.plain);
      expect(both.xlsx.fast).toEqual(both.xlsx.plain);
      expect(both.fast).toEqual(both.plain);
      symlinkSync(SAMPLE, join(root, 'content/initiatives/lien-ket'));
      expect(source.inPlace()).toBeUndefined();
    } finally {
      server.close();
    }
  });
});

describe('an entry read twice in a sharingParses scope', () => {
  it('is parsed once while its text stays the same, and again when it changes', async () => {
    const path = join(scratch, 'chung', 'index.md');
    write(scratch, 'chung/index.md', sampleText);
    expect(readEntryFile(path)).not.toBe(readEntryFile(path));
    await sharingParses(async () => {
      const first = readEntryFile(path);
      expect(readEntryFile(path)).toBe(first);
      writeFileSync(path, sampleText.replace(/^title: .*$/m, 'title: Tên đã sửa'));
      const changed = readEntryFile(path);
      expect(changed).not.toBe(first);
      expect((changed.data as { title: string }).title).toBe('Tên đã sửa');
    });
    expect(readEntryFile(path)).not.toBe(readEntryFile(path));
  });
});
