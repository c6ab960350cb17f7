/**
 * The initiative page's own parts — header (title, summary, committee status, unit,
 * campaign, dates, chips), authors, indicators, attachments and the note of a pending
 * decision — as HTML, from an entry's data. The site's
 * page (src/pages/sang-kien/[slug]/index.astro) and the admin's live preview
 * (src/admin/preview.ts) both show these, so a draft reads exactly as it will be
 * published. Framework-free: Astro inserts the text with `set:html`, React with
 * `dangerouslySetInnerHTML`. A draft may lack any value: nothing here throws on one.
 */
import { formatDateOr } from '../core/dates.ts';
import { formatNumber } from '../core/numbers.ts';
import { routes } from '../lib/paths.ts';
import { initiativeSchema } from '../schemas/initiative.ts';
import { labelOf } from '../schemas/tree.ts';
import {
  applicationFields,
  reformAreas,
  type Term,
  termById,
  themeGoals,
} from '../schemas/vocabularies.ts';
import { type Block, block, type Child, h } from './html.ts';
import { type StatusInput, statusBadgeHtml } from './status.ts';

const shape = initiativeSchema.shape;

export interface PersonInput {
  name?: string;
  position?: string;
  unit?: string;
  share?: number;
}

/** The entry's values the page shows, as the schema has them or as a form holds them so far. */
export interface InitiativeInput {
  title?: string;
  summary?: string;
  sample?: boolean;
  unit?: string;
  firstApplied?: unknown;
  submitted?: unknown;
  areas?: readonly string[];
  fields?: readonly string[];
  goals?: readonly string[];
  authors?: readonly PersonInput[];
  trialParticipants?: readonly PersonInput[];
  videos?: readonly { url?: string; title?: string }[];
}

export interface AttachmentInput {
  title?: string;
  file?: string;
  typeName: string;
  extension: string;
  /** "12 KB"; absent where the file's size is not known (a preview) or there is no file. */
  sizeLabel?: string;
  /** Where the file is downloaded from; absent when there is no file to publish. */
  href?: string;
  /** The absolute address printed beside the link on paper. */
  printUrl?: string;
  /** Whether the file's absence is known (the site); a preview cannot tell. */
  missing?: boolean;
}

/** What the page needs besides the entry: names of what the entry refers to, and its files. */
export interface InitiativePageContext {
  /** The entry's unit when it is in the unit list. */
  unit?: { id: string; name: string };
  /**
   * Where the entry stands with the committee (src/core/status.ts); the page always knows,
   * the preview once the decisions have arrived.
   */
  status?: StatusInput;
  /** The entry's campaign when it exists. */
  campaign?: { id: string; title: string };
  /** A unit's name from its id (authors' units), the id itself when unknown. */
  unitName(id: string | undefined): string;
  /** The page's absolute address, printed at the top of a paper copy; the site only. */
  printUrl?: string;
  attachments: readonly AttachmentInput[];
}

const date = (value: unknown) => formatDateOr(value, '—');
const DECISION_HEADING = 'Kết quả xét của Hội đồng';

function term(list: readonly Term[], id: string): Term | undefined {
  return termById(list, id);
}

/**
 * A list of links to term pages (src/components/Chips.astro writes the same list). What the list
 * is, its visible label, stands just before it: an aria-label on a list is not announced by every
 * screen reader.
 */
export function chipsHtml(items: readonly { label: string; href?: string; title?: string }[]) {
  if (items.length === 0) return undefined;
  return h(
    'ul',
    { class: 'kho-chips' },
    items.map((item) =>
      h(
        'li',
        {},
        item.href
          ? h('a', { class: 'kho-chip', href: item.href, title: item.title }, item.label)
          : h('span', { class: 'kho-chip', title: item.title }, item.label),
      ),
    ),
  );
}

function termChips(
  list: readonly Term[],
  ids: readonly string[] | undefined,
  route: (id: string) => string,
) {
  return chipsHtml(
    (ids ?? []).map((id) => {
      const found = term(list, id);
      return found ? { label: found.name, href: route(found.id) } : { label: id };
    }),
  );
}

