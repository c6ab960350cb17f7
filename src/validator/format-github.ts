/**
 * `--format github`: workflow commands that GitHub Actions turns into
 * annotations on the pull request's files.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import { annotation } from '../core/workflow-commands.ts';
import { labelOf } from './field-labels.ts';
import { summaryLine } from './format-text.ts';
import type { ValidationReport } from './types.ts';

const families: Record<string, string> = {
  schema: 'Sai mẫu dữ liệu',
  references: 'Tham chiếu không tồn tại',
  deadline: 'Thời hạn của đợt',
  sections: 'Thiếu mục nội dung',
  attachments: 'Tệp đính kèm',
  unicode: 'Ký tự Unicode',
  safety: 'An toàn nội dung',
  'personal-data': 'Dữ liệu cá nhân',
  duplicates: 'Sáng kiến gần trùng',
  'changed-since': 'Phạm vi thay đổi',
  decision: 'Quyết định công nhận',
};

export function formatGithub(report: ValidationReport): string {
  const out: string[] = [];
  for (const file of report.files) {
    for (const problem of file.problems) {
      const family = problem.code.split('.')[0] ?? '';
      const title = labelOf(file.path, problem) ?? families[family] ?? 'Kiểm tra nội dung';
      out.push(
        annotation(
          problem.severity === 'error' ? 'error' : 'warning',
          { file: file.path, line: problem.line, title },
          problem.message,
        ),
      );
    }
  }
  out.push(summaryLine(report));
  return `${out.join('\n')}\n`;
}
