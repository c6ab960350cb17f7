/**
 * Writes the content-model tables of docs/model.md from the zod schemas, so the
 * documentation cannot drift from the model: every field, its type, whether it
 * is required, its Vietnamese label and hint (from `metaOf()`), and the values
 * it accepts (enums with their Vietnamese names from the vocabularies).
 *
 *   npm run docs:model            rewrite the section between the markers of docs/model.md
 *   npm run docs:model -- --check exit 1 when docs/model.md is out of date
 */

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import { contentPaths } from '../../src/model/collections.ts';
import {
  adoptionSchema,
  applicationFields,
  attachmentTypes,
  bodySections,
  campaignSchema,
  campaignStatuses,
  checksOf,
  decisionSchema,
  defOf,
  indicatorKinds,
  initiativeSchema,
  memberRoles,
  metaOf,
  reformAreas,
  type SchemaDef,
  scopeLevelSchema,
  slugId,
  type Term,
  themeGoals,
  unitKinds,
  unitSchema,
  videoExtensions,
} from '../../src/schemas/index.ts';

export const SECTION = 'model';
const root = new URL('../../', import.meta.url).pathname;
export const MODEL_DOC_PATH = join(root, 'docs', 'model.md');

export interface Row {
  path: string;
  type: string;
  required: string;
  label: string;
  hint: string;
  values: string;
}

/** Vocabularies whose ids become enums; an enum is named by the list that has exactly its ids. */
export const vocabularies: readonly { title: string; terms: readonly Term[] }[] = [
  { title: 'Nội dung cải cách hành chính', terms: reformAreas },
  { title: 'Lĩnh vực áp dụng', terms: applicationFields },
  { title: 'Mục tiêu của chủ đề năm', terms: themeGoals },
  { title: 'Loại chỉ số', terms: indicatorKinds },
  { title: 'Loại đơn vị', terms: unitKinds },
  { title: 'Trạng thái đợt phát động', terms: campaignStatuses },
  { title: 'Vai trò trong hội đồng', terms: memberRoles },
];

function vocabularyOf(ids: string[]): (typeof vocabularies)[number] | undefined {
  const wanted = [...ids].sort().join('\n');
  return vocabularies.find(
    (vocabulary) =>
      vocabulary.terms
        .map((term) => term.id)
        .sort()
        .join('\n') === wanted,
  );
}

const SLUG_PATTERN = checksOf(slugId).find((check) => check.pattern)?.pattern?.source;
const DATE_PATTERN = String.raw`^\d{4}-\d{2}-\d{2}$`;

function formatNumber(value: number): string {
  return value.toLocaleString('vi-VN', { maximumFractionDigits: 2, useGrouping: false });
}

function range(min: number | undefined, max: number | undefined, unit: string): string {
  if (min !== undefined && max !== undefined)
    return `${formatNumber(min)}–${formatNumber(max)}${unit}`;
  if (min !== undefined) return `từ ${formatNumber(min)}${unit}`;
  if (max !== undefined) return `tối đa ${formatNumber(max)}${unit}`;
  return '';
}

function lengthRange(schema: z.ZodType, unit: string): string {
  let min: number | undefined;
  let max: number | undefined;
  for (const check of checksOf(schema)) {
    if (check.check === 'min_length') min = check.minimum;
    if (check.check === 'max_length') max = check.maximum;
  }
  return range(min, max, unit);
}

function formatDefault(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'danh sách rỗng' : JSON.stringify(value);
  if (value === true) return 'có';
  if (value === false) return 'không';
  if (typeof value === 'number') return formatNumber(value);
  return `\`${String(value)}\``;
}

interface Unwrapped {
  core: z.ZodType;
  optional: boolean;
  defaultValue?: unknown;
  hasDefault: boolean;
}

/** Peel optional, default and pipe wrappers; a preprocess pipe is described by what it accepts after preprocessing. */
function unwrap(schema: z.ZodType): Unwrapped {
  let current = schema;
  let optional = false;
  let hasDefault = false;
  let defaultValue: unknown;
  for (let depth = 0; depth < 10; depth += 1) {
    const def = defOf(current);
    if ((def.type === 'optional' || def.type === 'nullable') && def.innerType) {
      optional = true;
      current = def.innerType;
    } else if ((def.type === 'default' || def.type === 'prefault') && def.innerType) {
      hasDefault = true;
      defaultValue = def.defaultValue;
      current = def.innerType;
    } else if (def.type === 'pipe' && def.in && def.out) {
      current = defOf(def.in).type === 'transform' ? def.out : def.in;
    } else {
      break;
    }
  }
  return { core: current, optional, hasDefault, defaultValue };
}