function header(data: InitiativeInput, context: InitiativePageContext): Block {
  const goals = data.goals ?? [];
  return block(
    'header',
    {},
    h('h1', {}, data.title || 'Tên sáng kiến'),
    data.sample && h('p', { class: 'kho-chip' }, 'Dữ liệu mẫu'),
    h('p', { class: 'kho-summary', 'data-pagefind-meta': 'summary' }, data.summary ?? ''),
    context.printUrl &&
      h(
        'p',
        { class: 'kho-print-only', 'data-pagefind-ignore': true },
        `Bản in từ ${context.printUrl}`,
      ),
    h(
      'dl',
      { class: 'kho-facts', 'data-pagefind-ignore': true },
      context.status && [
        h('dt', {}, DECISION_HEADING),
        h(
          'dd',
          {},
          statusBadgeHtml(context.status),
          ' ',
          h('a', { href: '#quyet-dinh' }, 'chi tiết'),
        ),
      ],
      h('dt', {}, labelOf(shape.unit)),
      h(
        'dd',
        {},
        context.unit
          ? h('a', { href: routes.unit(context.unit.id) }, context.unit.name)
          : data.unit || '—',
      ),
      context.campaign && [
        h('dt', {}, labelOf(shape.campaign)),
        h('dd', {}, h('a', { href: routes.campaign(context.campaign.id) }, context.campaign.title)),
      ],
      h('dt', {}, labelOf(shape.firstApplied)),
      h('dd', {}, date(data.firstApplied)),
      h('dt', {}, labelOf(shape.submitted)),
      h('dd', {}, date(data.submitted)),
    ),
    h(
      'div',
      { 'data-pagefind-ignore': true },
      h('h2', { class: 'kho-visually-hidden' }, 'Phân loại'),
      h('p', {}, h('strong', {}, `${labelOf(shape.areas)}:`)),
      termChips(reformAreas, data.areas, routes.area),
      h('p', {}, h('strong', {}, `${labelOf(shape.fields)}:`)),
      termChips(applicationFields, data.fields, routes.field),
      goals.length > 0 && h('p', {}, h('strong', {}, `${labelOf(shape.goals)}:`)),
      termChips(themeGoals, goals, routes.goal),
    ),
  );
}

function people(
  list: readonly PersonInput[],
  context: InitiativePageContext,
  withShare: boolean,
): Child {
  return h(
    'ul',
    { class: 'kho-authors' },
    list.map((person) =>
      withShare
        ? h(
            'li',
            {},
            h('strong', {}, person.name ?? ''),
            `, ${person.position ?? ''}, ${context.unitName(person.unit)}`,
            person.share !== undefined && ` — đóng góp ${formatNumber(person.share)}%`,
          )
        : h(
            'li',
            {},
            `${person.name ?? ''}, ${person.position ?? ''}, ${context.unitName(person.unit)}`,
          ),
    ),
  );
}

function authors(data: InitiativeInput, context: InitiativePageContext): Block {
  const trial = data.trialParticipants ?? [];
  return block(
    'section',
    { 'aria-labelledby': 'tac-gia' },
    h('h2', { id: 'tac-gia' }, labelOf(shape.authors)),
    people(data.authors ?? [], context, true),
    trial.length > 0 && [
      h('h3', {}, labelOf(shape.trialParticipants)),
      people(trial, context, false),
    ],
  );
}

/** The page's parts before the body: header, then authors. */
export function initiativeHead(data: InitiativeInput, context: InitiativePageContext): Block[] {
  return [header(data, context), authors(data, context)];
}

/** The indicators' section around each one's chart (`indicatorHtml`, src/render/indicator.ts). */
export function indicatorsSection(charts: readonly Child[]): Block | undefined {
  if (charts.length === 0) return undefined;
  return block(
    'section',
    { 'aria-labelledby': 'chi-so', class: 'kho-section', 'data-pagefind-ignore': true },
    h('h2', { id: 'chi-so' }, labelOf(shape.indicators)),
    charts,
  );
}

