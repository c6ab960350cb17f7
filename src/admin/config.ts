import { cmsSettings } from '../../cms.config.ts';
import { criterionHeader } from '../core/committee.ts';
import { datesFrom, todayInVietnam } from '../core/dates.ts';
import { FOLDER_TITLE_LIMIT } from '../core/slug.ts';
import { collections, type FilesRow, type FolderRow, type ListRow } from '../model/collections.ts';
import {
  applicationFields,
  ballotVotes,
  bodySections,
  campaignStatuses,
  indicatorDirections,
  indicatorKinds,
  memberRoles,
  reformAreas,
  type Term,
  themeGoals,
  unitKinds,
} from '../schemas/index.ts';
import { CHECKS_WIDGET } from './checks-widget.ts';
import {
  bundledOrganiser,
  knownCriteria,
  offeredCampaigns,
  submittedDefault,
} from './content-data.ts';
import { PERIOD_OF } from './date-widget.ts';
import { QUIET_FRONT_MATTER, QUIET_YAML } from './formats.ts';
import { INITIATIVE_WIDGET } from './initiative-widget.ts';
import { describeObject, type SchemaField, type SchemaNode } from './schema-walk.ts';
import { SHOWN_NAMES } from './shown-names.ts';

/** The subset of Decap's field options this project uses. */
export interface CmsField {
  name: string;
  label: string;
  widget: string;
  required?: boolean;
  hint?: string;
  default?: unknown;
  pattern?: [string, string];
  [option: string]: unknown;
}

/** Field options that cannot be read from the schema: widgets for references, files, summaries. */
type Overrides = Record<string, Partial<CmsField>>;

/** Vocabularies whose ids are enumerations in the schema, with the name shown in the form. */
const vocabularies: readonly (readonly Term[])[] = [
  reformAreas,
  applicationFields,
  themeGoals,
  indicatorKinds,
  indicatorDirections,
  unitKinds,
  campaignStatuses,
  memberRoles,
  ballotVotes,
];

function optionsFor(values: readonly string[]): { label: string; value: string }[] {
  const terms = vocabularies.find(
    (list) => list.length === values.length && list.every((term) => values.includes(term.id)),
  );
  return values.map((value) => {
    const term = terms?.find((candidate) => candidate.id === value);
    const unit = term && 'unit' in term && term.unit ? ` (${term.unit})` : '';
    return { value, label: term ? `${term.name}${unit}` : value };
  });
}

/** Decap checks one pattern per field: the schema's regex if any, else its length bounds. */
function patternFor(node: Extract<SchemaNode, { kind: 'string' }>): [string, string] | undefined {
  if (node.pattern) return [node.pattern.source, node.pattern.message];
  if (node.minLength === undefined && node.maxLength === undefined) return undefined;
  const min = node.minLength ?? 0;
  const max = node.maxLength ?? '';
  const any = node.multiline ? String.raw`[\s\S]` : '.';
  const message =
    node.maxLength === undefined
      ? `Cần ít nhất ${min} ký tự.`
      : `Cần từ ${min} đến ${node.maxLength} ký tự.`;
  // Surrounding spaces are trimmed by the schema, so they do not count here either.
  return [String.raw`^\s*${any}{${min},${max}}\s*$`, message];
}

