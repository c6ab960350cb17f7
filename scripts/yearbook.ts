/**
 * npm run yearbook -- CAMPAIGN --format pdf|docx [--out FILE]
 * The campaign's yearbook ("kỷ yếu"): every recognised initiative, ready to replicate, with a
 * QR code to its page on the site (SITE_URL and BASE_PATH, as for the build).
 */
import { parseArgs } from 'node:util';
import { runCommand, UsageError } from '../src/documents/common/errors.ts';
import { parseFormat, writeOutput } from '../src/documents/common/output.ts';
import { yearbookDocument } from '../src/documents/yearbook/index.ts';
import { DEFAULT_SITE_URL } from '../src/lib/deploy-config.ts';
import { readCommandLine } from './lib/cli.ts';

const USAGE = 'Cách dùng: npm run yearbook -- MÃ_ĐỢT --format pdf|docx [--out TỆP]';

await runCommand(async () => {
  const parsed = readCommandLine(parseOptions, USAGE);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(`Cần đúng một mã đợt phát động.\n${USAGE}`);
  const format = parseFormat(values.format);
  const campaign = positionals[0] as string;
  const started = performance.now();
  const result = await yearbookDocument(process.cwd(), campaign, format);
  const out = writeOutput(values.out ?? `ky-yeu-${campaign}.${format}`, result.content);
  const ms = Math.round(performance.now() - started);
  process.stdout.write(
    `Đã tạo kỷ yếu (${result.chapters}/${result.entries} sáng kiến được công nhận, ${format.toUpperCase()}, ${Math.round(result.content.length / 1024)} KB, ${ms} ms): ${out}\n`,
  );
  if (result.siteRoot.startsWith(DEFAULT_SITE_URL))
    process.stdout.write(
      `Lưu ý: mã QR đang trỏ tới địa chỉ xem thử ${result.siteRoot}. Trước khi in, tạo lại với SITE_URL=https://<tên-miền> (và BASE_PATH nếu trang đặt trong thư mục con).\n`,
    );
  return 0;
});

function parseOptions() {
  return parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
