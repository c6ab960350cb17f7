/**
 * Symbolic links in the content tree are refused and never followed: by the validator
 * (attachments, entry files, entry folders, data files, pull-request mode, --fix, the
 * cache), by the reader and by the site's attachment pages.
 */
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { attachmentBytes, viewAttachments } from '../../src/lib/attachments.ts';
import { collections } from '../../src/model/collections.ts';
import { listIds, readEntryFile, readRecordFile } from '../../src/model/files.ts';
import { validate } from '../../src/validator/index.ts';
import {
  bodyOf,
  type Fixture,
  initiativeData,
  makeFixture,
  PNG,
  problemsOf,
} from '../support/fixtures.ts';

let fixture: Fixture | undefined;
let outside: string | undefined;
afterEach(() => {
  fixture?.cleanup();
  if (outside) rmSync(outside, { recursive: true, force: true });
  fixture = undefined;
  outside = undefined;
});

/** A folder outside the content tree, holding a file a link could point at. */
function outsideFile(name: string, content: string | Buffer): string {
  outside ??= mkdtempSync(join(tmpdir(), 'kho-ngoai-'));
  const path = join(outside, name);
  writeFileSync(path, content);
  return path;
}

const withAttachment = (file = 'so-do.png') =>
  initiativeData({ attachments: [{ file, title: 'Sơ đồ quy trình' }] });

function codesOf(report: Awaited<ReturnType<typeof validate>>, path: string) {
  return problemsOf(report, path)
    .filter((problem) => problem.severity === 'error')
    .map((problem) => problem.code);
}

describe('the validator refuses symbolic links', () => {
  it('a declared attachment that links to a file outside the tree, naming the file', async () => {
    fixture = makeFixture();
    const path = fixture.initiative('lien-ket', withAttachment(), bodyOf());
    symlinkSync(
      outsideFile('bi-mat.png', PNG),
      fixture.path('content/initiatives/lien-ket/so-do.png'),
    );
    const problems = problemsOf(await validate({ root: fixture.root }), path);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'attachments.symlink',
        severity: 'error',
        field: 'attachments[0].file',
        line: expect.any(Number),
        message: expect.stringContaining('"so-do.png" là liên kết tượng trưng'),
      }),
    ]);
  });

  it("a declared attachment that links to another entry's file; the other entry stays valid", async () => {
    fixture = makeFixture();
    const other = fixture.initiative('that', withAttachment(), bodyOf(), { 'so-do.png': PNG });
    const path = fixture.initiative('muon', withAttachment(), bodyOf());
    symlinkSync('../that/so-do.png', fixture.path('content/initiatives/muon/so-do.png'));
    const report = await validate({ root: fixture.root });
    expect(codesOf(report, path)).toEqual(['attachments.symlink']);
    expect(codesOf(report, other)).toEqual([]);
  });

  it('a dangling link is a link, not a missing file', async () => {
    fixture = makeFixture();
    const path = fixture.initiative('treo', withAttachment(), bodyOf());
    symlinkSync('khong-co.png', fixture.path('content/initiatives/treo/so-do.png'));
    expect(codesOf(await validate({ root: fixture.root }), path)).toEqual(['attachments.symlink']);
  });

  it('any link in an entry folder, declared or not, hidden or not', async () => {
    fixture = makeFixture();
    const path = fixture.initiative('thu-muc', initiativeData(), bodyOf());
    const target = outsideFile('bi-mat.pdf', '%PDF-1.4\n');
    symlinkSync(target, fixture.path('content/initiatives/thu-muc/bao-cao.pdf'));
    symlinkSync(target, fixture.path('content/initiatives/thu-muc/.an'));
    symlinkSync(outside as string, fixture.path('content/initiatives/thu-muc/thu-muc-con'));
    const problems = problemsOf(await validate({ root: fixture.root }), path);
    expect(problems.map((problem) => [problem.code, problem.message])).toEqual([
      ['attachments.symlink', expect.stringContaining('".an"')],
      ['attachments.symlink', expect.stringContaining('"bao-cao.pdf"')],
      ['attachments.symlink', expect.stringContaining('"thu-muc-con"')],
    ]);
  });

  it("an index.md that links to another entry's index.md", async () => {
    fixture = makeFixture({ initiatives: 1 });
    mkdirSync(fixture.path('content/initiatives/ban-sao'), { recursive: true });
    symlinkSync('../sang-kien-1/index.md', fixture.path('content/initiatives/ban-sao/index.md'));
    const report = await validate({ root: fixture.root });
    expect(problemsOf(report, 'content/initiatives/ban-sao/index.md')).toEqual([
      expect.objectContaining({
        code: 'file.symlink',
        message: expect.stringContaining('"index.md" là liên kết tượng trưng'),
      }),
    ]);
    expect(codesOf(report, 'content/initiatives/sang-kien-1/index.md')).toEqual([]);
  });

  it('an entry folder that is a link, and a data file that is a link', async () => {
    fixture = makeFixture({ initiatives: 1 });
    symlinkSync('sang-kien-1', fixture.path('content/initiatives/sang-kien-2'));
    const units = readFileSync(fixture.path('content/units.yaml'));
    fixture.remove('content/units.yaml');
    symlinkSync(outsideFile('units.yaml', units), fixture.path('content/units.yaml'));
    const report = await validate({ root: fixture.root });
    expect(codesOf(report, 'content/initiatives/sang-kien-2')).toEqual(['file.symlink']);
    expect(codesOf(report, 'content/units.yaml')).toEqual(['file.symlink']);
    expect(report.files.map((file) => file.path)).not.toContain(
      'content/initiatives/sang-kien-2/index.md',
    );
  });

  it('paths given on the command line are not followed either', async () => {
    fixture = makeFixture({ initiatives: 1 });
    symlinkSync('sang-kien-1', fixture.path('content/initiatives/sang-kien-2'));
    for (const given of [
      'content/initiatives/sang-kien-2',
      'content/initiatives/sang-kien-2/index.md',
    ]) {
      const report = await validate({ root: fixture.root, paths: [given], cache: false });
      expect(codesOf(report, 'content/initiatives/sang-kien-2'), given).toEqual(['file.symlink']);
      expect(report.files.map((file) => file.path)).not.toContain(
        'content/initiatives/sang-kien-2/index.md',
      );
    }
  });

  it('pull-request mode: a new index.md that is a dangling link is refused, not skipped', async () => {
    fixture = makeFixture({ git: true });
    mkdirSync(fixture.path('content/initiatives/moi'), { recursive: true });
    symlinkSync('khong-co.md', fixture.path('content/initiatives/moi/index.md'));
    fixture.git('add', '-A');
    fixture.git('commit', '-q', '-m', 'Bài mới');
    const report = await validate({ root: fixture.root, changedSince: 'HEAD~1', cache: false });
    expect(codesOf(report, 'content/initiatives/moi/index.md')).toEqual(['file.symlink']);
  });

  it('--fix does not write through a link', async () => {
    fixture = makeFixture();
    const decomposed = `---\ntitle: Tie\u0302\u0301ng Vie\u0323\u0302t\n---\n`;
    const target = outsideFile('index.md', decomposed);
    mkdirSync(fixture.path('content/initiatives/sua'), { recursive: true });
    symlinkSync(target, fixture.path('content/initiatives/sua/index.md'));
    const report = await validate({ root: fixture.root, fix: true, cache: false });
    expect(readFileSync(target, 'utf8')).toBe(decomposed);
    expect(codesOf(report, 'content/initiatives/sua/index.md')).toEqual(['file.symlink']);
  });

  it('the cache sees a file swapped for a link to a file of the same size and time', async () => {
    fixture = makeFixture();
    const path = fixture.initiative('doi', withAttachment(), bodyOf(), { 'so-do.png': PNG });
    expect(codesOf(await validate({ root: fixture.root, cache: true }), path)).toEqual([]);
    // rename keeps size and modification time: only the link itself differs.
    const moved = outsideFile('so-do.png', '');
    renameSync(fixture.path('content/initiatives/doi/so-do.png'), moved);
    symlinkSync(moved, fixture.path('content/initiatives/doi/so-do.png'));
    expect(codesOf(await validate({ root: fixture.root, cache: true }), path)).toEqual([
      'attachments.symlink',
    ]);
  });
});