/** The attachments and videos, after the body (and the indicators). */
export function attachmentsSection(
  data: InitiativeInput,
  context: InitiativePageContext,
): Block | undefined {
  const videos = data.videos ?? [];
  if (context.attachments.length === 0 && videos.length === 0) return undefined;
  return block(
    'section',
    { 'aria-labelledby': 'tep-dinh-kem', class: 'kho-section', 'data-pagefind-ignore': true },
    h('h2', { id: 'tep-dinh-kem' }, labelOf(shape.attachments)),
    h(
      'ul',
      { class: 'kho-attachments' },
      context.attachments.map((attachment) => {
        const title = attachment.title || attachment.file || '';
        const size = attachment.sizeLabel
          ? `, ${attachment.sizeLabel}`
          : attachment.missing
            ? ', chưa có tệp'
            : '';
        return h(
          'li',
          {},
          attachment.href
            ? h(
                'a',
                { href: attachment.href, 'data-print-url': attachment.printUrl, download: true },
                title,
              )
            : h('span', {}, title),
          ' ',
          h(
            'span',
            { class: 'kho-muted' },
            `(${attachment.typeName}, ${attachment.extension}${size})`,
          ),
        );
      }),
      videos.map((video) =>
        h(
          'li',
          {},
          h('a', { href: video.url, rel: 'noopener' }, video.title || video.url || ''),
          ' ',
          h('span', { class: 'kho-muted' }, '(Video, liên kết ngoài)'),
        ),
      ),
    ),
  );
}

/**
 * The committee's section of an initiative it has not decided on yet, which the header's
 * status links to. A decided one's section (scores, votes) is the site page's own: it comes
 * from the decision file, not from the entry being edited.
 */
export function undecidedSection(status: StatusInput | undefined): Block | undefined {
  if (status?.id !== 'undecided') return undefined;
  return block(
    'section',
    {
      'aria-labelledby': 'quyet-dinh',
      class: 'kho-section kho-decision',
      'data-pagefind-ignore': true,
    },
    h('h2', { id: 'quyet-dinh' }, DECISION_HEADING),
    h('p', {}, statusBadgeHtml(status), ' Hội đồng chưa có quyết định về sáng kiến này.'),
  );
}

/** Who ran the call, who decided and who took the initiative up, as the record states them. */
export interface ProvenanceInput {
  /** The organiser of the entry's campaign. */
  organiser?: { id: string; name: string };
  campaign?: { id: string; year?: number };
  /** The committee's decision naming the entry. */
  decision?: { number?: string; date?: unknown; issuer?: string };
  /**
   * Units that reported adopting it, then initiatives adapted from it (`adopterNames`);
   * undefined while a preview does not know yet.
   */
  adopters: readonly string[] | undefined;
}

/**
 * The record of a published initiative, after its header: organiser and campaign, decision,
 * adoptions. The preview shows it with what the site published about the entry so far.
 */
export function provenanceList(facts: ProvenanceInput): Block {
  const { organiser, campaign, decision, adopters } = facts;
  return block(
    'dl',
    { class: 'kho-facts kho-provenance', 'data-pagefind-ignore': true },
    h('dt', {}, 'Cơ quan tổ chức'),
    h(
      'dd',
      {},
      organiser ? h('a', { href: routes.organiser(organiser.id) }, organiser.name) : '—',
      campaign?.year !== undefined && [
        ', ',
        h('a', { href: routes.campaign(campaign.id) }, `đợt năm ${campaign.year}`),
      ],
    ),
    h('dt', {}, 'Quyết định'),
    h(
      'dd',
      {},
      decision
        ? `Quyết định số ${decision.number ?? ''} ngày ${date(decision.date)} của ${decision.issuer ?? ''}`
        : 'Chưa có quyết định của Hội đồng',
    ),
    h('dt', {}, 'Áp dụng, nhân rộng'),
    h(
      'dd',
      {},
      adopters === undefined
        ? '—'
        : adopters.length > 0
          ? adopters.join('; ')
          : 'Chưa có đơn vị báo cáo áp dụng',
    ),
  );
}
