import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { renderDocx } from '../render/docx.ts';
import { MissingFontError } from '../render/fonts.ts';
import type { DocModel } from '../render/model.ts';
import { renderPdf } from '../render/pdf.ts';
import { UsageError, UserError } from './errors.ts';

export type Format = 'docx' | 'pdf';

export function parseFormat(value: string | undefined): Format {
  if (value === 'docx' || value === 'pdf') return value;
  throw new UsageError(
    value
      ? `Định dạng "${value}" không hỗ trợ; chọn --format docx hoặc --format pdf.`
      : 'Thiếu --format docx|pdf.',
  );
}

export async function render(model: DocModel, format: Format): Promise<Buffer> {
  try {
    return format === 'docx' ? await renderDocx(model) : await renderPdf(model);
  } catch (error) {
    if (error instanceof MissingFontError) throw new UserError(error.message);
    throw error;
  }
}

/**
 * The nearest folder on the way to `path` that exists but is a file, which is what EEXIST
 * (from mkdir) and ENOTDIR mean here; undefined when none is found (the disk changed since).
 */
function fileInTheWay(path: string): string | undefined {
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    try {
      return statSync(folder).isDirectory() ? undefined : folder;
    } catch {
      // Not there yet: the obstacle, if any, is further up.
    }
    if (dirname(folder) === folder) return undefined;
  }
}

/**
 * Why `file` (as given on the command line) could not be written, in Vietnamese. Node's own
 * messages ("EISDIR: illegal operation on a directory, open …") are English and name the
 * system call, not what to change; the code is kept in the fallback so nothing is hidden.
 */
export function writeErrorMessage(file: string, error: unknown): string {
  const { code, path } = (error ?? {}) as { code?: unknown; path?: unknown };
  const where = typeof path === 'string' ? path : dirname(resolve(file));
  const start = `Không ghi được tệp ${file}`;
  switch (code) {
    case 'EISDIR':
      return `${start}: đường dẫn này là một thư mục. Hãy thêm tên tệp vào cuối, ví dụ ${file.replace(/[\\/]+$/, '')}/ten-tep.docx (hoặc .pdf).`;
    case 'EEXIST':
    case 'ENOTDIR': {
      const blocker = fileInTheWay(resolve(file)) ?? where;
      return `${start}: ${blocker} là một tệp, không phải thư mục, nên không tạo được thư mục chứa tệp. Hãy chọn đường dẫn khác.`;
    }
    case 'EACCES':
    case 'EPERM':
      return `${start}: không có quyền ghi vào ${where}. Hãy chọn thư mục khác hoặc xin cấp quyền ghi.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `${start}: ổ đĩa đã hết chỗ trống (hoặc hết hạn mức dung lượng). Hãy giải phóng dung lượng hoặc ghi sang ổ khác.`;
    case 'EROFS':
      return `${start}: ổ đĩa chứa ${where} chỉ cho đọc. Hãy ghi sang thư mục khác.`;
    case 'ENAMETOOLONG':
      return `${start}: tên tệp hoặc đường dẫn quá dài. Hãy chọn tên ngắn hơn.`;
    default: {
      const reason =
        typeof code === 'string'
          ? `mã lỗi ${code}`
          : `lỗi: ${error instanceof Error ? error.message : String(error)}`;
      return `${start} (${reason}).`;
    }
  }
}

/** Writes the file (creating its folder) and returns its absolute path. */
export function writeOutput(file: string, content: Buffer): string {
  const path = resolve(file);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  } catch (error) {
    throw new UserError(writeErrorMessage(file, error));
  }
  return path;
}
