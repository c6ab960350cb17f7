import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runValidator } from '../../scripts/github/validator.ts';
import { listPending, publish } from '../../scripts/review/review.ts';
import { main } from '../../scripts/review.ts';
import { cmsBranch, git, makeRepo, write } from '../support/git-fixture.ts';

const project = resolve(import.meta.dirname, '../..');
const SAMPLE = 'nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai';
const IMAGE = 'bieu-do-ho-so-tre-hen.png';
const image = readFileSync(join(project, 'content/initiatives', SAMPLE, IMAGE));
const sample = readFileSync(join(project, 'content/initiatives', SAMPLE, 'index.md'), 'utf8');
const entry = (title: string) => ({
  'index.md': sample.replace(/^title: .*$/m, `title: ${title}`),
  [IMAGE]: image,
});

/** A CMS clone with published entries and four pending branches, as decap-server leaves them. */
function repository() {
  const root = makeRepo(project, {}, true);
  cmsBranch(
    root,
    'san-sang',
    entry('Tin nhắn nhắc hạn hồ sơ đất đai cho người dân ở xã Gia An'),
    'pending_publish',
  );
  cmsBranch(
    root,
    'cho-duyet',
    entry('Sổ theo dõi hồ sơ điện tử dùng chung cho Bộ phận một cửa xã Gia Huynh'),
    'pending_review',
  );
  cmsBranch(root, 'ban-nhap-loi', { 'index.md': sample.replace(/^summary: .*$/m, '') }, 'draft');
  const outside = cmsBranch(
    root,
    'vuot-pham-vi',
    entry('Nhắc hạn hồ sơ qua Zalo tại xã Suối Kiết, huyện Tánh Linh'),
    'pending_publish',
  );
  git(root, 'checkout', '-q', outside);
  write(
    root,
    'content/units.yaml',
    `${readFileSync(join(root, 'content/units.yaml'), 'utf8')}\n# sửa danh mục\n`,
  );
  git(root, 'commit', '-q', '-am', 'Sửa danh mục đơn vị');
  git(root, 'checkout', '-q', 'main');
  return root;
}

describe('review: list', () => {
  it('lists every cms/ branch with its status, validation and scope', async () => {
    const pending = await listPending(repository());
    expect(
      pending.map((item) => [
        item.slug,
        item.status,
        item.errors.length === 0,
        item.scope.length === 0,
        item.publishable,
      ]),
    ).toEqual([
      ['ban-nhap-loi', 'draft', false, true, false],
      ['cho-duyet', 'pending_review', true, true, false],
      ['san-sang', 'pending_publish', true, true, true],
      ['vuot-pham-vi', 'pending_publish', true, false, false],
    ]);
    expect(pending.find((item) => item.slug === 'san-sang')?.title).toBe(
      'Tin nhắn nhắc hạn hồ sơ đất đai cho người dân ở xã Gia An',
    );
  });
});

describe('review: the campaign’s deadline', () => {
  it('judges a new entry by the day its branch began: one begun after the deadline is refused, even with --force', async () => {
    const root = makeRepo(project, {}, true);
    const title = 'Tin nhắn nhắc hạn hồ sơ đất đai cho người dân ở xã Gia An';
    cmsBranch(root, 'dung-han', entry(title), 'pending_publish', '2024-09-04T23:30:00+07:00');
    cmsBranch(
      root,
      'qua-han',
      entry('Sổ theo dõi hồ sơ điện tử dùng chung cho Bộ phận một cửa xã Gia Huynh'),
      'pending_publish',
      // 00:30 on 05/09/2024 in Viet Nam, still 4 September in UTC.
      '2024-09-04T17:30:00Z',
    );
    const pending = await listPending(root);
    expect(pending.map((item) => [item.slug, item.publishable])).toEqual([
      ['dung-han', true],
      ['qua-han', false],
    ]);
    const late = pending.find((item) => item.slug === 'qua-han');
    expect(late?.errors.map((finding) => [finding.field, finding.message])).toEqual([
      [
        'campaign',
        'Đợt phát động: Đợt "Tìm kiếm giải pháp, sáng kiến trong công tác cải cách hành chính năm 2024" đã hết hạn nhận sáng kiến ngày 04/09/2024; bài được gửi ngày 05/09/2024 (giờ Việt Nam).',
      ],
    ]);
    await expect(publish(root, 'qua-han', { force: true })).rejects.toThrow(
      /hết hạn nhận sáng kiến/,
    );
    await publish(root, 'dung-han');
    expect(git(root, 'show', 'main:content/initiatives/dung-han/index.md')).toContain(title);
  });
});

