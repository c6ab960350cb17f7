import { createElement as h, memo, type ReactNode, useEffect, useRef, useState } from 'react';
import { formatDateOr } from '../core/dates.ts';
import { routes } from '../lib/paths.ts';
import { attachmentTypeName, extensionLabel } from '../lib/terms.ts';
import { initiativeIdOf } from '../model/collections.ts';
import { type Attributes, type Block, Html, h as html } from '../render/html.ts';
import { type DraftIndicator, draftIndicatorHtml } from '../render/indicator.ts';
import {
  attachmentsSection,
  type InitiativeInput,
  type InitiativePageContext,
  indicatorsSection,
  initiativeHead,
  type ProvenanceInput,
  provenanceList,
  undecidedSection,
} from '../render/initiative.ts';
import { campaignSchema, rubricSchema } from '../schemas/campaign.ts';
import { labelOf } from '../schemas/tree.ts';
import { campaignStatuses, termById, themeGoals } from '../schemas/vocabularies.ts';
import {
  bundledCampaign,
  bundledOrganiser,
  bundledStatus,
  bundledUnit,
  loadDecisions,
} from './content-data.ts';
import { adoptersOf, loadSiteNames } from './site-names.ts';

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

type DraftData = InitiativeInput & {
  campaign?: string;
  indicators?: DraftIndicator[];
  attachments?: { file?: string; title?: string }[];
};

function dataOf(props: PreviewProps): DraftData {
  const value = props.entry.getIn(['data']) as ImmutableLike | undefined;
  const data = value && typeof value.toJS === 'function' ? value.toJS() : value;
  return data && typeof data === 'object' ? (data as DraftData) : {};
}

/** Names of units picked through the relation widget, from the metadata Decap keeps for it. */
function pickedUnitNames(props: PreviewProps): Map<string, string> {
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

/** The entry's id, from its folder; a new entry has no path yet (and no decision, no adopter). */
function idOf(props: PreviewProps): string | undefined {
  const path = props.entry.getIn(['path']);
  return typeof path === 'string' && path ? initiativeIdOf(path) : undefined;
}

/** What the page knows besides the entry, from this build's content (src/admin/content-data.ts). */
function contextOf(props: PreviewProps, data: DraftData): InitiativePageContext {
  const picked = pickedUnitNames(props);
  const unitName = (id: string | undefined) =>
    id ? (bundledUnit(id)?.name ?? picked.get(id) ?? id) : '—';
  const unit = bundledUnit(data.unit);
  const campaign = bundledCampaign(data.campaign);
  return {
    status: bundledStatus(idOf(props), data.campaign),
    unit: unit ? { id: unit.id, name: unit.name } : undefined,
    campaign: campaign && data.campaign ? { id: data.campaign, title: campaign.title } : undefined,
    unitName,
    // A file's size is read when the site is built; the preview shows type and extension.
    attachments: (data.attachments ?? []).map((attachment) => ({
      title: attachment.title,
      file: attachment.file,
      typeName: attachment.file ? attachmentTypeName(attachment.file) : 'Tệp',
      extension: attachment.file ? extensionLabel(attachment.file) : '',
      href: attachment.file ? props.getAsset(attachment.file)?.toString() : undefined,
    })),
  };
}

/**
 * The record of the entry as the page lists it: organiser and campaign from this build, the
 * decision from its decisions (once loaded), who took it up from the site (site-names.ts).
 * Undefined until the decisions have arrived, as the header's status row.
 */
function provenanceOf(props: PreviewProps, data: DraftData): ProvenanceInput | undefined {
  const id = idOf(props);
  const status = bundledStatus(id, data.campaign);
  if (!status) return undefined;
  const campaign = data.campaign ? bundledCampaign(data.campaign) : undefined;
  const organiser = campaign ? bundledOrganiser(campaign.organiser) : undefined;
  return {
    organiser: organiser && campaign ? { id: campaign.organiser, name: organiser.name } : undefined,
    campaign: campaign && data.campaign ? { id: data.campaign, year: campaign.year } : undefined,
    decision: status.decision?.document,
    adopters: id ? adoptersOf(id) : [],
  };
}

/** Whether `load` has finished; the preview draws again when it does. */
function useLoaded(load: () => Promise<unknown>): boolean {
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let current = true;
    // Should the fetch fail, the preview goes on without what it brings, as while it loads.
    load().then(
      () => current && setLoaded(true),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [load]);
  return loaded;
}

/** HTML attribute names and values as React takes them. */
function reactAttributes(attributes: Attributes): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    out[name === 'class' ? 'className' : name] = value === true ? '' : value;
  }
  return out;
}

function element(part: Block, key: number) {
  return h(part.tag, {
    ...reactAttributes(part.attributes),
    key,
    dangerouslySetInnerHTML: { __html: part.inner.value },
  });
}

