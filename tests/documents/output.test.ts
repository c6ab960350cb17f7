/**
 * Writing a document (doc:application, doc:committee, yearbook) to a path that cannot take
 * it: the person is told why in Vietnamese, with the path, never Node's English message.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/documents/common/errors.ts';
import { writeErrorMessage, writeOutput } from '../../src/documents/common/output.ts';
import { REPO } from './support.ts';

const CONTENT = Buffer.from('PK tệp thử');
/** Node's own words for these failures, which must not reach the person. */
const ENGLISH =
  /EISDIR|EEXIST|ENOTDIR|ENAMETOOLONG|EACCES|illegal operation|already exists|not a directory|too long|permission denied/i;

/** The message writeOutput throws for `file`, failing the test if it writes. */
function refusal(file: string): string {
  let thrown: unknown;
  try {
    writeOutput(file, CONTENT);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(UserError);
  return (thrown as Error).message;
}

describe('writeOutput: why a document cannot be written', () => {
  it('writes the file, creating its folders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kho-out-'));
    const path = writeOutput(join(dir, 'a', 'b', 'don.docx'), CONTENT);
    expect(readFileSync(path)).toEqual(CONTENT);
  });

  it('the path is a folder (EISDIR)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kho-out-'));
    const message = refusal(dir);
    expect(message).toContain(`Không ghi được tệp ${dir}: đường dẫn này là một thư mục.`);
    expect(message).toContain(`${dir}/ten-tep.docx`);
    expect(message).not.toMatch(ENGLISH);
  });

  it.each([
    ['directly (EEXIST from mkdir)', ['x.docx']],
    ['further up (ENOTDIR)', ['b', 'c', 'x.docx']],
  ])('a folder on the way is a file, %s', (_case, rest) => {
    const dir = mkdtempSync(join(tmpdir(), 'kho-out-'));
    writeFileSync(join(dir, 'a.docx'), 'đã có');
    const file = join(dir, 'a.docx', ...rest);
    const message = refusal(file);
    expect(message).toBe(
      `Không ghi được tệp ${file}: ${join(dir, 'a.docx')} là một tệp, không phải thư mục, nên không tạo được thư mục chứa tệp. Hãy chọn đường dẫn khác.`,
    );
    expect(readFileSync(join(dir, 'a.docx'), 'utf8')).toBe('đã có');
  });

  it('the name is too long (ENAMETOOLONG)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kho-out-'));
    const file = join(dir, `${'a'.repeat(300)}.docx`);
    expect(refusal(file)).toBe(
      `Không ghi được tệp ${file}: tên tệp hoặc đường dẫn quá dài. Hãy chọn tên ngắn hơn.`,
    );
  });
});

describe('writeErrorMessage: causes that a test cannot bring about', () => {
  const failure = (code: string, path?: string) =>
    Object.assign(new Error(`${code}: English words, open '${path}'`), { code, path });

  it.each([
    [
      'EACCES',
      'không có quyền ghi vào /srv/kho/don.docx. Hãy chọn thư mục khác hoặc xin cấp quyền ghi.',
    ],
    [
      'EPERM',
      'không có quyền ghi vào /srv/kho/don.docx. Hãy chọn thư mục khác hoặc xin cấp quyền ghi.',
    ],
    [
      'ENOSPC',
      'ổ đĩa đã hết chỗ trống (hoặc hết hạn mức dung lượng). Hãy giải phóng dung lượng hoặc ghi sang ổ khác.',
    ],
    [
      'EDQUOT',
      'ổ đĩa đã hết chỗ trống (hoặc hết hạn mức dung lượng). Hãy giải phóng dung lượng hoặc ghi sang ổ khác.',
    ],
    ['EROFS', 'ổ đĩa chứa /srv/kho/don.docx chỉ cho đọc. Hãy ghi sang thư mục khác.'],
  ])('%s', (code, reason) => {
    expect(writeErrorMessage('don.docx', failure(code, '/srv/kho/don.docx'))).toBe(
      `Không ghi được tệp don.docx: ${reason}`,
    );
  });

  it('any other cause keeps its code, in a Vietnamese sentence', () => {
    expect(writeErrorMessage('don.docx', failure('EIO', '/srv/kho/don.docx'))).toBe(
      'Không ghi được tệp don.docx (mã lỗi EIO).',
    );
  });

  it('a failure without a code keeps its message', () => {
    expect(writeErrorMessage('don.docx', new Error('hỏng'))).toBe(
      'Không ghi được tệp don.docx (lỗi: hỏng).',
    );
  });
});

describe('doc:application --out a folder', () => {
  it('ends with the Vietnamese reason and exit code 1, writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kho-out-'));
    const result = await new Promise<{ code: number; stderr: string }>((done) => {
      execFile(
        process.execPath,
        [
          join(REPO, 'scripts', 'doc-application.ts'),
          'mau-day-du-kiosk-tra-cuu-ho-so-tai-bo-phan-mot-cua-huyen',
          '--format',
          'docx',
          '--out',
          dir,
        ],
        { cwd: REPO },
        (error, _stdout, stderr) =>
          done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `Lỗi: Không ghi được tệp ${dir}: đường dẫn này là một thư mục. Hãy thêm tên tệp vào cuối, ví dụ ${dir}/ten-tep.docx (hoặc .pdf).\n`,
    );
    expect(existsSync(join(dir, 'ten-tep.docx'))).toBe(false);
  }, 60_000);
});
