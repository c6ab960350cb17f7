import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bodyOf,
  type Fixture,
  initiativeData,
  makeFixture,
  sectionBodies,
} from '../support/fixtures.ts';

const CLI = join(import.meta.dirname, '../../scripts/validate.ts');

let fixture: Fixture | undefined;
afterEach(() => fixture?.cleanup());

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    cwd: fixture?.root,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The folder of the fixture's one initiative. */
function readSlug(from: Fixture): string {
  return readdirSync(from.path('content/initiatives'))[0] as string;
}

function brokenFixture() {
  fixture = makeFixture({ initiatives: 1 });
  const data = initiativeData({ unit: 'xa-khong-co' });
  delete data.summary;
  return fixture.initiative('hong', data);
}

describe('validate CLI', () => {
  it('exits 0 with a Vietnamese summary on valid content', () => {
    fixture = makeFixture({ initiatives: 2 });
    const { code, stdout } = cli();
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('Đã kiểm tra 6 tệp: 0 lỗi, 0 cảnh báo.');
  });

  it('exits 1 and prints file:line with the field label, grouped by file', () => {
    const path = brokenFixture();
    const { code, stdout } = cli('--format', 'text');
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(path);
    expect(stdout).toMatch(
      new RegExp(`${path}:\\d+  lỗi  Cơ quan, đơn vị chủ trì: Đơn vị "xa-khong-co"`),
    );
    expect(stdout).toContain('lỗi  Tóm tắt: Chưa điền (bắt buộc).');
    expect(lines.at(-2)).toBe('Đã kiểm tra 6 tệp: 2 lỗi, 0 cảnh báo.');
  });

  it('keeps each problem on one line when a file name holds a line break', () => {
    fixture = makeFixture({ initiatives: 1 });
    const name = 'x\n::error file=README.md,line=1::GIẢ MẠO.txt';
    fixture.write(`content/initiatives/${readSlug(fixture)}/${name}`, 'chữ');
    const { code, stdout } = cli('--format', 'text');
    // A file beside the entry that no attachment names is a warning.
    expect(code).toBe(0);
    expect(stdout).toContain('x\\n::error file=README.md,line=1::GIẢ MẠO.txt');
    expect(stdout.split('\n').filter((line) => line.startsWith('::error'))).toEqual([]);
  });

  it('prints exactly the JSON shape on stdout', () => {
    const path = brokenFixture();
    const { code, stdout } = cli('--format', 'json');
    expect(code).toBe(1);
    const parsed = JSON.parse(stdout) as { files: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(['files']);
    for (const file of parsed.files) {
      expect(Object.keys(file)).toEqual(['path', 'ok', 'problems']);
      for (const problem of file.problems as Record<string, unknown>[]) {
        expect(['code', 'severity', 'field', 'line', 'message']).toEqual(
          expect.arrayContaining(Object.keys(problem)),
        );
        expect(['error', 'warning']).toContain(problem.severity);
      }
    }
    const broken = parsed.files.find((file) => file.path === path);
    expect(broken?.ok).toBe(false);
    expect(broken?.problems).toContainEqual({
      code: 'references.unit',
      severity: 'error',
      field: 'unit',
      line: expect.any(Number),
      message: expect.stringContaining('xa-khong-co'),
    });
  });

  it('prints GitHub workflow annotations', () => {
    const path = brokenFixture();
    const { code, stdout } = cli('--format', 'github');
    expect(code).toBe(1);
    expect(stdout).toMatch(
      new RegExp(
        `^::error file=${path},line=\\d+,title=Cơ quan%2C đơn vị chủ trì::Cơ quan, đơn vị chủ trì: Đơn vị`,
        'm',
      ),
    );
    expect(stdout.trim().split('\n').at(-1)).toBe('Đã kiểm tra 6 tệp: 2 lỗi, 0 cảnh báo.');
  });

  it('checks only the given paths', () => {
    brokenFixture();
    const { code, stdout } = cli('content/initiatives/sang-kien-1');
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('Đã kiểm tra 1 tệp: 0 lỗi, 0 cảnh báo.');
  });

  it('exits 2 on usage errors, in Vietnamese, without a stack trace', () => {
    fixture = makeFixture();
    for (const args of [
      ['--bogus'],
      ['--format', 'xml'],
      ['khong-co.md'],
      ['--changed-since', 'main'],
      ['--root', '/khong/co'],
    ]) {
      const { code, stdout, stderr } = cli(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^Lỗi/);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('says that a hidden folder or one outside the content is not checked, rather than "0 files"', () => {
    fixture = makeFixture({ initiatives: 1 });
    fixture.initiative('.an', initiativeData({ unit: 'xa-khong-co' }));
    fixture.write('ghi-chu/tam.md', '# Ghi chú\n');
    const hidden = cli('content/initiatives/.an');
    expect(hidden.code).toBe(2);
    expect(hidden.stderr).toContain(
      '"content/initiatives/.an" không được kiểm tra: tệp và thư mục có tên bắt đầu bằng dấu chấm không thuộc kho nội dung.',
    );
    const outside = cli('ghi-chu');
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('"ghi-chu" không phải thư mục nội dung (content/…).');
    // The same folder named twice is still checked once.
    const twice = cli('content/initiatives', 'content/initiatives/sang-kien-1');
    expect(twice.code).toBe(0);
    expect(twice.stdout.trim()).toBe('Đã kiểm tra 1 tệp: 0 lỗi, 0 cảnh báo.');
  });

  it('prints Vietnamese help', () => {
    fixture = makeFixture();
    const { code, stdout } = cli('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Mã thoát: 0 không có lỗi; 1 có lỗi trong nội dung; 2');
  });

  it('--fix rewrites decomposed text to NFC and changes nothing else', () => {
    fixture = makeFixture();
    const body = bodyOf({
      ...sectionBodies,
      'Nội dung giải pháp': 'Tiê\u0301ng Viê\u0323t tổ hợp.\r\nDòng CRLF giữ nguyên.',
    });
    const path = fixture.initiative('nfd', initiativeData(), body);
    const before = readFileSync(fixture.path(path), 'utf8');
    expect(cli().code).toBe(1);
    const fixed = cli('--fix');
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('Đã chuẩn hóa Unicode (NFC) 1 tệp.');
    expect(readFileSync(fixture.path(path), 'utf8')).toBe(before.normalize('NFC'));
    expect(readFileSync(fixture.path(path), 'utf8')).toContain('Tiếng Việt tổ hợp.\r\n');
  });

  it('refuses a huge file with a message, not a crash', () => {
    fixture = makeFixture();
    fixture.write(
      'content/initiatives/lon/index.md',
      `---\ntitle: x\n---\n${'a'.repeat(600 * 1024)}`,
    );
    const { code, stdout, stderr } = cli('--format', 'json');
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).toContain('file.too-large');
  });
});
