import { realpathSync } from 'node:fs';
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
