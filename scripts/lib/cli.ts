import { realpathSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../src/core/exit-codes.ts';

export { EXIT, exitCodeOf, UsageError, unknownCampaign } from '../../src/core/exit-codes.ts';

/** True when the module was started as `node scripts/x.ts` rather than imported. */
export function isMain(meta: ImportMeta): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(meta.url));
  } catch {
    return false;
  }
}

/** node:util parseArgs errors, said in Vietnamese. */
export function argError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Tùy chọn không có: ${quoted}.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return `Tùy chọn ${quoted.split(' ')[0]} thiếu giá trị hoặc giá trị không hợp lệ.`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `Tham số thừa: ${quoted}.`;
  return 'Tham số không hợp lệ.';
}

/**
 * Run a command line parser and deal with the two outcomes every command shares: a usage
 * error (said in Vietnamese, exit 2) and `--help` (exit 0). Returns the parsed result, or
 * the exit code when the command should stop.
 */
export function readCommandLine<R extends { values: { help?: boolean | undefined } }>(
  parse: () => R,
  help: string,
): R | number {
  let parsed: R;
  try {
    parsed = parse();
  } catch (error) {
    console.error(`${argError(error)}\n\n${help}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(help);
    return 0;
  }
  return parsed;
}

/** A folder named on the command line, which must exist (not "the campaign does not exist" later). */
export function existingFolder(path: string, option: string): string {
  let folder = false;
  try {
    folder = statSync(path).isDirectory();
  } catch {
    folder = false;
  }
  if (!folder) throw new UsageError(`Thư mục không tồn tại: "${path}" (${option}).`);
  return path;
}

/** A file named on the command line, which must exist. */
export function existingFile(path: string, option: string, what: string): string {
  let file = false;
  try {
    file = statSync(path).isFile();
  } catch {
    file = false;
  }
  if (!file) throw new UsageError(`Không thấy ${what} "${path}" (${option}).`);
  return path;
}
