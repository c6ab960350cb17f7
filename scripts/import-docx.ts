/**
 * npm run import:docx -- FILE.docx [--campaign ID|YEAR] [--out DIR]
 * Turns a Word submission into a new entry (an entry folder of the initiatives collection, with its images),
 * then validates it. Exit 0: valid. Exit 1: written as a draft that needs completing, or refused.
 * Exit 2: wrong command line.
 */
import { parseArgs } from 'node:util';
import { runCommand, UsageError } from '../src/documents/common/errors.ts';
import { importDocx } from '../src/documents/import/index.ts';
import { readCommandLine } from './lib/cli.ts';

const USAGE = 'Cách dùng: npm run import:docx -- TỆP.docx [--campaign MÃ_ĐỢT|NĂM] [--out THƯ_MỤC]';

await runCommand(async () => {
  const parsed = readCommandLine(parseOptions, USAGE);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(`Cần đúng một tệp .docx.\n${USAGE}`);
  const file = positionals[0] as string;
  if (!/\.docx$/i.test(file))
    throw new UsageError(`"${file}" không có đuôi .docx. Chỉ nhận văn bản Word .docx.\n${USAGE}`);

  const result = await importDocx({
    root: process.cwd(),
    file,
    campaign: values.campaign,
    out: values.out,
  });
  const out = process.stdout;
  out.write(`Đã tạo sáng kiến: ${result.path}\n`);
  if (result.attachments.length)
    out.write(
      `Hình ảnh đính kèm (${result.attachments.length}): ${result.attachments.join(', ')}\n`,
    );
  for (const note of result.notes) out.write(`Lưu ý: ${note}\n`);
  out.write(`\n${result.report.join('\n')}\n`);
  if (result.missing.length) {
    out.write(`\nChưa tìm thấy trong tệp Word (${result.missing.length} mục, cần bổ sung):\n`);
    for (const item of result.missing) out.write(`  - ${item.message}\n`);
  }
  const errors = result.problems.filter((problem) => problem.severity === 'error');
  const warnings = result.problems.filter((problem) => problem.severity === 'warning');
  if (!result.fullValidation)
    out.write('\n(Thư mục ngoài kho nội dung: chỉ kiểm tra theo mô hình dữ liệu.)\n');
  if (result.problems.length) {
    out.write(`\nKết quả kiểm tra: ${errors.length} lỗi, ${warnings.length} cảnh báo\n`);
    for (const problem of result.problems) {
      const where = [problem.line ? `dòng ${problem.line}` : '', problem.field ?? '']
        .filter(Boolean)
        .join(', ');
      out.write(
        `  ${problem.severity === 'error' ? 'Lỗi' : 'Cảnh báo'}${where ? ` (${where})` : ''}: ${problem.message}\n`,
      );
    }
  }
  if (result.ok) {
    out.write('\nSáng kiến hợp lệ, có thể gửi.\n');
    return 0;
  }
  out.write(
    `\nĐã ghi BẢN NHÁP ${result.path}: chưa hợp lệ. Mở tệp, bổ sung các mục trên (danh sách cũng ghi ở đầu tệp) rồi chạy "npm run validate".\n`,
  );
  return 1;
});

function parseOptions() {
  return parseArgs({
    allowPositionals: true,
    options: {
      campaign: { type: 'string', short: 'c' },
      out: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
