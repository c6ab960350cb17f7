/**
 * Writes the content-model tables of docs/model.md from the zod schemas, read through
 * the schema tree (src/schemas/tree.ts), so the documentation cannot drift from the
 * model: every field, its type, whether it is required, its Vietnamese label and hint,
 * and the values it accepts (enums with their Vietnamese names from the vocabularies).
 * One section per collection of the registry (src/model/collections.ts).
 *
 *   npm run docs:model            rewrite the section between the markers of docs/model.md
 *   npm run docs:model -- --check exit 1 when docs/model.md is out of date
 */

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import {
  type CollectionName,
  type CollectionRow,
  collectionRows,
  collections,
  patternLabel,
} from '../../src/model/collections.ts';
import {
  applicationFields,
  attachmentTypes,
  ballotVotes,
  bodySections,
  campaignStatuses,
  indicatorDirections,
  indicatorKinds,
  memberRoles,
  metaOfNode,
  organiserKinds,
  propertiesOf,
  reformAreas,
  schemaTree,
  slugId,
  type Term,
  type TreeNode,
  themeGoals,
  unitKinds,
  videoExtensions,
} from '../../src/schemas/index.ts';
import { isMain } from '../lib/cli.ts';

export const SECTION = 'model';
const root = fileURLToPath(new URL('../../', import.meta.url));
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
  { title: 'Chiều tốt của chỉ số', terms: indicatorDirections },
  { title: 'Loại đơn vị', terms: unitKinds },
  { title: 'Loại cơ quan tổ chức', terms: organiserKinds },
  { title: 'Trạng thái đợt phát động', terms: campaignStatuses },
  { title: 'Vai trò trong hội đồng', terms: memberRoles },
  { title: 'Biểu quyết của thành viên', terms: ballotVotes },
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

const SLUG_PATTERN = schemaTree(slugId).pattern;
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

function formatDefault(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'danh sách rỗng' : JSON.stringify(value);
  if (value === true) return 'có';
  if (value === false) return 'không';
  if (typeof value === 'number') return formatNumber(value);
  return `\`${String(value)}\``;
}

interface Described {
  type: string;
  values: string;
  children?: { prefix: string; node: TreeNode };
}

/** Enums from a vocabulary point to its list below the tables; other enums list their values inline. */
function enumValues(values: readonly unknown[]): string {
  const ids = values.map(String);
  const vocabulary = vocabularyOf(ids);
  if (vocabulary) return `xem danh mục *${vocabulary.title}*`;
  return ids.map((id) => `\`${id}\``).join('; ');
}

function describeNode(node: TreeNode, path: string): Described {
  if (node.enum) return { type: 'mục chọn', values: enumValues(node.enum) };
  if (node.const !== undefined) {
    return { type: 'giá trị cố định', values: `\`${String(node.const)}\`` };
  }
  switch (node.type) {
    case 'string': {
      const { pattern } = node;
      if (pattern === DATE_PATTERN) return { type: 'ngày', values: '' };
      if (pattern !== undefined && pattern === SLUG_PATTERN) {
        return { type: 'mã', values: '' };
      }
      if (node.format === 'uri') {
        return { type: 'địa chỉ web', values: 'bắt đầu bằng `https://`' };
      }
      const rule = pattern ? `khớp mẫu \`${pattern}\`` : '';
      return {
        type: 'chuỗi',
        values: [range(node.minLength, node.maxLength, ' ký tự'), rule].filter(Boolean).join('; '),
      };
    }
    case 'number':
    case 'integer':
      return {
        type: node.type === 'integer' ? 'số nguyên' : 'số',
        values: range(node.minimum, node.maximum, ''),
      };
    case 'boolean':
      return { type: 'có/không', values: '`true` hoặc `false`' };
    case 'object': {
      if (node.properties) {
        return { type: 'nhóm trường', values: '', children: { prefix: `${path}.`, node } };
      }
      const value =
        typeof node.additionalProperties === 'object'
          ? describeNode(node.additionalProperties, path)
          : undefined;
      return {
        type: `bảng mã → ${value?.type ?? 'giá trị'}`,
        values: value?.values ? `giá trị ${value.values}` : '',
      };
    }
    case 'array': {
      const items = range(node.minItems, node.maxItems, ' mục');
      if (!node.items) return { type: 'danh sách', values: items };
      const inner = describeNode(node.items, `${path}[]`);
      if (inner.children) {
        return {
          type: 'danh sách nhóm trường',
          values: items,
          children: { prefix: `${path}[].`, node: inner.children.node },
        };
      }
      const values = [items, inner.values].filter(Boolean).join('; mỗi mục: ');
      return { type: `danh sách ${inner.type}`, values };
    }
    default:
      return { type: node.type ?? '', values: '' };
  }
}

/** Every field of an object node as table rows, nested fields as dotted paths (`authors[].share`). */
export function rowsOf(node: TreeNode, prefix = ''): Row[] {
  const rows: Row[] = [];
  for (const field of propertiesOf(node)) {
    const path = `${prefix}${field.key}`;
    const meta = metaOfNode(field.node);
    const described = describeNode(field.node, path);
    let required = 'bắt buộc';
    if (field.node.default !== undefined)
      required = `không (mặc định: ${formatDefault(field.node.default)})`;
    else if (!field.required) required = 'không';
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
      rows.push(...rowsOf(described.children.node, described.children.prefix));
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

/** What each kind of file holds, in words; the order of the keys is the reading order of the page. */
const intros = {
  initiatives:
    'Phần đầu (front matter) của tệp; phần nội dung là Markdown gồm các mục bắt buộc bên dưới. Tệp đính kèm đặt cùng thư mục.',
  organisers:
    'Một tệp cho mỗi cơ quan tổ chức (UBND tỉnh, sở, xã; UBND huyện trước ngày 01/07/2025): tên, biểu trưng, liên hệ, phạm vi theo thời gian, Hội đồng thường trực.',
  campaigns: 'Phần đầu của tệp; phần nội dung là thông báo phát động, viết bằng Markdown.',
  units: 'Danh sách; mỗi mục là một cơ quan, đơn vị, xã, thị trấn.',
  scopeLevels: 'Danh sách; mỗi mục là một phạm vi ảnh hưởng dùng khi xét công nhận.',
  decisions: 'Một tệp cho mỗi đợt; chỉ hội đồng và người quản trị được sửa.',
  adoptions: 'Báo cáo một đơn vị đã áp dụng một sáng kiến được công nhận.',
} satisfies Record<CollectionName, string>;

const readingOrder: readonly string[] = Object.keys(intros);

/** One section per collection of the registry, in reading order, with where its files live. */
export const documentedSchemas: {
  row: CollectionRow;
  title: string;
  file: string;
  intro: string;
  schema: z.ZodType;
}[] = [...collectionRows]
  .sort((a, b) => readingOrder.indexOf(a.name) - readingOrder.indexOf(b.name))
  .map((row) => ({
    row,
    title: row.title,
    file: patternLabel(row),
    intro: intros[row.name as CollectionName],
    schema: row.schema,
  }));

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
    const tree = schemaTree(entry.schema);
    if (!tree.properties) throw new Error(`Lược đồ ${entry.title} không phải là nhóm trường.`);
    parts.push(table(rowsOf(tree)));
    if (entry.row === collections.initiatives) parts.push('', initiativeNotes());
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

if (isMain(import.meta)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(`Không tạo được bảng mô hình nội dung: ${(error as Error).message}`);
    process.exitCode = 2;
  }
}