function widgetFor(name: string, field: SchemaField, path: string, overrides: Overrides) {
  const { node } = field;
  const base = {
    name,
    label: field.meta?.label ?? name,
    required: field.required,
    ...(field.meta?.hint && { hint: field.meta.hint }),
    ...(field.defaultValue !== undefined &&
      !(Array.isArray(field.defaultValue) && field.defaultValue.length === 0) && {
        default: field.defaultValue,
      }),
  };
  let built: CmsField;
  switch (node.kind) {
    case 'string': {
      const pattern = patternFor(node);
      built = {
        ...base,
        widget: node.multiline ? 'text' : 'string',
        ...(pattern && { pattern }),
      };
      break;
    }
    case 'date':
      built = {
        ...base,
        widget: 'datetime',
        format: 'YYYY-MM-DD',
        date_format: 'YYYY-MM-DD',
        time_format: false,
      };
      break;
    case 'number':
      built = {
        ...base,
        widget: 'number',
        value_type: node.integer ? 'int' : 'float',
        ...(node.min !== undefined && { min: node.min }),
        ...(node.max !== undefined && { max: node.max }),
      };
      break;
    case 'boolean':
      built = { ...base, widget: 'boolean' };
      break;
    case 'literal':
      built = { ...base, widget: 'hidden', default: node.value };
      break;
    case 'enum':
      built = { ...base, widget: 'select', options: optionsFor(node.values) };
      break;
    case 'object':
      built = {
        ...base,
        widget: 'object',
        collapsed: false,
        fields: fieldsOf(node.fields, overrides, `${path}.`),
      };
      break;
    case 'record':
      built = {
        ...base,
        widget: 'object',
        fields: knownCriteria().map((criterion) => ({
          name: criterion.id,
          label: criterionHeader(criterion),
          widget: 'number',
          value_type: 'float',
          min: 0,
          max: criterion.max,
          required: false,
        })),
      };
      break;
    case 'array': {
      const item = node.item.node;
      const counts = {
        ...(node.minItems !== undefined && { min: node.minItems }),
        ...(node.maxItems !== undefined && { max: node.maxItems }),
      };
      if (item.kind === 'enum') {
        built = {
          ...base,
          widget: 'select',
          multiple: true,
          options: optionsFor(item.values),
          ...counts,
        };
      } else if (item.kind === 'object') {
        built = {
          ...base,
          widget: 'list',
          collapsed: false,
          ...counts,
          // Without it, Decap starts a new entry with one item when an item field has a default.
          ...(Array.isArray(field.defaultValue) && { default: field.defaultValue }),
          fields: fieldsOf(item.fields, overrides, `${path}.`),
        };
      } else {
        built = {
          ...base,
          widget: 'list',
          ...counts,
          field: widgetFor(name, { ...node.item, meta: field.meta }, `${path}.*`, overrides),
        };
      }
      break;
    }
  }
  return { ...built, ...overrides[path] } as CmsField;
}

function fieldsOf(fields: Record<string, SchemaField>, overrides: Overrides, prefix = '') {
  return Object.entries(fields).map(([name, field]) =>
    widgetFor(name, field, `${prefix}${name}`, overrides),
  );
}

/** A form derived from a zod object schema; `extra` fields (the body) come last. */
export function formFields(schema: Parameters<typeof describeObject>[0], overrides: Overrides) {
  return fieldsOf(describeObject(schema), overrides);
}

const unitRelation = {
  widget: 'relation',
  collection: 'units',
  file: 'units',
  value_field: 'items.*.id',
  search_fields: ['items.*.name', 'items.*.id'],
  display_fields: ['items.*.name'],
} satisfies Partial<CmsField>;

/** A relation to initiatives that stores the bare folder name (see initiative-widget.ts). */
const initiativeRelation = {
  widget: INITIATIVE_WIDGET,
  collection: 'initiatives',
  value_field: '{{slug}}',
  search_fields: ['title', 'summary'],
  display_fields: ['title'],
} satisfies Partial<CmsField>;

// Read when the admin loads: a campaign whose deadline passes is no longer offered from then on.
const today = todayInVietnam();
const offered = offeredCampaigns(today);
const OFFER_DAYS = 3 * 366;

/**
 * The campaign of a submission: open ones whose deadline has not passed. Decap filters a
 * relation only by listing the values a field may take, so "deadline today or later" is the
 * list of the days from today on — three years of them, longer than any call for initiatives
 * runs. It holds for campaigns added after this admin was built (a practice campaign of
 * `npm start`, one merged on GitHub before the next deploy), which a list of the bundled
 * campaigns' deadlines would hide.
 */
