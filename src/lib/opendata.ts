/**
 * The open data export. Its shape is the zod schema of src/lib/opendata-schema.ts: the keys,
 * the CSV headers and the page's field table are read from it, the published JSON Schema is
 * generated from it, and each value below is typed by it, so the four cannot drift apart.
 */
import { stringify } from 'csv-stringify/sync';
import { todayInVietnam } from '../core/dates.ts';
import { directionName, viewIndicator } from '../core/indicators.ts';
import { formatValue } from '../core/numbers.ts';
import { neutraliseCellText } from '../core/spreadsheet.ts';
import type { Catalog, InitiativeView } from './catalog.ts';
import {
  type OpenDataDocument,
  type OpenDataKey,
  type OpenDataRecord,
  openDataMeta,
  openDataRecordSchema,
} from './opendata-schema.ts';
import { siteInfo, siteOperatorOf } from './site.ts';
import { area, field, goal } from './terms.ts';

type Value = OpenDataRecord[OpenDataKey];

export interface Column {
  key: OpenDataKey;
  /** The CSV column header (the field's `title` in the JSON Schema). */
  header: string;
  description: string;
  value: (view: InitiativeView, absoluteUrl: (path: string) => string) => Value;
}

type Values = {
  [K in OpenDataKey]: (
    view: InitiativeView,
    absoluteUrl: (path: string) => string,
    initiativeUrl: (id: string) => string,
  ) => OpenDataRecord[K];
};

const values: Values = {
  id: (v) => v.id,
  url: (v, abs, initiativeUrl) => abs(initiativeUrl(v.id)),
  title: (v) => v.data.title,
  summary: (v) => v.data.summary,
  campaign: (v) => v.data.campaign,
  year: (v) => v.campaign?.data.year ?? null,
  unit: (v) => v.data.unit,
  unitName: (v) => v.unit?.name ?? null,
  authors: (v) => v.data.authors.map((a) => ({ name: a.name, share: a.share ?? null })),
  areas: (v) => v.data.areas.map((id) => ({ id, name: area(id).name })),
  fields: (v) => v.data.fields.map((id) => ({ id, name: field(id).name })),
  goals: (v) => v.data.goals.map((id) => ({ id, name: goal(id).name })),
  firstApplied: (v) => v.data.firstApplied,
  submitted: (v) => v.data.submitted,
  indicators: (v) =>
    v.data.indicators.map((indicator) => {
      const view = viewIndicator(indicator);
      return {
        kind: indicator.kind,
        kindName: view.kindName,
        label: indicator.label ?? null,
        unit: view.unit,
        better: view.direction,
        before: { value: indicator.before.value, period: indicator.before.period },
        after: { value: indicator.after.value, period: indicator.after.period },
        source: indicator.source,
        verdict: view.verdict,
      };
    }),
  statusId: (v) => v.status.id,
  status: (v) => v.status.label,
  decision: (v) => v.result?.decision.document.number ?? null,
  decisionDate: (v) => v.result?.decision.document.date ?? null,
  recognised: (v) => v.result?.result.recognised ?? null,
  score: (v) => v.result?.total ?? null,
  maxScore: (v) => v.result?.max ?? null,
  grade: (v) => v.result?.result.grade ?? null,
  gradeName: (v) => v.result?.gradeName ?? null,
  scope: (v) => v.result?.scope?.id ?? null,
  scopeName: (v) => v.result?.scope?.name ?? null,
  replicate: (v) => v.result?.result.replicate ?? null,
  adoptions: (v) => v.adoptions.length,
  sample: (v) => v.data.sample,
};

const keys = Object.keys(openDataRecordSchema.shape) as OpenDataKey[];

export function columns(initiativeUrl: (id: string) => string): Column[] {
  return keys.map((key) => {
    const meta = openDataMeta.get(openDataRecordSchema.shape[key]);
    return {
      key,
      header: meta?.title ?? key,
      description: meta?.description ?? '',
      value: (view, abs) => values[key](view, abs, initiativeUrl),
    };
  });
}

const join = (items: readonly string[]) => items.join('; ');

/** How a list is written in one CSV cell: its items' names, joined with "; ". */
const listText: Partial<{ [K in OpenDataKey]: (value: OpenDataRecord[K]) => string }> = {
  authors: (authors) =>
    join(authors.map((a) => (a.share === null ? a.name : `${a.name} (${a.share}%)`))),
  areas: (terms) => join(terms.map((term) => term.name)),
  fields: (terms) => join(terms.map((term) => term.name)),
  goals: (terms) => join(terms.map((term) => term.name)),
  indicators: (indicators) =>
    join(
      indicators.map(
        (i) =>
          `${i.label ?? i.kindName}: ${formatValue(i.before.value, i.unit)} → ${formatValue(i.after.value, i.unit)} (${directionName(i.better).toLowerCase()})`,
      ),
    ),
};

/**
 * The text of a CSV cell: null is an empty cell, a boolean "Có"/"Không", a list its items
 * joined; text (a list's too) is neutralised, numbers are not (a negative number stays one).
 */
function cell(key: OpenDataKey | undefined, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'number') return String(value);
  const list = key ? listText[key] : undefined;
  const text = list ? (list as (value: unknown) => string)(value) : String(value);
  return neutraliseCellText(text);
}

const CSV_OPTIONS = { record_delimiter: '\r\n', quoted_match: /[\r\n]|^\s|\s$/ };

/**
 * CSV as Excel and LibreOffice open it with their default settings: UTF-8 with a byte order
 * mark (else Excel shows Vietnamese letters wrongly), comma-separated, CRLF line ends, every
 * field with a comma, quote or line break quoted; no cell starts like a formula
 * (src/core/spreadsheet.ts).
 */
