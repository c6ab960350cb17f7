/**
 * npm run doc:application -- ENTRY --format docx|pdf [--out FILE]
 * Writes the "Đơn yêu cầu công nhận sáng kiến" (TT 18/2013/TT-BKHCN, Phụ lục I) of an entry.
 */
import { parseArgs } from 'node:util';
import { applicationDocument } from '../src/documents/application/index.ts';
import { runCommand, UsageError } from '../src/documents/common/errors.ts';
import { parseFormat, writeOutput } from '../src/documents/common/output.ts';
import { readCommandLine } from './lib/cli.ts';

const USAGE =
  'Cách dùng: npm run doc:application -- MÃ_SÁNG_KIẾN|THƯ_MỤC --format docx|pdf [--out TỆP] [--undated]';

await runCommand(async () => {
  const parsed = readCommandLine(parseOptions, USAGE);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(`Cần đúng một sáng kiến.\n${USAGE}`);
  const format = parseFormat(values.format);
  const entry = positionals[0] as string;
  const started = performance.now();
  const result = await applicationDocument(process.cwd(), entry, format, {
    undated: values.undated,
  });
  const out = writeOutput(values.out ?? `don-yeu-cau-${result.slug}.${format}`, result.content);
  const ms = Math.round(performance.now() - started);
  process.stdout.write(
    `Đã tạo đơn yêu cầu công nhận sáng kiến (${format.toUpperCase()}, ${Math.round(result.content.length / 1024)} KB, ${ms} ms): ${out}\n`,
  );
  return 0;
});

function parseOptions() {
  return parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      undated: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