describe('review: publish', () => {
  it('merges a ready, valid entry into main like Decap’s Publish, and main then validates', async () => {
    const root = repository();
    const result = await publish(root, 'san-sang');
    expect(result.forced).toBe(false);
    expect(git(root, 'log', '-1', '--format=%s')).toBe('Công bố sáng kiến san-sang');
    expect(git(root, 'show', 'main:content/initiatives/san-sang/index.md')).toContain('xã Gia An');
    expect(git(root, 'branch', '--list', 'cms/initiatives/san-sang/index')).toBe('');
    expect(() =>
      git(root, 'config', '--get', 'branch.cms/initiatives/san-sang/index.description'),
    ).toThrow();
    const validation = await runValidator({ root, paths: ['content/initiatives/san-sang'] });
    expect(validation.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
  });

  it.each([
    ['cho-duyet', {}, /trạng thái là "Chờ xét duyệt", chưa "Sẵn sàng công bố"/],
    ['ban-nhap-loi', { force: true }, /bài còn \d+ lỗi/],
    [
      'vuot-pham-vi',
      { force: true },
      /thay đổi ngoài thư mục của sáng kiến[\s\S]*content\/units\.yaml/,
    ],
    [
      'khong-co',
      {},
      /Không có bài chờ duyệt "khong-co".*Các bài đang chờ: ban-nhap-loi, cho-duyet, san-sang, vuot-pham-vi/,
    ],
  ])('refuses %s (%j) and leaves main as it was', async (slug, options, message) => {
    const root = repository();
    const before = git(root, 'rev-parse', 'main');
    await expect(publish(root, slug, options)).rejects.toThrow(message);
    expect(git(root, 'rev-parse', 'main')).toBe(before);
  });

  it('publishes an entry not yet marked ready only with --force', async () => {
    const root = repository();
    expect((await publish(root, 'cho-duyet', { force: true })).forced).toBe(true);
    expect(git(root, 'show', 'main:content/initiatives/cho-duyet/index.md')).toContain(
      'xã Gia Huynh',
    );
  });

  it('refuses to publish into a working copy with uncommitted changes', async () => {
    const root = repository();
    write(root, 'content/units.yaml', 'sửa dở\n');
    await expect(publish(root, 'san-sang')).rejects.toThrow(/thay đổi chưa ghi/);
  });
});

describe('review CLI', () => {
  it('answers --help in Vietnamese, lists, publishes and fails cleanly', async () => {
    const root = repository();
    const lines: string[] = [];
    const original = { log: console.log, error: console.error };
    console.log = (text: string) => lines.push(text);
    console.error = (text: string) => lines.push(text);
    try {
      expect(await main(['--help'])).toBe(0);
      expect(await main(['--repo', root])).toBe(0);
      expect(await main(['--repo', root, 'publish', 'san-sang'])).toBe(0);
      expect(await main(['--repo', root, 'publish', 'cho-duyet'])).toBe(1);
      expect(await main(['--repo', root, 'xoa'])).toBe(2);
    } finally {
      Object.assign(console, original);
    }
    const text = lines.join('\n');
    expect(lines[0]).toMatch(/^Cách dùng: npm run review/);
    expect(text).toContain(`4 bài đang chờ trong ${root}:`);
    expect(text).toContain('3. san-sang — Sẵn sàng công bố — hợp lệ — có thể công bố');
    // A branch that also edits the units file is not called valid: publishing refuses it.
    expect(text).toContain(
      '4. vuot-pham-vi — Sẵn sàng công bố — 1 thay đổi ngoài thư mục của bài\n',
    );
    // Errors are told by their Vietnamese label and line, not by the front matter's keys.
    expect(text).toMatch(/1\. ban-nhap-loi — [^\n]+ — 2 lỗi\n[\s\S]*\n {3}- dòng \d+: Tóm tắt/);
    expect(text).not.toMatch(/^ {3}- summary/m);
    // Listed and published under the branch the admin made.
    expect(text).toContain('   Nhánh: cms/initiatives/san-sang/index');
    expect(text).toMatch(/Đã công bố "san-sang" vào nhánh main \(commit [0-9a-f]{7}\)\./);
    expect(text).toContain('Nhánh cms/initiatives/san-sang/index đã được xóa.');
    expect(text).toContain('Lệnh "xoa" không có.');
  });
});
