import { formatDate, formatDateOr } from '../../src/core/dates.ts';
import { markdownInline } from '../../src/core/markdown-escape.ts';
import { formatAuthors, HEADERS } from '../../src/documents/committee/columns.ts';
import { type Report, statusNames } from './build.ts';

// Titles, units, names and messages come from submitters' files (and the campaign and source
// names from the repository): all of it must stay inert text, and readable in the file itself.
// markdownInline also escapes `|` and puts line breaks on one line, so a value can neither
// close a cell nor start a heading.
const cell = markdownInline;

/**
 * The pull request's address as a link target, or nothing. Only http(s) addresses are linked.
 * URL already percent-encodes spaces and angle brackets; an unbalanced parenthesis would
 * still end the target early.
 */
function linkTarget(address: string | undefined): string | undefined {
  if (!address) return undefined;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  return url.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

export function toMarkdown(report: Report): string {
  const valid = report.rows.filter((row) => row.errors.length === 0).length;
  const lines = [
    `# Tổng hợp sáng kiến: ${markdownInline(report.campaign.title)}`,
    '',
    `Nguồn: ${markdownInline(report.source)}. Lập ngày ${formatDate(new Date(report.generatedAt))}.`,
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
      .map((row, index) => {
        const title = cell(row.title || row.slug);
        const target = linkTarget(row.url);
        return [
          String(index + 1),
          target ? `[${title}](${target})` : title,
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
        ].join(' | ');
      })
      .map((line) => `| ${line} |`),
    '',
  ];
  return lines.join('\n');
}