describe('the reader and the site never follow a link', () => {
  it('readEntryFile refuses a linked index.md with file.symlink', () => {
    fixture = makeFixture({ initiatives: 1 });
    const link = fixture.path('content/initiatives/ban-sao.md');
    symlinkSync(fixture.path('content/initiatives/sang-kien-1/index.md'), link);
    const file = readEntryFile(link);
    expect(file.data).toBeUndefined();
    expect(file.problems.map((problem) => problem.code)).toEqual(['file.symlink']);
  });

  it('a linked entry folder is not listed, and is refused when read by id', () => {
    fixture = makeFixture({ initiatives: 1 });
    symlinkSync('sang-kien-1', fixture.path('content/initiatives/sang-kien-2'));
    const row = collections.initiatives;
    expect(listIds(fixture.root, row)).toEqual(['sang-kien-1']);
    const record = readRecordFile(fixture.root, row, 'sang-kien-2');
    expect(record.raw).toBeUndefined();
    expect(record.problems.map((problem) => problem.code)).toEqual(['file.symlink']);
  });

  it('an attachment that is a link gets no page and its bytes are never read', () => {
    fixture = makeFixture();
    const entry = fixture.initiative('trang', initiativeData(), bodyOf(), { 'that.png': PNG });
    const link = fixture.path('content/initiatives/trang/lien-ket.png');
    symlinkSync(outsideFile('bi-mat.png', PNG), link);
    const views = viewAttachments(fixture.path(entry), [
      { file: 'that.png', title: 'Tệp thật' },
      { file: 'lien-ket.png', title: 'Liên kết' },
    ]);
    expect(views.map((view) => [view.file, view.path !== undefined])).toEqual([
      ['that.png', true],
      ['lien-ket.png', false],
    ]);
    expect([...attachmentBytes(fixture.path('content/initiatives/trang/that.png'))]).toEqual([
      ...PNG,
    ]);
    expect(() => attachmentBytes(link)).toThrow(/không phải tệp thường/);
  });
});
