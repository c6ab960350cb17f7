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

/**
 * The option a parseArgs message is about, as the user would type it. Node quotes it with its
 * short form and an English placeholder ("'-o, --out <value>'"): the long form is kept.
 */
function optionOf(quoted: string): string {
  return /--[^\s,<]+/.exec(quoted)?.[0] ?? /-[^\s,<]+/.exec(quoted)?.[0] ?? quoted;
}

/**
 * node:util parseArgs errors, said in Vietnamese. Node's message is English and only its
 * quoted part (the option or the argument) is kept; the wording is told apart by the phrases
 * Node uses for each case of ERR_PARSE_ARGS_INVALID_OPTION_VALUE.
 */
export function argError(error: unknown): string {
  const code = (error as { code?: string } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Tùy chọn không có: ${quoted}.`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `Tham số thừa: ${quoted}.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = optionOf(quoted);
    if (!option) return 'Có tùy chọn thiếu giá trị hoặc giá trị không hợp lệ.';
    if (/does not take an argument/.test(message))
      return `Tùy chọn ${option} không nhận giá trị: chỉ viết ${option}.`;
    if (/argument is ambiguous/.test(message))
      return `Tùy chọn ${option} thiếu giá trị: viết ${option} GIÁ_TRỊ; giá trị bắt đầu bằng dấu "-" thì viết liền: ${option}=-GIÁ_TRỊ.`;
    if (/argument missing/.test(message))
      return `Tùy chọn ${option} thiếu giá trị: viết ${option} GIÁ_TRỊ.`;
    return `Tùy chọn ${option} thiếu giá trị hoặc giá trị không hợp lệ.`;
  }
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
