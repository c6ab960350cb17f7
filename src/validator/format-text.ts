/** `--format text`: Vietnamese, grouped by file, `file:line`, a summary line. */
import type { ValidationReport } from './types.ts';

export function summaryLine(report: ValidationReport): string {
  const { files, errors, warnings } = report.totals;
  return `Đã kiểm tra ${files} tệp: ${errors} lỗi, ${warnings} cảnh báo.`;
}

export function formatText(report: ValidationReport): string {
  const out: string[] = [];
  for (const file of report.files) {
    if (file.problems.length === 0) continue;
    out.push(file.path);
    for (const problem of file.problems) {
      const where = problem.line === undefined ? file.path : `${file.path}:${problem.line}`;
      const severity = problem.severity === 'error' ? 'lỗi' : 'cảnh báo';
      out.push(`  ${where}  ${severity}  ${problem.message}  [${problem.code}]`);
    }
    out.push('');
  }
  if (report.totals.fixed > 0) {
    out.push(`Đã chuẩn hóa Unicode (NFC) ${report.totals.fixed} tệp.`);
  }
  out.push(summaryLine(report));
  return `${out.join('\n')}\n`;
}