interface Described {
  type: string;
  values: string;
  children?: { prefix: string; shape: Record<string, z.ZodType> };
}

/** Enums from a vocabulary point to its list below the tables; other enums list their values inline. */
function enumValues(def: SchemaDef): string {
  const ids = Object.values(def.entries ?? {});
  const vocabulary = vocabularyOf(ids);
  if (vocabulary) return `xem danh mục *${vocabulary.title}*`;
  return ids.map((id) => `\`${id}\``).join('; ');
}

function describeCore(core: z.ZodType, path: string): Described {
  const def = defOf(core);
  switch (def.type) {
    case 'string': {
      const checks = checksOf(core);
      const pattern = checks.find((check) => check.pattern)?.pattern?.source;
      if (pattern === DATE_PATTERN) return { type: 'ngày', values: '' };
      if (pattern === SLUG_PATTERN) {
        return { type: 'mã', values: '' };
      }
      if (checks.some((check) => check.format === 'url')) {
        return { type: 'địa chỉ web', values: 'bắt đầu bằng `https://`' };
      }
      const rule = pattern ? `khớp mẫu \`${pattern}\`` : '';
      return {
        type: 'chuỗi',
        values: [lengthRange(core, ' ký tự'), rule].filter(Boolean).join('; '),
      };
    }
    case 'number': {
      let min: number | undefined;
      let max: number | undefined;
      let integer = false;
      for (const check of checksOf(core)) {
        if (check.check === 'number_format' && check.format?.includes('int')) integer = true;
        if (check.check === 'greater_than') min = check.value;
        if (check.check === 'less_than' && (check.value ?? 0) < Number.MAX_SAFE_INTEGER) {
          max = check.value;
        }
      }
      return { type: integer ? 'số nguyên' : 'số', values: range(min, max, '') };
    }
    case 'boolean':
      return { type: 'có/không', values: '`true` hoặc `false`' };
    case 'enum':
      return { type: 'mục chọn', values: enumValues(def) };
    case 'literal':
      return {
        type: 'giá trị cố định',
        values: (def.values ?? []).map((value) => `\`${String(value)}\``).join('; '),
      };
    case 'record': {
      const value = def.valueType ? describeCore(unwrap(def.valueType).core, path) : undefined;
      return {
        type: `bảng mã → ${value?.type ?? 'giá trị'}`,
        values: value?.values ? `giá trị ${value.values}` : '',
      };
    }
    case 'object':
      return {
        type: 'nhóm trường',
        values: '',
        children: { prefix: `${path}.`, shape: def.shape ?? {} },
      };
    case 'array': {
      const element = def.element ? unwrap(def.element).core : undefined;
      const items = lengthRange(core, ' mục');
      if (!element) return { type: 'danh sách', values: items };
      const inner = describeCore(element, `${path}[]`);
      if (inner.children) {
        return {
          type: 'danh sách nhóm trường',
          values: items,
          children: { prefix: `${path}[].`, shape: inner.children.shape },
        };
      }
      const values = [items, inner.values].filter(Boolean).join('; mỗi mục: ');
      return { type: `danh sách ${inner.type}`, values };
    }
    default:
      return { type: def.type, values: '' };
  }
}

/** Every field of an object schema as table rows, nested fields as dotted paths (`authors[].share`). */
export function rowsOf(shape: Record<string, z.ZodType>, prefix = ''): Row[] {
  const rows: Row[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    const path = `${prefix}${key}`;
    const meta = metaOf(schema);
    const unwrapped = unwrap(schema);
    const described = describeCore(unwrapped.core, path);
    let required = 'bắt buộc';
    if (unwrapped.hasDefault)
      required = `không (mặc định: ${formatDefault(unwrapped.defaultValue)})`;
    else if (unwrapped.optional) required = 'không';
    rows.push({
      path,
      type: described.type,
      required,
      label: meta?.label ?? '',
      hint: [
        meta?.hint,
        meta?.example && !meta.hint?.includes(meta.example) ? `Ví dụ: ${meta.example}` : undefined,
      ]
        .filter(Boolean)
        .join(' '),
      values: described.values,
    });
    if (described.children) {
      rows.push(...rowsOf(described.children.shape, described.children.prefix));
    }
  }
  return rows;
}

