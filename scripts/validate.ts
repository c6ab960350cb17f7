/**
 * `npm run validate`: check the content tree (or given paths, or what changed
 * since a git ref) and print the problems in Vietnamese.
 * Exit codes: 0 no error, 1 some error in the content, 2 usage or internal error.
 */

import { parseArgs } from 'node:util';
import { guardTerminal } from '../src/core/terminal.ts';
import { CONTENT_ROOT, collections, placeOf } from '../src/model/collections.ts';
import { UsageError } from '../src/validator/types.ts';
import { argError, existingFolder } from './lib/cli.ts';

const HELP = `Kiểm tra nội dung kho sáng kiến cải cách hành chính.

Cách dùng:
  npm run validate -- [tùy chọn] [ĐƯỜNG_DẪN…]

Không ghi đường dẫn: kiểm tra toàn bộ thư mục ${CONTENT_ROOT}/.
Đường dẫn có thể là một tệp hoặc một thư mục (ví dụ ${placeOf(collections.initiatives, 'ten-sang-kien')}).

Tùy chọn:
  --changed-since MỐC_GIT  Chế độ yêu cầu hợp nhất: chỉ kiểm tra những gì thay đổi so với
                           MỐC_GIT (ví dụ origin/main); bài nộp chỉ được thay đổi thư mục của
                           một sáng kiến; sáng kiến mới sau hạn cuối bị từ chối.
  --any-path               Cùng --changed-since, cho yêu cầu hợp nhất của hội đồng hoặc người
                           quản trị: được thay đổi ngoài thư mục sáng kiến; ai được sửa gì do
                           npm run guard xét.
  --format ĐỊNH_DẠNG       text (mặc định), json hoặc github (chú thích cho GitHub Actions).
  --fix                    Chuẩn hóa chữ tiếng Việt về dạng NFC ngay trong tệp
                           (không sửa gì khác).
  --root ĐƯỜNG_DẪN         Thư mục gốc của kho (chứa ${CONTENT_ROOT}/); mặc định là thư mục hiện tại.
  --today NGÀY             Coi hôm nay là ngày này (YYYY-MM-DD, giờ Việt Nam) khi xét hạn cuối.
  --workers SỐ             Số luồng kiểm tra song song (mặc định: tự chọn theo số nhân).
  --no-cache               Không dùng kết quả đã lưu của các sáng kiến không đổi
                           (node_modules/.cache/kho-validate); kiểm tra lại từ đầu.
  -h, --help               In hướng dẫn này.

Mã thoát: 0 không có lỗi; 1 có lỗi trong nội dung; 2 dùng sai lệnh hoặc lỗi nội bộ.
`;

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (cause) {
    // Said as every other command says it: Node's own message is English ("<value>").
    process.stderr.write(`Lỗi: ${argError(cause)}\nGõ --help để xem hướng dẫn.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'github') {
    process.stderr.write(`Lỗi: dạng "${format}" không hỗ trợ; chọn text, json hoặc github.\n`);
    return 2;
  }
  if (values['any-path'] && values['changed-since'] === undefined) {
    process.stderr.write('Lỗi: --any-path chỉ dùng cùng --changed-since.\n');
    return 2;
  }
  if (values['changed-since'] !== undefined && positionals.length > 0) {
    process.stderr.write('Lỗi: không dùng đồng thời --changed-since và danh sách đường dẫn.\n');
    return 2;
  }
  if (values.root !== undefined) {
    try {
      existingFolder(values.root, '--root');
    } catch (cause) {
      process.stderr.write(`Lỗi: ${(cause as Error).message}\n`);
      return 2;
    }
  }
  let workers: number | undefined;
  if (values.workers !== undefined) {
    workers = Number(values.workers);
    if (!Number.isInteger(workers) || workers < 0 || workers > 64) {
      process.stderr.write('Lỗi: --workers phải là số nguyên từ 0 đến 64.\n');
      return 2;
    }
  }
  try {
    // Loaded only now: --help and usage errors answer without loading the rules and the schemas.
    const [{ validate }, { formatGithub }, { formatJson }, { formatText }] = await Promise.all([
      import('../src/validator/index.ts'),
      import('../src/validator/format-github.ts'),
      import('../src/validator/format-json.ts'),
      import('../src/validator/format-text.ts'),
    ]);
    const report = await validate({
      root: values.root,
      paths: positionals,
      changedSince: values['changed-since'],
      onlyEntryFolder: !values['any-path'],
      fix: values.fix === true,
      today: values.today,
      workers,
      cache: values['no-cache'] !== true,
    });
    const output =
      format === 'json'
        ? formatJson(report)
        : format === 'github'
          ? formatGithub(report)
          : formatText(report);
    process.stdout.write(output);
    return report.totals.errors > 0 ? 1 : 0;
  } catch (cause) {
    if (cause instanceof UsageError) {
      process.stderr.write(`Lỗi: ${cause.message}\n`);
    } else {
      const detail = cause instanceof Error ? cause.message : String(cause);
      process.stderr.write(`Lỗi nội bộ của trình kiểm tra: ${detail}\n`);
    }
    return 2;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      format: { type: 'string' },
      'changed-since': { type: 'string' },
      'any-path': { type: 'boolean' },
      fix: { type: 'boolean' },
      root: { type: 'string' },
      today: { type: 'string' },
      workers: { type: 'string' },
      'no-cache': { type: 'boolean' },
    },
  });
}

// A closed pipe (`… | head`) is not an error worth a stack trace.
process.stdout.on('error', () => {});
guardTerminal();

process.exitCode = await main(process.argv.slice(2)).catch(() => {
  process.stderr.write('Lỗi nội bộ của trình kiểm tra.\n');
  return 2;
});
