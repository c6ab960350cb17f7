/** `--format json`: exactly `{"files":[{"path","ok","problems":[…]}]}` on stdout. */
import type { ValidationReport } from './types.ts';

export function formatJson(report: ValidationReport): string {
  const files = report.files.map((file) => ({
    path: file.path,
    ok: file.ok,
    problems: file.problems.map((problem) => ({
      code: problem.code,
      severity: problem.severity,
      ...(problem.field === undefined ? {} : { field: problem.field }),
      ...(problem.line === undefined ? {} : { line: problem.line }),
      message: problem.message,
    })),
  }));
  return `${JSON.stringify({ files })}\n`;
}
