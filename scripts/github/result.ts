/**
 * The verdict on a pull request as the bot's comment shows it (scripts/github/verdict.ts
 * computes it). Every string in it comes from the pull request — file names, titles,
 * messages quoting the content — so the shape is bounded, each string is escaped for
 * Markdown where it is placed, and the comment as a whole fits a fixed budget.
 */
import { z } from 'zod';
import { markdownCode, markdownText } from '../../src/core/markdown-escape.ts';
import { clipText } from '../../src/core/text.ts';
import { describeIssue, issuePath } from '../../src/model/zod-errors.ts';
import { reformAreaIds } from '../../src/schemas/vocabularies.ts';
import { UserError } from './client.ts';
import { TEXT_BUDGET } from './comment.ts';

const text = (max: number) => z.string().max(max);

/** Line numbers past this are not kept: see `toPrResult`. */
export const MAX_LINE = 1_000_000;

export const findingSchema = z.strictObject({
  file: text(300),
  severity: z.enum(['error', 'warning']),
  field: text(200).optional(),
  line: z.number().int().min(0).max(MAX_LINE).optional(),
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

/** What `toPrResult` is given: the verdict's parts before they are bounded. */
export interface RawPrResult {
  pullRequest: number;
  headSha: string;
  entries: { slug: string; title?: string; areas: PrResult['entries'][number]['areas'] }[];
  findings: {
    file: string;
    severity: 'error' | 'warning';
    field?: string;
    line?: number;
    message: string;
  }[];
  guard: { ok: boolean; problems: { file?: string; message: string }[] };
}

/**
 * The verdict in the bounded shape of `prResultSchema`. Every bound is met here rather than
 * refused by the schema, since each one can be reached by a pull request's own files: text is
 * clipped, lists are cut, and a line number that is not a whole number from 0 to `MAX_LINE`
 * (a 2 MB data file of one-character lines goes past it) is dropped rather than clamped — a
 * clamped number would send the author to a wrong line, while the file, the field and the
 * message still say where the problem is (and the fast check's annotation keeps the real line).
 * Should the schema still refuse the result, the error is a Vietnamese sentence, never zod's
 * own English report.
 */
export function toPrResult(raw: RawPrResult): PrResult {
  const findings = raw.findings.slice(0, 2000).map((finding) => ({
    file: clipText(finding.file, 300),
    severity: finding.severity,
    ...(finding.field ? { field: clipText(finding.field, 200) } : {}),
    ...(finding.line !== undefined &&
    Number.isInteger(finding.line) &&
    finding.line >= 0 &&
    finding.line <= MAX_LINE
      ? { line: finding.line }
      : {}),
    message: clipText(finding.message, 1000),
  }));
  const candidate = {
    version: 1,
    pullRequest: raw.pullRequest,
    headSha: raw.headSha,
    entries: raw.entries.slice(0, 200).map((entry) => ({
      slug: clipText(entry.slug, 200),
      ...(entry.title ? { title: clipText(entry.title, 300) } : {}),
      areas: [...new Set(entry.areas)].slice(0, 6),
    })),
    validation: {
      ok: raw.findings.every((finding) => finding.severity !== 'error'),
      findings,
    },
    guard: {
      ok: raw.guard.ok,
      problems: raw.guard.problems.slice(0, 500).map((problem) => ({
        ...(problem.file ? { file: clipText(problem.file, 300) } : {}),
        message: clipText(problem.message, 1000),
      })),
    },
  } satisfies PrResult;
  // Without `reportInput`, zod's issues carry no value from the pull request: the message
  // below names our own fields only, and may go to a privileged workflow's log.
  const parsed = prResultSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3).map((issue) => {
    const path = issuePath(issue)
      .map((part, index) =>
        typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${part}`,
      )
      .join('');
    return `${path || '(gốc)'}: ${describeIssue(issue)}`;
  });
  const more = parsed.error.issues.length - issues.length;
  throw new UserError(
    `Kết quả kiểm tra không đúng mẫu của công cụ (${issues.join('; ')}${more > 0 ? `; và ${more} lỗi khác` : ''}). Đây là lỗi của công cụ kiểm tra, không phải của bài gửi: hãy báo người quản trị.`,
  );
}

/** Per-list cap, well before the budget: a longer list is read in the fast check's log. */
const MAX_LISTED = 50;
const MAX_ENTRIES_LISTED = 10;
/**
 * How much of each text the comment quotes, before escaping. Escaping may make it longer
 * (markdownText up to 3 units per character, markdownCode up to 6), never cut: the text is
 * clipped first, so no escape and no surrogate pair is ever split.
 */
const SHOWN = { title: 150, file: 200, field: 100, message: 500 } as const;

const ELSEWHERE = '(xem nhật ký của quy trình validate)';

/**
 * The Vietnamese comment for a pull request, at most `budget` UTF-16 code units. By default
 * the budget leaves room for what upsertComment adds (marker, hash line, the note on an
 * edited comment), so the body sent to GitHub stays within COMMENT_BUDGET. Items are shown
 * in the order of the comment until the next would not fit; the rest are counted in a line
 * of their own. The heading, the counts and the closing line are always there.
 */
export function renderComment(result: PrResult, budget: number = TEXT_BUDGET): string {
  const errors = result.validation.findings.filter((finding) => finding.severity === 'error');
  const warnings = result.validation.findings.filter((finding) => finding.severity === 'warning');
  const ok = result.validation.ok && result.guard.ok;
  const findingLine = (finding: PrResult['validation']['findings'][number]) => {
    const where = [
      markdownCode(clipText(finding.file, SHOWN.file)),
      finding.line ? `dòng ${finding.line}` : '',
      finding.field ? `trường ${markdownCode(clipText(finding.field, SHOWN.field))}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    return `- ${where}: ${markdownText(clipText(finding.message, SHOWN.message))}`;
  };
  // Only what could be shown is escaped: the lists may hold thousands of items.
  const entries = result.entries
    .slice(0, MAX_ENTRIES_LISTED)
    .map((entry) => `**${markdownText(clipText(entry.title ?? entry.slug, SHOWN.title))}**`);
  const problems = (result.guard.ok ? [] : result.guard.problems.slice(0, MAX_LISTED)).map(
    (problem) =>
      `- ${problem.file ? `${markdownCode(clipText(problem.file, SHOWN.file))}: ` : ''}${markdownText(clipText(problem.message, SHOWN.message))}`,
  );
  const lists = [
    entries,
    problems,
    errors.slice(0, MAX_LISTED).map(findingLine),
    warnings.slice(0, MAX_LISTED).map(findingLine),
  ] as const;

  const rest = (shown: number, total: number) =>
    shown === 0
      ? `- ${total} mục, không hiện được trong bình luận ${ELSEWHERE}.`
      : `- … và ${total - shown} mục khác ${ELSEWHERE}.`;
  const compose = (shown: readonly number[]) => {
    const [entryCount = 0, problemCount = 0, errorCount = 0, warningCount = 0] = shown;
    const lines: string[] = [ok ? '### ✅ Bài gửi hợp lệ' : '### ❌ Bài gửi cần sửa', ''];
    if (result.entries.length > 0) {
      const named = entries.slice(0, entryCount).join(', ');
      const others = result.entries.length - entryCount;
      lines.push(
        entryCount === 0
          ? `Yêu cầu này thay đổi ${result.entries.length} sáng kiến.`
          : `Sáng kiến trong yêu cầu này: ${named}${others > 0 ? ` và ${others} sáng kiến khác` : ''}.`,
        '',
      );
    }
    if (ok && warnings.length === 0) {
      lines.push('Kiểm tra tự động không thấy lỗi. Hội đồng sẽ xem xét nội dung.');
    }
    if (!result.guard.ok) {
      lines.push('**Phạm vi thay đổi không được phép:**', ...problems.slice(0, problemCount));
      const total = result.guard.problems.length;
      if (problemCount < total) lines.push(rest(problemCount, total));
      lines.push('');
    }
    const list = (title: string, items: readonly string[], total: number, count: number) => {
      if (total === 0) return;
      lines.push(`**${title} (${total}):**`, ...items.slice(0, count));
      if (count < total) lines.push(rest(count, total));
      lines.push('');
    };
    list('Lỗi cần sửa', lists[2], errors.length, errorCount);
    list('Lưu ý', lists[3], warnings.length, warningCount);
    lines.push(
      `<sub>Kết quả kiểm tra tự động cho lần cập nhật ${result.headSha.slice(0, 7)}, bằng mã của nhánh gốc. Bình luận này được cập nhật sau mỗi lần sửa.</sub>`,
    );
    return lines.join('\n');
  };

  const shown = lists.map(() => 0);
  let body = compose(shown);
  fill: for (const [index, items] of lists.entries()) {
    while ((shown[index] ?? 0) < items.length) {
      shown[index] = (shown[index] ?? 0) + 1;
      const next = compose(shown);
      if (next.length > budget) {
        shown[index] = (shown[index] ?? 0) - 1;
        // Whole items are dropped from the end: nothing after this one is shown either.
        break fill;
      }
      body = next;
    }
  }
  return body;
}