export function campaignChoiceFor(organiser: string, day: string) {
  const byOrganiser = organiser ? [{ field: 'organiser', values: [organiser] }] : [];
  return {
    widget: 'relation',
    collection: 'campaigns',
    value_field: '{{slug}}',
    search_fields: ['title', 'year'],
    display_fields: ['title'],
    filters: [
      { field: 'status', values: ['open'] },
      {
        field: 'deadline',
        values: datesFrom(day, OFFER_DAYS),
      },
      ...byOrganiser,
    ],
    hint: organiser
      ? `Chỉ hiện các đợt đang nhận sáng kiến (chưa hết hạn) của ${bundledOrganiser(organiser)?.name ?? organiser}.`
      : 'Chỉ hiện các đợt đang nhận sáng kiến (chưa hết hạn).',
  } satisfies Partial<CmsField>;
}

/** The campaign choice of this admin: of its organiser only when it serves one. */
export const campaignChoice = campaignChoiceFor(cmsSettings.organiser, today);

/** The submission date starts inside the period of the campaigns offered (content-data.ts). */
const dateToday = { default: submittedDefault(offered, today) } satisfies Partial<CmsField>;

/**
 * Every date of a submission that starts at a default follows the campaign chosen: it moves
 * into that campaign's period until the submitter sets it (src/admin/date-widget.ts).
 */
export function withDatesInCampaign(fields: CmsField[], campaignField = 'campaign'): CmsField[] {
  return fields.map((field) =>
    field.widget === 'datetime' && field.default !== undefined
      ? { ...field, [PERIOD_OF]: campaignField }
      : field,
  );
}

/** The Markdown an initiative starts with: the five section headings, in order. */
export const bodyTemplate = bodySections
  .map((section) => `## ${section.heading}\n\n`)
  .join('\n')
  .trimEnd()
  .concat('\n');

/**
 * The validator's problems for the entry, live, at the top of the form (checks-widget.ts).
 * Not a field of the content model: it holds no value and is never written.
 */
export const checksField = {
  name: 'checks',
  label: 'Kiểm tra trước khi gửi',
  widget: CHECKS_WIDGET,
} satisfies Partial<CmsField>;

const bodyHint = [
  'Giữ nguyên năm tiêu đề “## …” và viết nội dung dưới mỗi tiêu đề.',
  ...bodySections.map((section) => `${section.heading}: ${section.guidance}`),
].join(' • ');

const markdownBody = {
  name: 'body',
  widget: 'markdown',
  modes: ['raw', 'rich_text'],
  buttons: [
    'bold',
    'italic',
    'link',
    'heading-two',
    'heading-three',
    'quote',
    'bulleted-list',
    'numbered-list',
  ],
  editor_components: [],
  sanitize_preview: true,
} satisfies Partial<CmsField>;

const initiativeOverrides: Overrides = {
  // A submission goes to a campaign that is receiving initiatives.
  campaign: campaignChoice,
  unit: unitRelation,
  authors: { label_singular: 'tác giả', summary: '{{fields.name}} – {{fields.position}}' },
  'authors.unit': unitRelation,
  trialParticipants: { label_singular: 'người tham gia', summary: '{{fields.name}}' },
  'trialParticipants.unit': unitRelation,
  indicators: { label_singular: 'chỉ số', summary: '{{fields.kind}}' },
  attachments: {
    label_singular: 'tệp',
    summary: '{{fields.title}}',
  },
  'attachments.file': {
    widget: 'file',
    choose_url: false,
    media_library: { config: { max_file_size: 10 * 1024 * 1024 } },
    hint: 'Tên tệp không dấu, không khoảng trắng (ví dụ: so-do-quy-trinh.png). Ảnh PNG/JPG/WebP, PDF, DOCX/XLSX/PPTX, ODT/ODS/ODP.',
  },
  videos: { label_singular: 'video', summary: '{{fields.title}}' },
  'videos.url': {
    pattern: ['^https://\\S+$', 'Địa chỉ phải bắt đầu bằng https:// và không có khoảng trắng.'],
  },
  adaptedFrom: { ...initiativeRelation, multiple: true },
  keywords: { label_singular: 'từ khóa' },
  submitted: dateToday,
  sample: { widget: 'hidden' },
};

