import { createElement as h, type ReactNode } from 'react';
import { formatDateOr } from '../core/dates.ts';
import { indicatorTitle, indicatorUnit } from '../core/indicators.ts';
import { formatNumber, formatValue } from '../core/numbers.ts';
import { initiativeSchema } from '../schemas/initiative.ts';
import { labelOf } from '../schemas/tree.ts';
import {
  applicationFields,
  reformAreas,
  type Term,
  termById,
  themeGoals,
} from '../schemas/vocabularies.ts';

// The public page's words: a draft reads like what will be published.
const shape = initiativeSchema.shape;

/** The part of Decap's preview props this template reads (entry data is an Immutable map). */
interface ImmutableLike {
  toJS(): unknown;
}
export interface PreviewProps {
  entry: { getIn(path: string[]): unknown };
  widgetFor(name: string): ReactNode;
  getAsset(path: string): { toString(): string } | undefined;
  fieldsMetaData?: ImmutableLike;
}

interface Person {
  name?: string;
  position?: string;
  unit?: string;
  share?: number;
}
interface Measurement {
  value?: number;
  period?: string;
}
interface IndicatorData {
  kind?: string;
  label?: string;
  unit?: string;
  before?: Measurement;
  after?: Measurement;
  source?: string;
}

function read<T>(props: PreviewProps, name: string): T | undefined {
  const value = props.entry.getIn(['data', name]) as ImmutableLike | T | undefined;
  if (value && typeof value === 'object' && 'toJS' in value) return value.toJS() as T;
  return value as T | undefined;
}

/** Names of units picked through the relation widget, from the metadata Decap keeps for it. */
function unitNames(props: PreviewProps): Map<string, string> {
  const names = new Map<string, string>();
  const visit = (value: unknown): void => {
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.id === 'string' && typeof record.name === 'string') {
      names.set(record.id, record.name);
    }
    Object.values(record).forEach(visit);
  };
  visit(props.fieldsMetaData?.toJS());
  return names;
}

/** A date field as typed so far: the widget's Date (read in Viet Nam's zone), its text, or nothing. */
function showDate(value: unknown): string {
  return formatDateOr(value, '—');
}

function termNames(list: readonly Term[], ids: string[] | undefined): string {
  return (ids ?? []).map((id) => termById(list, id)?.name ?? id).join('; ') || '—';
}

function fact(label: string, value: ReactNode) {
  return [h('dt', { key: `${label}-t` }, label), h('dd', { key: `${label}-d` }, value)];
}

function indicator(data: IndicatorData, index: number) {
  const unit = indicatorUnit(data);
  const value = (measurement?: Measurement) =>
    measurement?.value === undefined ? '—' : formatValue(measurement.value, unit);
  return h(
    'section',
    { className: 'kho-indicator', key: index },
    h('h3', null, indicatorTitle(data)),
    h(
      'p',
      null,
      `Trước: ${value(data.before)} (${data.before?.period ?? '—'}) → Sau: ${value(data.after)} (${
        data.after?.period ?? '—'
      })`,
    ),
    data.source ? h('p', null, `Nguồn: ${data.source}`) : null,
  );
}

/**
 * The live preview of an initiative: the same markup classes as the public page
 * (`src/styles/initiative.css`), so a draft looks like what will be published.
 */
export function InitiativePreview(props: PreviewProps) {
  const units = unitNames(props);
  const unitName = (id?: string) => (id ? (units.get(id) ?? id) : '—');
  const authors = read<Person[]>(props, 'authors') ?? [];
  const indicators = read<IndicatorData[]>(props, 'indicators') ?? [];
  const attachments = read<{ file?: string; title?: string }[]>(props, 'attachments') ?? [];
  const videos = read<{ url?: string; title?: string }[]>(props, 'videos') ?? [];
  return h(
    'article',
    { className: 'kho-initiative', lang: 'vi' },
    h(
      'header',
      null,
      h('h1', null, read<string>(props, 'title') || 'Tên sáng kiến'),
      h('p', { className: 'kho-summary' }, read<string>(props, 'summary') ?? ''),
      h(
        'dl',
        { className: 'kho-facts' },
        ...fact(labelOf(shape.unit), unitName(read<string>(props, 'unit'))),
        ...fact(labelOf(shape.areas), termNames(reformAreas, read<string[]>(props, 'areas'))),
        ...fact(
          labelOf(shape.fields),
          termNames(applicationFields, read<string[]>(props, 'fields')),
        ),
        ...fact(labelOf(shape.goals), termNames(themeGoals, read<string[]>(props, 'goals'))),
        ...fact(labelOf(shape.firstApplied), showDate(read(props, 'firstApplied'))),
        ...fact(labelOf(shape.submitted), showDate(read(props, 'submitted'))),
      ),
      h('h2', null, labelOf(shape.authors)),
      h(
        'ul',
        { className: 'kho-authors' },
        authors.map((author, index) =>
          h(
            'li',
            { key: index },
            [
              author.name,
              author.position,
              unitName(author.unit),
              author.share === undefined ? undefined : `${formatNumber(author.share)}%`,
            ]
              .filter(Boolean)
              .join(', '),
          ),
        ),
      ),
    ),
    indicators.length > 0
      ? h('section', null, h('h2', null, labelOf(shape.indicators)), indicators.map(indicator))
      : null,
    h('div', { className: 'kho-body' }, props.widgetFor('body')),
    attachments.length > 0
      ? h(
          'section',
          null,
          h('h2', null, labelOf(shape.attachments)),
          h(
            'ul',
            { className: 'kho-attachments' },
            attachments.map((attachment, index) =>
              h(
                'li',
                { key: index },
                h(
                  'a',
                  {
                    href: attachment.file ? props.getAsset(attachment.file)?.toString() : undefined,
                  },
                  attachment.title || attachment.file,
                ),
              ),
            ),
          ),
        )
      : null,
    videos.length > 0
      ? h(
          'section',
          null,
          h('h2', null, labelOf(shape.videos)),
          h(
            'ul',
            null,
            videos.map((video, index) =>
              h('li', { key: index }, h('a', { href: video.url }, video.title || video.url)),
            ),
          ),
        )
      : null,
  );
}
