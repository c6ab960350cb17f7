import { realpathSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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

/**
 * The exit codes every command shares. 0: done. 1: a content problem — the content, a
 * sheet or a pull request is not right, or the work itself failed (git, GitHub). 2: a
 * usage problem — the command line is wrong: an unknown option, a missing value, or a
 * folder, file, campaign or initiative named on it that does not exist.
 */
export const EXIT = { ok: 0, content: 1, usage: 2 } as const;

/** A wrong command line, said in Vietnamese: exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly exitCode = EXIT.usage;
}

/** The exit code an error stands for: its own when it carries one, else a content problem. */
export function exitCodeOf(error: unknown): number {
  const code = (error as { exitCode?: unknown } | undefined)?.exitCode;
  return typeof code === 'number' ? code : EXIT.content;
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

/** `--campaign` names no campaign of the content. */
export function unknownCampaign(id: string, known: readonly string[]): UsageError {
  return new UsageError(
    `Không có đợt phát động "${id}". Các đợt hiện có: ${known.join(', ') || '(chưa có)'}.`,
  );
}