/**
 * How long the form rests before the preview draws again, and the longest it lags behind while
 * typing goes on. Drawing the whole page at each keystroke doubled what typing cost: a body of
 * 429 characters typed in the admin took 11.4 s of the browser's CPU with the preview, 6.2 s
 * without it — on a modest phone, a lag under the fingers.
 */
const PREVIEW_REST_MS = 300;
const PREVIEW_MAX_LAG_MS = 1500;

/** `value` as it was when it last stayed the same for `rest` ms (at most `maxLag` ms old). */
function useRested<T>(value: T, rest = PREVIEW_REST_MS, maxLag = PREVIEW_MAX_LAG_MS): T {
  const [shown, setShown] = useState(() => value);
  const since = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (Object.is(value, shown)) {
      since.current = undefined;
      return;
    }
    since.current ??= Date.now();
    const wait = Math.max(0, Math.min(rest, since.current + maxLag - Date.now()));
    const timer = setTimeout(() => setShown(() => value), wait);
    return () => clearTimeout(timer);
  }, [value, shown, rest, maxLag]);
  return shown;
}

/**
 * The live preview of an initiative: the published page's own markup, made by the same
 * renderer (src/render/initiative.ts), in the site's layout and styles (registered by
 * main.ts), with the body as Decap renders the Markdown being typed — once typing rests.
 */
export function InitiativePreview(props: PreviewProps) {
  return h(InitiativePage, useRested(props));
}

/** Decap's props as they were when the form rested: the same object draws nothing again. */
const InitiativePage = memo(function InitiativePage(props: PreviewProps) {
  useLoaded(loadDecisions);
  useLoaded(loadSiteNames);
  const data = dataOf(props);
  const context = contextOf(props, data);
  const provenance = provenanceOf(props, data);
  const indicators = indicatorsSection((data.indicators ?? []).map(draftIndicatorHtml));
  const attachments = attachmentsSection(data, context);
  const undecided = undecidedSection(context.status);
  return h(
    'main',
    { id: 'noi-dung' },
    h(
      'div',
      { className: 'kho-wrap' },
      h(
        'article',
        { className: 'kho-initiative', lang: 'vi' },
        ...initiativeHead(data, context).map(element),
        provenance && element(provenanceList(provenance), 9),
        h('div', { className: 'kho-body', key: 'body' }, props.widgetFor('body')),
        indicators && element(indicators, 10),
        attachments && element(attachments, 11),
        undecided && element(undecided, 12),
      ),
    ),
  );
});

/**
 * Decap floats its preview buttons in a column over the right edge of the preview frame:
 * the page keeps clear of that column, so the title is never under them.
 */
export const previewFrameCss = 'main#noi-dung { padding-inline-end: 4.5rem; }';

interface CampaignDraft {
  year?: number;
  title?: string;
  theme?: { title?: string; goals?: string[] };
  organiser?: string;
  receivingOffice?: string;
  participants?: string;
  format?: string;
  paperCopies?: number;
  opensOn?: unknown;
  deadline?: unknown;
  reviewOn?: unknown;
  status?: string;
  rubric?: {
    total?: number;
    passScore?: number;
    criteria?: {
      id?: string;
      name?: string;
      max?: number;
      description?: string;
      bands?: { min?: number; max?: number; guidance?: string }[];
    }[];
    grades?: { name?: string; minScore?: number }[];
  };
  legalBases?: { number?: string; date?: unknown; issuer?: string; title?: string }[];
  rules?: { number?: string; date?: unknown; issuer?: string; title?: string }[];
}

const campaignShape = campaignSchema.shape;
const rubricShape = rubricSchema.shape;

