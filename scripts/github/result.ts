/**
 * The verdict on a pull request as the bot's comment shows it (scripts/github/verdict.ts
 * computes it). Every string in it comes from the pull request — file names, titles,
 * messages quoting the content — so the shape is bounded and each string is escaped for
 * Markdown where it is placed.
 */
import { z } from 'zod';
import { markdownCode, markdownText } from '../../src/core/markdown-escape.ts';
import { reformAreaIds } from '../../src/schemas/vocabularies.ts';

const text = (max: number) => z.string().max(max);

export const findingSchema = z.strictObject({
  file: text(300),
  severity: z.enum(['error', 'warning']),
  field: text(200).optional(),
  line: z.number().int().min(0).max(1_000_000).optional(),
  message: text(1000),
});

export const prResultSchema = z.strictObject({
  version: z.literal(1),
  pullRequest: z.number().int().min(1),
  headSha: z.string().regex(/^[0-9a-f]{40}$/),
  entries: z
    .array(
      z.strictObject({
        slug: text(200),
        title: text(300).optional(),
        areas: z.array(z.enum(reformAreaIds)).max(6),
      }),
    )
    .max(200),
  validation: z.strictObject({ ok: z.boolean(), findings: z.array(findingSchema).max(2000) }),
  guard: z.strictObject({
    ok: z.boolean(),
    problems: z.array(z.strictObject({ file: text(300).optional(), message: text(1000) })).max(500),
  }),
});
export type PrResult = z.infer<typeof prResultSchema>;

const MAX_LISTED = 50;

/** The Vietnamese comment for a pull request. */
export function renderComment(result: PrResult): string {
  const errors = result.validation.findings.filter((finding) => finding.severity === 'error');
  const warnings = result.validation.findings.filter((finding) => finding.severity === 'warning');
  const ok = result.validation.ok && result.guard.ok;
  const lines: string[] = [];
  lines.push(ok ? '### ✅ Bài gửi hợp lệ' : '### ❌ Bài gửi cần sửa');
  lines.push('');
  if (result.entries.length > 0) {
    lines.push(
      `Sáng kiến trong yêu cầu này: ${result.entries.map((entry) => `**${markdownText(entry.title ?? entry.slug)}**`).join(', ')}.`,
    );
    lines.push('');
  }
  if (ok && warnings.length === 0) {
    lines.push('Kiểm tra tự động không thấy lỗi. Hội đồng sẽ xem xét nội dung.');
  }
  if (!result.guard.ok) {
    lines.push('**Phạm vi thay đổi không được phép:**');
    for (const problem of result.guard.problems.slice(0, MAX_LISTED)) {
      lines.push(
        `- ${problem.file ? `${markdownCode(problem.file)}: ` : ''}${markdownText(problem.message)}`,
      );
    }
    lines.push('');
  }
  const list = (title: string, findings: typeof errors) => {
    if (findings.length === 0) return;
    lines.push(`**${title} (${findings.length}):**`);
    for (const finding of findings.slice(0, MAX_LISTED)) {
      const where = [
        markdownCode(finding.file),
        finding.line ? `dòng ${finding.line}` : '',
        finding.field ? `trường ${markdownCode(finding.field)}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      lines.push(`- ${where}: ${markdownText(finding.message)}`);
    }
    if (findings.length > MAX_LISTED)
      lines.push(
        `- … và ${findings.length - MAX_LISTED} mục khác (xem chi tiết trong lần chạy kiểm tra).`,
      );
    lines.push('');
  };
  list('Lỗi cần sửa', errors);
  list('Lưu ý', warnings);
  lines.push(
    `<sub>Kết quả kiểm tra tự động cho lần cập nhật ${result.headSha.slice(0, 7)}, bằng mã của nhánh gốc. Bình luận này được cập nhật sau mỗi lần sửa.</sub>`,
  );
  return lines.join('\n');
}
