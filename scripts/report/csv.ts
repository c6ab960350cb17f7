import { stringify } from 'csv-stringify/sync';
import { criterionHeader } from '../../src/core/committee.ts';
import { formatDateOr } from '../../src/core/dates.ts';
import { spreadsheetCell } from '../../src/core/spreadsheet.ts';
import { formatAuthors, HEADERS } from '../../src/documents/committee/columns.ts';
import { type Report, statusNames } from './build.ts';

/**
 * UTF-8 with a byte-order mark, so that Excel opens Vietnamese text correctly; no
 * cell starts like a formula (src/core/spreadsheet.ts), the header included, since
 * criterion names come from the campaign file. A field with a line break of its own, even
 * a lone carriage return, is quoted (csv-stringify quotes only the whole record delimiter):
 * unquoted, LibreOffice starts a new row there. So is one with a space at either end, which
 * an import may trim.
 */
export function toCsv(report: Report): string {
  const criteria = report.campaign.rubric.criteria;
  const header = [
    HEADERS.index,
    HEADERS.slug,
    HEADERS.title,
    HEADERS.unit,
    HEADERS.authors,
    HEADERS.areas,
    HEADERS.fields,
    HEADERS.goals,
    HEADERS.indicators,
    HEADERS.submitted,
    HEADERS.origin,
    HEADERS.status,
    HEADERS.validation,
    HEADERS.problems,
    HEADERS.decision,
    ...criteria.map(criterionHeader),
    HEADERS.votesFor,
    HEADERS.votesAgainst,
  ];
  const records = report.rows.map((row, index) => [
    index + 1,
    row.slug,
    row.title,
    row.unit,
    formatAuthors(row.authors),
    row.areas.join('; '),
    row.fields.join('; '),
    row.goals.join('; '),
    row.indicators.join(' | '),
    formatDateOr(row.submitted, ''),
    row.origin,
    statusNames[row.status],
    row.errors.length === 0 ? 'Hợp lệ' : `${row.errors.length} lỗi`,
    row.errors.map((finding) => finding.message).join(' | '),
    row.decision ?? '',
    ...criteria.map((criterion) => row.scores[criterion.id] ?? ''),
    row.votesFor ?? '',
    row.votesAgainst ?? '',
  ]);
  return stringify(
    [header, ...records].map((record) => record.map(spreadsheetCell)),
    { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]|^\s|\s$/ },
  );
}
