import { formatDate, formatDateOr } from '../../src/core/dates.ts';
import { formatAuthors, HEADERS } from '../../src/documents/committee/columns.ts';
import { type Report, statusNames } from './build.ts';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, '<br>');

export function toMarkdown(report: Report): string {
  const valid = report.rows.filter((row) => row.errors.length === 0).length;
  const lines = [
    `# Tổng hợp sáng kiến: ${report.campaign.title}`,
    '',
    `Nguồn: ${report.source}. Lập ngày ${formatDate(new Date(report.generatedAt))}.`,
    `Tổng số: ${report.rows.length} sáng kiến, ${valid} hợp lệ, ${report.rows.length - valid} cần sửa.`,
    '',
    `| ${[
      HEADERS.index,
      HEADERS.title,
      HEADERS.unit,
      HEADERS.authors,
      HEADERS.areas,
      HEADERS.fields,
      HEADERS.submitted,
      HEADERS.status,
      HEADERS.validation,
    ].join(' | ')} |`,
    '| ---: | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...report.rows
      .map((row, index) =>
        [
          String(index + 1),
          row.url ? `[${cell(row.title || row.slug)}](${row.url})` : cell(row.title || row.slug),
          cell(row.unit),
          cell(formatAuthors(row.authors)),
          cell(row.areas.join('; ')),
          cell(row.fields.join('; ')),
          formatDateOr(row.submitted, ''),
          cell(
            row.decision ? `${statusNames[row.status]}, ${row.decision}` : statusNames[row.status],
          ),
          row.errors.length === 0
            ? 'Hợp lệ'
            : cell(`${row.errors.length} lỗi: ${row.errors[0]?.message ?? ''}`),
        ].join(' | '),
      )
      .map((line) => `| ${line} |`),
    '',
  ];
  return lines.join('\n');
}