function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

function table(rows: Row[]): string {
  const lines = [
    '| Trường | Kiểu | Bắt buộc | Tên trường | Hướng dẫn | Giá trị cho phép |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| \`${row.path}\` | ${cell(row.type)} | ${cell(row.required)} | ${cell(row.label)} | ${cell(row.hint)} | ${cell(row.values)} |`,
    ),
  ];
  return lines.join('\n');
}

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  const shape = defOf(unwrap(schema).core).shape;
  if (!shape) throw new Error('Lược đồ không phải là nhóm trường.');
  return shape;
}

/** The documented schemas, in reading order, with where their files live. */
export const documentedSchemas: {
  id: string;
  title: string;
  file: string;
  intro: string;
  schema: z.ZodType;
}[] = [
  {
    id: 'initiative',
    title: 'Sáng kiến',
    file: `${contentPaths.initiatives}/<mã-sáng-kiến>/index.md`,
    intro:
      'Phần đầu (front matter) của tệp; phần nội dung là Markdown gồm các mục bắt buộc bên dưới. Tệp đính kèm đặt cùng thư mục.',
    schema: initiativeSchema,
  },
  {
    id: 'campaign',
    title: 'Đợt phát động',
    file: `${contentPaths.campaigns}/<mã-đợt>.md`,
    intro: 'Phần đầu của tệp; phần nội dung là thông báo phát động, viết bằng Markdown.',
    schema: campaignSchema,
  },
  {
    id: 'unit',
    title: 'Đơn vị',
    file: contentPaths.units,
    intro: 'Danh sách; mỗi mục là một cơ quan, đơn vị, xã, thị trấn.',
    schema: unitSchema,
  },
  {
    id: 'scope-level',
    title: 'Phạm vi ảnh hưởng',
    file: contentPaths.scopeLevels,
    intro: 'Danh sách; mỗi mục là một phạm vi ảnh hưởng dùng khi xét công nhận.',
    schema: scopeLevelSchema,
  },
  {
    id: 'decision',
    title: 'Quyết định của hội đồng',
    file: `${contentPaths.decisions}/<mã-đợt>.yaml`,
    intro: 'Một tệp cho mỗi đợt; chỉ hội đồng và người quản trị được sửa.',
    schema: decisionSchema,
  },
  {
    id: 'adoption',
    title: 'Áp dụng, nhân rộng',
    file: `${contentPaths.adoptions}/<mã>.yaml`,
    intro: 'Báo cáo một đơn vị đã áp dụng một sáng kiến được công nhận.',
    schema: adoptionSchema,
  },
];

function initiativeNotes(): string {
  const sections = bodySections
    .map((section, index) => `${index + 1}. \`## ${section.heading}\` — ${section.guidance}`)
    .join('\n');
  const types = Object.values(attachmentTypes)
    .map(
      (type) =>
        `${type.name}: ${type.extensions.map((extension) => `\`.${extension}\``).join(', ')} (tối đa ${type.maxBytes / 1024 / 1024} MB)`,
    )
    .join('; ');
  return [
    'Các mục bắt buộc của phần nội dung, đúng thứ tự:',
    '',
    sections,
    '',
    `Tệp đính kèm được phép — ${types}. Video chỉ ghi đường liên kết, không nhận tệp ${videoExtensions.map((extension) => `\`.${extension}\``).join(', ')}.`,
  ].join('\n');
}

function vocabularyLists(): string {
  const parts = ['## Danh mục', ''];
  parts.push(
    'Giá trị ghi trong tệp là mã tiếng Anh; site, biểu mẫu và văn bản hiển thị tên tiếng Việt. Thêm một mục vào `src/schemas/vocabularies.ts` là đủ để mục đó hợp lệ ở mọi nơi.',
  );
  for (const vocabulary of vocabularies) {
    parts.push('', `### ${vocabulary.title}`, '');
    for (const term of vocabulary.terms) {
      const unit = 'unit' in term && term.unit ? ` Đơn vị tính: ${term.unit}.` : '';
      parts.push(`- \`${term.id}\` — **${term.name}**: ${term.description}${unit}`);
    }
  }
  return parts.join('\n');
}

/**
 * The Markdown that belongs between the model markers of docs/model.md, before
 * formatting. The page's own title sits above the markers, so schemas are `##`.
 */
