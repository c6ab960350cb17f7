/**
 * The message a refused status change or publish carries, the same words whether the
 * admin refuses it (before asking the server) or the project's gate in front of
 * decap-server does. Browser-safe.
 */
import type { Problem } from '../model/problems.ts';

export type GatedStep = 'ready' | 'publish';

/** Problems listed in a message; the rest are counted. */
const SHOWN = 8;

export interface LocatedProblem {
  problem: Problem;
  /** The file, when it is not the entry's own `index.md`. */
  file?: string;
}

/** "• Tác giả: Tổng tỷ lệ đóng góp là 90%, phải bằng 100%." and the like. */
export function problemLine({ problem, file }: LocatedProblem): string {
  const where = [
    file,
    problem.field === undefined && problem.line !== undefined ? `dòng ${problem.line}` : undefined,
  ].filter(Boolean);
  return `• ${where.length > 0 ? `${where.join(', ')}: ` : ''}${problem.message}`;
}

export function refusalMessage(step: GatedStep, problems: readonly LocatedProblem[]): string {
  const errors = problems.filter(({ problem }) => problem.severity === 'error');
  const head =
    step === 'ready'
      ? 'Chưa chuyển được sang “Sẵn sàng công bố”'
      : 'Chưa công bố được sáng kiến này';
  const lines = errors.slice(0, SHOWN).map(problemLine);
  if (errors.length > SHOWN) lines.push(`• … và ${errors.length - SHOWN} lỗi khác.`);
  return [`${head}: bài còn ${errors.length} lỗi. Hãy sửa rồi bấm Lưu trước.`, ...lines].join('\n');
}