const campaignOverrides: Overrides = {
  organiser: unitRelation,
  receivingOffice: unitRelation,
  legalBases: { label_singular: 'căn cứ', summary: '{{fields.number}}' },
  rules: { label_singular: 'văn bản', summary: '{{fields.number}}' },
  'rubric.criteria': { label_singular: 'tiêu chí', summary: '{{fields.name}}' },
  'rubric.criteria.bands': {
    label_singular: 'khung điểm',
    summary: '{{fields.min}}–{{fields.max}}',
  },
  'rubric.grades': { label_singular: 'mức xếp loại', summary: '{{fields.name}}' },
};

const decisionOverrides: Overrides = {
  campaign: {
    widget: 'relation',
    collection: 'campaigns',
    value_field: '{{slug}}',
    search_fields: ['title', 'year'],
    display_fields: ['title'],
  },
  members: { label_singular: 'thành viên', summary: '{{fields.name}}' },
  results: { label_singular: 'kết quả', summary: '{{fields.initiative}}' },
  'results.marks': { label_singular: 'phiếu', summary: '{{fields.member}}', collapsed: true },
  'results.initiative': initiativeRelation,
  'results.scope': {
    widget: 'relation',
    collection: 'scopeLevels',
    file: 'scopeLevels',
    value_field: 'items.*.id',
    search_fields: ['items.*.name'],
    display_fields: ['items.*.name'],
  },
};

const adoptionOverrides: Overrides = {
  initiative: initiativeRelation,
  unit: unitRelation,
  indicators: { label_singular: 'chỉ số', summary: '{{fields.kind}}' },
};

const listFileOverrides: Overrides = {};

/** A data file that is a top-level YAML list, edited through the `yaml-list` format (see formats.ts). */
/**
 * What a CMS collection takes from the registry row of its kind: name, Vietnamese
 * labels, where its files live and how they are written.
 */
function fromRegistry(row: FolderRow | FilesRow) {
  return {
    name: row.name,
    label: row.title,
    label_singular: row.noun,
    folder: row.folder,
    extension: row.layout === 'folder' ? 'md' : row.extension.slice(1),
    format: row.format === 'markdown' ? 'frontmatter' : 'yaml',
  };
}

function listFile(row: ListRow) {
  const { name, title: label, file, noun: itemLabel, schema } = row;
  return {
    name,
    label,
    format: 'yaml-list',
    extension: 'yaml',
    delete: false,
    editor: { preview: false },
    files: [
      {
        name,
        label,
        file,
        fields: [
          { name: 'header', label: 'Ghi chú đầu tệp', widget: 'hidden', required: false },
          {
            name: 'items',
            label,
            label_singular: itemLabel,
            widget: 'list',
            summary: '{{fields.name}} ({{fields.id}})',
            fields: formFields(schema, listFileOverrides),
          },
        ],
      },
    ],
  };
}

/** Decap's `slug` settings: ASCII file and branch names; `diacritics` turns đ into d. */
export const slugSettings = {
  encoding: 'ascii',
  clean_accents: true,
  sanitize_replacement: '-',
} as const;

/**
 * The title is cut as `folderName` (src/core/slug.ts) cuts it, so the CMS and the
 * Word import make the same folder of the same title, within the schema's 80 characters.
 */
export const initiativeSlugTemplate = `{{slug | truncate(${FOLDER_TITLE_LIMIT})}}`;

// The site's base path (GitHub Pages project sites); Vite sets it in the admin bundle.
const siteBase =
  (import.meta as unknown as { env?: Record<string, string | undefined> }).env?.BASE_URL ?? '/';
const siteRoot = siteBase.endsWith('/') ? siteBase : `${siteBase}/`;

