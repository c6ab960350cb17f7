/**
 * `npm run review`: the committee's review on the local repository (no GitHub).
 */
import { parseArgs } from 'node:util';
import { guardTerminal } from '../src/core/terminal.ts';
import { UserError } from './github/client.ts';
import { existingFolder, exitCodeOf, isMain, readCommandLine, UsageError } from './lib/cli.ts';
import { resolveRepo } from './review/repo.ts';
import { listPending, publish, statusName } from './review/review.ts';

const HELP = `Cách dùng: npm run review [-- --repo ĐƯỜNG_DẪN]
       npm run review -- publish MÃ_SÁNG_KIẾN [--force] [--repo ĐƯỜNG_DẪN]

Duyệt bài trên máy, không cần GitHub (các bước giống một yêu cầu hợp nhất):
  (không lệnh)       liệt kê bài đang chờ (nhánh cms/initiatives/<mã>/index), trạng thái trong
                     trang quản trị, kết quả kiểm tra tự động và phạm vi thay đổi của từng bài
  publish MÃ_SÁNG_KIẾN
                     kiểm tra lại rồi hợp nhất bài vào nhánh chính (như nút "Công bố" của trang
                     quản trị): chỉ khi bài hợp lệ, chỉ thay đổi thư mục của mình và ở trạng
                     thái "Sẵn sàng công bố"

  --repo ĐƯỜNG_DẪN   kho git (mặc định: biến KHO_REPO, kho của "npm start" trong .tmp/cms-repo,
                     hoặc thư mục hiện tại)
  --base NHÁNH       nhánh chính (mặc định main)
  --force            công bố cả khi trạng thái chưa là "Sẵn sàng công bố" (bài vẫn phải hợp lệ)
  -h, --help         in hướng dẫn này

Ví dụ: npm run review -- publish nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai`;

const OPTIONS = {
  repo: { type: 'string' },
  base: { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
}

export async function main(argv: string[]): Promise<number> {
  const parsed = readCommandLine(() => parse(argv), HELP);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const base = values.base ?? 'main';
  try {
    const root = existingFolder(resolveRepo(values.repo), '--repo');
    const [command, slug, ...rest] = positionals;
    if (command === undefined || command === 'list') {
      const pending = await listPending(root, base);
      if (pending.length === 0) {
        console.log(`Không có bài nào đang chờ trong ${root}.`);
        return 0;
      }
      console.log(`${pending.length} bài đang chờ trong ${root}:`);
      pending.forEach((item, index) => {
        // Out-of-scope changes refuse publishing as surely as an error does.
        const faults = [
          item.errors.length > 0 ? `${item.errors.length} lỗi` : '',
          item.scope.length > 0 ? `${item.scope.length} thay đổi ngoài thư mục của bài` : '',
        ].filter(Boolean);
        const check = faults.length === 0 ? 'hợp lệ' : faults.join(', ');
        const ready = item.publishable ? ' — có thể công bố' : '';
        console.log(`${index + 1}. ${item.slug} — ${statusName(item.status)} — ${check}${ready}`);
        if (item.title) console.log(`   ${item.title}`);
        console.log(`   Nhánh: ${item.branch}`);
        // The message already names the field by its Vietnamese label.
        for (const finding of item.errors)
          console.log(`   - ${finding.line ? `dòng ${finding.line}: ` : ''}${finding.message}`);
        for (const problem of item.scope)
          console.log(`   - ${problem.file ? `${problem.file}: ` : ''}${problem.message}`);
      });
      return 0;
    }
    if (command === 'publish') {
      if (!slug || rest.length > 0) {
        console.error(`Ghi đúng một mã sáng kiến sau "publish".\n\n${HELP}`);
        return 2;
      }
      const result = await publish(root, slug, { base, force: values.force });
      console.log(
        `Đã công bố "${result.slug}" vào nhánh ${base} (commit ${result.commit.slice(0, 7)})${result.forced ? ' — dùng --force' : ''}. Nhánh ${result.branch} đã được xóa.`,
      );
      return 0;
    }
    console.error(`Lệnh "${command}" không có. Dùng "publish" hoặc để trống.\n\n${HELP}`);
    return 2;
  } catch (error) {
    console.error(
      error instanceof UserError || error instanceof UsageError
        ? error.message
        : `Lỗi: ${error instanceof Error ? error.message : String(error)}`,
    );
    return exitCodeOf(error);
  }
}

if (isMain(import.meta)) {
  guardTerminal();
  process.exitCode = await main(process.argv.slice(2));
}