export function toCsv(
  views: readonly InitiativeView[],
  cols: readonly Column[],
  abs: (path: string) => string,
): string {
  const rows = views.map((view) => csvRow(view, cols, abs));
  return `\uFEFF${stringify([csvHeader(cols), ...rows], CSV_OPTIONS)}`;
}

const csvHeader = (cols: readonly Column[]): string[] =>
  cols.map((col) => cell(undefined, col.header));

const csvRow = (
  view: InitiativeView,
  cols: readonly Column[],
  abs: (path: string) => string,
): string[] => cols.map((col) => cell(col.key, col.value(view, abs)));

/**
 * toCsv's text in pieces of `batch` rows, for a route to stream: at 50,000 initiatives the CSV is
 * 43 MB, which the whole string held twice over (UTF-16, then encoded). Joined, the pieces are
 * exactly toCsv's text (tests/site/opendata.test.ts).
 */
export function* csvPieces(
  views: readonly InitiativeView[],
  cols: readonly Column[],
  abs: (path: string) => string,
  batch = 500,
): Generator<string> {
  yield `\uFEFF${stringify([csvHeader(cols)], CSV_OPTIONS)}`;
  for (let start = 0; start < views.length; start += batch) {
    const rows = views.slice(start, start + batch).map((view) => csvRow(view, cols, abs));
    yield stringify(rows, CSV_OPTIONS);
  }
}

export function toRecords(
  views: readonly InitiativeView[],
  cols: readonly Column[],
  abs: (path: string) => string,
): OpenDataRecord[] {
  return views.map(
    (view) =>
      Object.fromEntries(cols.map((col) => [col.key, col.value(view, abs)])) as OpenDataRecord,
  );
}

/**
 * The date of the data, the same for the same content so that a build can be reproduced:
 * the day of SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention) when
 * the build sets it, else the latest date in the content (a submission, a decision, an
 * adoption report); null for a site with no content.
 */
export function dataDate(
  catalog: Pick<Catalog, 'initiatives' | 'adoptions'>,
  env: Record<string, string | undefined> = process.env,
): string | null {
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  if (epoch && /^\d+$/.test(epoch)) return todayInVietnam(new Date(Number(epoch) * 1000));
  const dates = [
    ...catalog.initiatives.flatMap((view) => [
      view.data.submitted,
      ...(view.result ? [view.result.decision.document.date] : []),
    ]),
    ...catalog.adoptions.map((adoption) => adoption.data.since),
  ];
  return dates.reduce<string | null>(
    (latest, date) => (latest && latest >= date ? latest : date),
    null,
  );
}

/** What the open data is made of: the records, and the organisers for its publisher. */
type OpenDataCatalog = Pick<Catalog, 'initiatives' | 'adoptions'> &
  Partial<Pick<Catalog, 'organisers'>>;

/** The whole JSON file. */
export function openDataDocument(
  catalog: OpenDataCatalog,
  paths: OpenDataPaths,
  env?: Record<string, string | undefined>,
): OpenDataDocument {
  return {
    ...openDataHead(catalog, paths, env),
    initiatives: toRecords(catalog.initiatives, columns(paths.initiative), paths.absoluteUrl),
  };
}

/** Where the open data's links point. */
export interface OpenDataPaths {
  absoluteUrl: (path: string) => string;
  initiative: (id: string) => string;
  schema: string;
  page: string;
}

/** Who publishes the data: the site's operator, as its organiser file gives it. */
function publisherOf(catalog: OpenDataCatalog): OpenDataDocument['publisher'] {
  const operator = siteOperatorOf(catalog.organisers ?? []);
  return operator
    ? {
        name: operator.name,
        office: operator.office,
        email: operator.email,
        url: operator.website ?? null,
      }
    : null;
}

/** The document without its initiatives, which come last. */
function openDataHead(
  catalog: OpenDataCatalog,
  paths: OpenDataPaths,
  env?: Record<string, string | undefined>,
): Omit<OpenDataDocument, 'initiatives'> {
  return {
    $schema: paths.absoluteUrl(paths.schema),
    name: siteInfo.name,
    url: paths.absoluteUrl(paths.page),
    publisher: publisherOf(catalog),
    licence: { ...siteInfo.dataLicence },
    modified: dataDate(catalog, env),
    count: catalog.initiatives.length,
  };
}

/**
 * `JSON.stringify(openDataDocument(…), null, 2)` in pieces, one per initiative, for a route to
 * stream: at 50,000 initiatives the text is 116 MB, and the document, its string and its bytes
 * held at once were 420 MB more at the peak of the build that writes them. Joined, the pieces are
 * exactly that text (tests/site/opendata.test.ts).
 */
export function* openDataJsonPieces(
  catalog: OpenDataCatalog,
  paths: OpenDataPaths,
  env?: Record<string, string | undefined>,
): Generator<string> {
  const head = JSON.stringify({ ...openDataHead(catalog, paths, env), initiatives: [] }, null, 2);
  if (catalog.initiatives.length === 0) {
    yield head;
    return;
  }
  // The initiatives are the last key: the text ends `[]\n}`. No JSON text holds a bare line
  // break, so indenting each line indents the record as JSON.stringify would, two levels down.
  yield `${head.slice(0, -'[]\n}'.length)}[`;
  const cols = columns(paths.initiative);
  let first = true;
  for (const view of catalog.initiatives) {
    const [record] = toRecords([view], cols, paths.absoluteUrl);
    yield `${first ? '' : ','}\n    ${JSON.stringify(record, null, 2).replaceAll('\n', '\n    ')}`;
    first = false;
  }
  yield '\n  ]\n}';
}