export const cmsConfig = {
  load_config_file: false,
  locale: 'vi',
  // The project's name and mark on the login screen instead of Decap's.
  logo_url: `${siteRoot}logo.svg`,
  backend: {
    name: 'github',
    repo: cmsSettings.github.repo,
    branch: cmsSettings.github.branch,
    base_url: cmsSettings.github.baseUrl,
    auth_endpoint: cmsSettings.github.authEndpoint,
    open_authoring: cmsSettings.github.openAuthoring,
    squash_merges: true,
    commit_messages: {
      create: 'Thêm {{collection}} “{{slug}}”',
      update: 'Cập nhật {{collection}} “{{slug}}”',
      delete: 'Xóa {{collection}} “{{slug}}”',
      uploadMedia: 'Tải lên “{{path}}”',
      deleteMedia: 'Xóa “{{path}}”',
      openAuthoring: '{{message}}',
    },
  },
  // Honoured only when the admin runs on localhost; `npm start` points it at decap-server.
  local_backend: { url: cmsSettings.local.proxyUrl, allowed_hosts: ['localhost', '127.0.0.1'] },
  publish_mode: 'editorial_workflow',
  // Uploads belong to an initiative and live in its folder (`media_folder: ''` below). Decap
  // requires a top-level folder all the same; only its global media library uses it, which
  // on GitHub cannot write (github-safety.ts) and with `npm start` writes here, where Astro
  // serves static files as they are (the gate in front of decap-server allows this folder).
  media_folder: 'public/media',
  public_folder: '/media',
  // Empty optional fields are left out of the file instead of being written as `''`.
  omit_empty_optional_fields: true,
  slug: slugSettings,
  collections: [
    {
      ...fromRegistry(collections.initiatives),
      // Saving changes only the edited lines (src/admin/formats.ts), as the form's checks see it.
      format: QUIET_FRONT_MATTER,
      description:
        'Mỗi sáng kiến là một thư mục gồm bài viết và các tệp đính kèm. Bấm “Lưu” để lưu bản nháp; khi viết xong, chuyển trạng thái sang “Chờ xét duyệt”.',
      path: `{{slug}}/${collections.initiatives.entryFile.replace(/\.md$/, '')}`,
      media_folder: '',
      public_folder: '',
      slug: initiativeSlugTemplate,
      create: true,
      delete: false,
      summary: '{{title}}',
      sortable_fields: ['title', 'submitted'],
      fields: [
        checksField,
        ...withDatesInCampaign(formFields(collections.initiatives.schema, initiativeOverrides)),
        {
          ...markdownBody,
          label: 'Nội dung sáng kiến',
          required: true,
          hint: bodyHint,
          default: bodyTemplate,
        },
      ],
    },
    {
      ...fromRegistry(collections.campaigns),
      // Saving changes only the edited lines (src/admin/formats.ts).
      format: QUIET_FRONT_MATTER,
      slug: '{{fields.year}}-{{fields.organiser}}',
      create: true,
      delete: false,
      summary: '{{year}} – {{title}}',
      fields: [
        ...formFields(collections.campaigns.schema, campaignOverrides),
        { ...markdownBody, label: 'Thông báo phát động', required: true },
      ],
    },
    listFile(collections.units),
    listFile(collections.scopeLevels),
    {
      ...fromRegistry(collections.decisions),
      format: QUIET_YAML,
      slug: '{{campaign}}',
      identifier_field: 'campaign',
      create: true,
      delete: false,
      summary: `{{${SHOWN_NAMES}.campaign}} – {{document.number}}`,
      editor: { preview: false },
      fields: formFields(collections.decisions.schema, decisionOverrides),
    },
    {
      ...fromRegistry(collections.adoptions),
      format: QUIET_YAML,
      slug: '{{initiative}}-{{unit}}',
      identifier_field: 'initiative',
      create: true,
      delete: false,
      summary: `{{${SHOWN_NAMES}.initiative}} – {{${SHOWN_NAMES}.unit}}`,
      editor: { preview: false },
      fields: formFields(collections.adoptions.schema, adoptionOverrides),
    },
  ],
};