export function rawModelSection(): string {
  const parts = [
    'Các bảng dưới đây được sinh từ các lược đồ zod trong `src/schemas/` bằng `npm run docs:model` (nhãn và hướng dẫn lấy từ `metaOf()`, danh mục lấy từ `vocabularies.ts`); đừng sửa tay. Kiểm thử `tests/docs/model-table.test.ts` báo lỗi khi trang này cũ hơn lược đồ.',
    '',
    '- Trường lồng nhau ghi theo đường dẫn có dấu chấm; `[]` là từng mục của danh sách (ví dụ `authors[].share`).',
    '- *mã*: chữ thường không dấu, chữ số và dấu gạch nối, 2–80 ký tự (ví dụ `xa-duc-phu`); mã tham chiếu phải có trong danh mục tương ứng.',
    '- *ngày*: dạng `YYYY-MM-DD` (ví dụ `2024-09-04`), đọc theo giờ Việt Nam.',
    '- *chuỗi*: văn bản tiếng Việt có dấu (NFC); số ký tự tính sau khi bỏ khoảng trắng đầu và cuối.',
  ];
  for (const entry of documentedSchemas) {
    parts.push('', `## ${entry.title} — \`${entry.file}\``, '', entry.intro, '');
    parts.push(table(rowsOf(shapeOf(entry.schema))));
    if (entry.id === 'initiative') parts.push('', initiativeNotes());
  }
  parts.push('', vocabularyLists());
  return `${parts.join('\n')}\n`;
}

/**
 * The section as Biome formats Markdown (it pads table columns), so that
 * `biome check .` accepts docs/model.md as written by this script.
 */
export function modelSection(): string {
  const biome = join(
    root,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'biome.cmd' : 'biome',
  );
  try {
    return execFileSync(biome, ['format', '--stdin-file-path=docs/model.md'], {
      input: rawModelSection(),
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
      cwd: root,
    });
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw new Error(`Không định dạng được bảng bằng Biome: ${detail}`);
  }
}

const markerPattern = (name: string) =>
  new RegExp(`(<!-- section:${name} -->\\n)([\\s\\S]*?)(<!-- /section:${name} -->)`);

/** The current text between the markers, or undefined when the markers are missing. */
export function readSection(text: string, name = SECTION): string | undefined {
  return markerPattern(name).exec(text)?.[2];
}

export function replaceSection(text: string, content: string, name = SECTION): string {
  if (!markerPattern(name).test(text)) {
    throw new Error(`không có cặp dấu <!-- section:${name} --> … <!-- /section:${name} -->.`);
  }
  return text.replace(markerPattern(name), (_all, open: string, _old, close: string) => {
    return `${open}${content.endsWith('\n') ? content : `${content}\n`}${close}`;
  });
}

const USAGE = 'Dùng: npm run docs:model [-- --check] [--file <tệp>]';

/** How a path is shown in messages: relative to the repository when inside it. */
function shown(path: string): string {
  const inside = relative(root, path);
  return inside && !inside.startsWith('..') ? inside : path;
}

function main(argv: string[]): number {
  let check = false;
  let docPath = MODEL_DOC_PATH;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--check') check = true;
    else if (arg === '--file' && argv[index + 1]) {
      docPath = argv[index + 1] as string;
      index += 1;
    } else {
      console.error(`Tham số không hợp lệ: ${arg}. ${USAGE}`);
      return 2;
    }
  }
  const name = shown(docPath);
  const doc = readFileSync(docPath, 'utf8');
  let updated: string;
  try {
    updated = replaceSection(doc, modelSection());
  } catch (error) {
    throw new Error(`${name}: ${(error as Error).message}`);
  }
  if (check) {
    if (updated !== doc) {
      console.error(
        `${name}: bảng mô hình nội dung đã cũ so với lược đồ. Chạy \`npm run docs:model\` rồi commit.`,
      );
      return 1;
    }
    console.log(`${name}: bảng mô hình nội dung khớp với lược đồ.`);
    return 0;
  }
  if (updated !== doc) writeFileSync(docPath, updated);
  console.log(
    updated === doc
      ? `${name}: bảng mô hình nội dung đã cập nhật sẵn.`
      : `${name}: đã cập nhật bảng mô hình nội dung.`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(`Không tạo được bảng mô hình nội dung: ${(error as Error).message}`);
    process.exitCode = 2;
  }
}