/** The campaign's own parts as its public page writes them: names, not vocabulary ids; dd/mm/yyyy. */
function campaignHead(data: CampaignDraft, unitName: (id?: string) => string): Html {
  const status = data.status ? termById(campaignStatuses, data.status) : undefined;
  const timeline = [
    { date: data.opensOn, label: 'Bắt đầu nhận sáng kiến' },
    { date: data.deadline, label: 'Hạn cuối nhận sáng kiến (hết ngày, giờ Việt Nam)' },
    ...(data.reviewOn ? [{ date: data.reviewOn, label: 'Họp xét dự kiến' }] : []),
  ];
  return new Html(
    [
      html(
        'p',
        { class: 'kho-muted' },
        `${labelOf(campaignShape.title)} năm ${data.year ?? '—'}${status ? ` · ${status.name}` : ''}`,
      ),
      html('h1', {}, data.title || 'Tên đợt phát động'),
      html(
        'p',
        { class: 'kho-lead' },
        html('strong', {}, `${labelOf(campaignShape.theme)}:`),
        ` ${data.theme?.title ?? ''}`,
      ),
      html(
        'ul',
        {},
        (data.theme?.goals ?? []).map((id) => {
          const goal = termById(themeGoals, id);
          return html(
            'li',
            {},
            goal
              ? [html('a', { href: routes.goal(id) }, goal.name), `: ${goal.description ?? ''}`]
              : id,
          );
        }),
      ),
      html('h2', {}, 'Mốc thời gian'),
      html(
        'ol',
        {},
        timeline.map((step) =>
          html('li', {}, html('strong', {}, formatDateOr(step.date, '—')), `: ${step.label}`),
        ),
      ),
      html(
        'dl',
        { class: 'kho-facts' },
        html('dt', {}, labelOf(campaignShape.organiser)),
        html('dd', {}, unitName(data.organiser)),
        html('dt', {}, labelOf(campaignShape.receivingOffice)),
        html('dd', {}, unitName(data.receivingOffice)),
        html('dt', {}, labelOf(campaignShape.participants)),
        html('dd', {}, data.participants ?? ''),
        html('dt', {}, labelOf(campaignShape.format)),
        html('dd', {}, data.format ?? ''),
        (data.paperCopies ?? 0) > 0 && [
          html('dt', {}, labelOf(campaignShape.paperCopies)),
          html('dd', {}, String(data.paperCopies)),
        ],
      ),
      html('h2', {}, 'Thông báo'),
    ].join(''),
  );
}

function campaignTail(data: CampaignDraft): Html {
  const rubric = data.rubric ?? {};
  const grades = rubric.grades ?? [];
  return new Html(
    [
      html('h2', {}, labelOf(campaignShape.rubric)),
      html(
        'p',
        {},
        `${labelOf(rubricShape.total)}: ${rubric.total ?? '—'}. ${labelOf(rubricShape.passScore)}: ${rubric.passScore ?? '—'}.`,
        grades.length > 0 &&
          ` ${labelOf(rubricShape.grades)}: ${grades.map((grade) => `${grade.name ?? ''} (từ ${grade.minScore ?? '—'} điểm)`).join('; ')}.`,
      ),
      (rubric.criteria ?? []).map((criterion) =>
        html(
          'section',
          { class: 'kho-card' },
          html('h3', {}, `${criterion.name ?? ''} (tối đa ${criterion.max ?? '—'} điểm)`),
          html('p', {}, criterion.description ?? ''),
          (criterion.bands ?? []).length > 0 &&
            html(
              'div',
              { class: 'kho-table-scroll' },
              html(
                'table',
                {},
                html(
                  'thead',
                  {},
                  html(
                    'tr',
                    {},
                    html('th', { scope: 'col' }, 'Mức điểm'),
                    html('th', { scope: 'col' }, 'Hướng dẫn chấm'),
                  ),
                ),
                html(
                  'tbody',
                  {},
                  (criterion.bands ?? []).map((band) =>
                    html(
                      'tr',
                      {},
                      html('td', {}, `${band.min ?? ''}–${band.max ?? ''}`),
                      html('td', {}, band.guidance ?? ''),
                    ),
                  ),
                ),
              ),
            ),
        ),
      ),
      html('h2', {}, labelOf(campaignShape.legalBases)),
      html(
        'ul',
        {},
        [...(data.legalBases ?? []), ...(data.rules ?? [])].map((doc) =>
          html(
            'li',
            {},
            `${doc.number ?? ''} ngày ${formatDateOr(doc.date, '—')} của ${doc.issuer ?? ''}${doc.title ? `: ${doc.title}` : ''}`,
          ),
        ),
      ),
    ].join(''),
  );
}

/**
 * The live preview of a campaign, as its public page (src/pages/dot-phat-dong/[id])
 * shows it: goal and status names instead of their ids, units by name, dates dd/mm/yyyy;
 * drawn again once typing rests, as an initiative's.
 */
export function CampaignPreview(props: PreviewProps) {
  return h(CampaignPage, useRested(props));
}

const CampaignPage = memo(function CampaignPage(props: PreviewProps) {
  const data = dataOf(props) as CampaignDraft;
  const picked = pickedUnitNames(props);
  const unitName = (id?: string) => (id ? (bundledUnit(id)?.name ?? picked.get(id) ?? id) : '—');
  return h(
    'main',
    { id: 'noi-dung' },
    h(
      'div',
      { className: 'kho-wrap' },
      element({ tag: 'div', attributes: {}, inner: campaignHead(data, unitName) }, 0),
      h('div', { className: 'kho-prose', key: 'body' }, props.widgetFor('body')),
      element({ tag: 'div', attributes: {}, inner: campaignTail(data) }, 2),
    ),
  );
});
