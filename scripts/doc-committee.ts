/**
 * npm run doc:committee -- CAMPAIGN --list review|recognition --format docx|pdf [--out FILE] [--blank]
 * The committee's lists: all submissions for the review meeting, or the recognised
 * initiatives attached to the decision, with the rubric's columns and a totals row.
 */
import { parseArgs } from 'node:util';
import { committeeDocument } from '../src/documents/committee/index.ts';
import { runCommand, UsageError } from '../src/documents/common/errors.ts';
import { parseFormat, writeOutput } from '../src/documents/common/output.ts';
import { readCommandLine } from './lib/cli.ts';

const USAGE =
  'Cách dùng: npm run doc:committee -- MÃ_ĐỢT --list review|recognition --format docx|pdf [--out TỆP] [--blank]';

await runCommand(async () => {
  const parsed = readCommandLine(parseOptions, USAGE);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(`Cần đúng một mã đợt phát động.\n${USAGE}`);
  const list = values.list;
  if (list !== 'review' && list !== 'recognition')
    throw new UsageError(
      `${list ? `Danh sách "${list}" không có` : 'Thiếu --list'}: chọn --list review (tổng hợp để họp xét) hoặc --list recognition (kèm quyết định công nhận).\n${USAGE}`,
    );
  const format = parseFormat(values.format);
  const campaign = positionals[0] as string;
  const started = performance.now();
  const result = await committeeDocument({
    root: process.cwd(),
    campaign,
    list,
    format,
    blank: values.blank,
  });
  const name = list === 'review' ? 'danh-sach-tong-hop' : 'danh-sach-cong-nhan';
  const out = writeOutput(values.out ?? `${name}-${campaign}.${format}`, result.content);
  const what =
    list === 'review' ? 'Danh sách tổng hợp để họp xét' : 'Danh sách sáng kiến được công nhận';
  process.stdout.write(
    `Đã tạo ${what} (${result.count} sáng kiến, ${format.toUpperCase()}, ${Math.round(result.content.length / 1024)} KB, ${Math.round(performance.now() - started)} ms): ${out}\n`,
  );
  return 0;
});

function parseOptions() {
  return parseArgs({
    allowPositionals: true,
    options: {
      list: { type: 'string', short: 'l' },
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      blank: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
