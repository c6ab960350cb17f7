/** `--format text`: Vietnamese, grouped by file, `file:line`, a summary line. */
import type { ValidationReport } from './types.ts';

export function summaryLine(report: ValidationReport): string {
  const { files, errors, warnings } = report.totals;
  return `Đã kiểm tra ${files} tệp: ${errors} lỗi, ${warnings} cảnh báo.`;
}

/**
 * One problem, one line: a file name or a quoted value may hold a line break, which would
 * otherwise start a line of its own that looks like anything ("::error …", "0 lỗi").
 */
function oneLine(text: string): string {
  // A carriage return is left to the terminal guard, which writes it out as \x0D.
  return text.replaceAll('\n', '\\n');
}

export function formatText(report: ValidationReport): string {
  const out: string[] = [];
  for (const file of report.files) {
    if (file.problems.length === 0) continue;
    const path = oneLine(file.path);
    out.push(path);
    for (const problem of file.problems) {
      const where = problem.line === undefined ? path : `${path}:${problem.line}`;
      const severity = problem.severity === 'error' ? 'lỗi' : 'cảnh báo';
      out.push(`  ${where}  ${severity}  ${oneLine(problem.message)}  [${problem.code}]`);
    }
    out.push('');
  }
  if (report.totals.fixed > 0) {
    out.push(`Đã chuẩn hóa Unicode (NFC) ${report.totals.fixed} tệp.`);
  }
  out.push(summaryLine(report));
  return `${out.join('\n')}\n`;
}
