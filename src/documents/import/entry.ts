import type { Paragraph, PhrasingContent, RootContent } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import { parseVietnameseDate } from '../../core/dates.ts';
import { UNSORTED_HEADING } from '../../core/sections.ts';
import { folderName } from '../../core/slug.ts';
import { cleanInline, matchKey, normalizeLine } from '../../core/text.ts';
import { collections } from '../../model/collections.ts';
import type { Unit } from '../../schemas/index.ts';
import {
  applicationFields,
  bodySections,
  reformAreas,
  type Term,
} from '../../schemas/vocabularies.ts';
import type { CampaignFile } from '../common/content.ts';
import type { ExtractedImage } from './convert.ts';
import type { WordComment } from './parts.ts';
import type { RawAuthor, Structure } from './structure.ts';

export { UNSORTED_HEADING };

/** A field the person must complete, in Vietnamese. */
export interface Missing {
  field: string;
  message: string;
}

export interface Draft {
  slug: string;
  data: Record<string, unknown>;
  body: string;
  missing: Missing[];
  notes: string[];
}

function unitKey(text: string): string {
  return matchKey(text)
    .replace(/\buy ban nhan dan\b/g, 'ubnd')
    .replace(/\bhoi dong nhan dan\b/g, 'hdnd')
    .replace(/\b(?:va|cua|thuoc)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Finds a unit by its name, diacritic-insensitive; "Ủy ban nhân dân xã X" equals "UBND xã X". */
export function matchUnit(units: Unit[], text: string | undefined): Unit | undefined {
  if (!text) return undefined;
  const key = unitKey(text);
  if (!key) return undefined;
  const exact = units.filter(
    (unit) => unitKey(unit.name) === key || unit.id === key.replace(/ /g, '-'),
  );
  if (exact.length === 1) return exact[0];
  // "Phòng Tư pháp huyện Tánh Linh" contains "Phòng Tư pháp"; "xã Gia An" is inside "UBND xã Gia An".
  const containing = units
    .filter((unit) => ` ${key} `.includes(` ${unitKey(unit.name)} `))
    .sort((a, b) => unitKey(b.name).length - unitKey(a.name).length);
  if (containing[0]) return containing[0];
  const contained = units.filter(
    (unit) => key.split(' ').length >= 2 && ` ${unitKey(unit.name)} `.includes(` ${key} `),
  );
  return contained.length === 1 ? contained[0] : undefined;
}

function matchTerms<T extends Term>(terms: readonly T[], text: string | undefined): T['id'][] {
  if (!text) return [];
  const key = matchKey(text);
  return terms
    .filter(
      (term) =>
        key.includes(matchKey(term.name)) ||
        key.includes(matchKey(term.short)) ||
        key.includes(term.id),
    )
    .map((term) => term.id);
}

type Inline = PhrasingContent | Paragraph;

/**
 * Spaces at the edges of a line are layout in Word (an indent typed with no-break
 * spaces or tabs) and mean nothing in Markdown, which would write them as "&#x20;":
 * trimmed at the start and end of a block and around a line break. Tabs inside a line
 * separate words and become a space.
 */
function trimEdges(children: Inline[]): void {
  const texts: { node: { value: string }; before: boolean; after: boolean }[] = [];
  let afterBreak = true;
  const walk = (items: Inline[]) => {
    for (const item of items) {
      if (item.type === 'text') {
        item.value = item.value.replace(/\t/g, ' ');
        texts.push({ node: item, before: afterBreak, after: false });
        afterBreak = false;
      } else if (item.type === 'break') {
        const last = texts[texts.length - 1];
        if (last) last.after = true;
        afterBreak = true;
      } else if ('children' in item) walk(item.children as Inline[]);
      else afterBreak = false;
    }
  };
  walk(children);
  const last = texts[texts.length - 1];
  if (last) last.after = true;
  // Leading spaces run over empty text nodes too ("  " then "Trước đây").
  let leading = true;
  for (const text of texts) {
    if (text.before) leading = true;
    if (leading) text.node.value = text.node.value.replace(/^[ \u00a0]+/, '');
    leading = text.node.value === '' && !text.after;
  }
  let trailing = false;
  for (let index = texts.length - 1; index >= 0; index -= 1) {
    const text = texts[index];
    if (!text) continue;
    if (text.after) trailing = true;
    if (trailing) text.node.value = text.node.value.replace(/[ \u00a0]+$/, '');
    trailing = text.node.value === '' && !text.before;
  }
}

/** Inline text as it should be stored: NFC, no invisible characters, plain spaces. */
function cleanTree(nodes: RootContent[]): RootContent[] {
  const visit = (node: RootContent): RootContent | undefined => {
    if (node.type === 'image' && !node.url) return undefined;
    if (node.type === 'heading') node.depth = Math.max(3, node.depth) as 3;
    if (node.type === 'table') {
      node.children.forEach((row, index) => {
        for (const cell of row.children) {
          // A Word cell holds paragraphs; a Markdown cell holds one line of text.
          const flat: PhrasingContent[] = [];
          for (const child of cell.children as (PhrasingContent | Paragraph)[]) {
            if (child.type === 'paragraph') {
              if (flat.length) flat.push({ type: 'text', value: ' ' });
              flat.push(...child.children);
            } else flat.push(child);
          }
          // Word tables often bold their header row; Markdown's header row is already a header.
          cell.children =
            index === 0
              ? flat.flatMap((child) => (child.type === 'strong' ? child.children : [child]))
              : flat;
        }
      });
    }
    if ('value' in node && typeof node.value === 'string' && node.type !== 'code')
      node.value = cleanInline(node.value);
    if ('children' in node) {
      (node as { children: RootContent[] }).children = (node.children as RootContent[])
        .map(visit)
        .filter((child): child is RootContent => child !== undefined);
    }
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell')
      trimEdges(node.children as Inline[]);
    return node;
  };
  return nodes
    .map(visit)
    .filter((node): node is RootContent => node !== undefined)
    .filter((node) => !(node.type === 'paragraph' && node.children.length === 0));
}

export function sectionMarkdown(nodes: RootContent[]): string {
  const cleaned = cleanTree(nodes);
  if (!cleaned.length) return '';
  return toMarkdown(
    { type: 'root', children: cleaned },
    { extensions: [gfmToMarkdown()], bullet: '-', listItemIndent: 'one', rule: '-' },
  ).trim();
}

/** Front-matter keys in the order of the content model. */
const KEY_ORDER = [
  'title',
  'summary',
  'campaign',
  'unit',
  'authors',
  'areas',
  'fields',
  'firstApplied',
  'submitted',
  'trialParticipants',
  'attachments',
  'keywords',
];

export interface DraftInput {
  structure: Omit<Structure, 'unsorted' | 'placements'> &
    Partial<Pick<Structure, 'unsorted' | 'placements'>>;
  /** Comments written in the margin of the Word file. */
  comments?: WordComment[];
  images: ExtractedImage[];
  units: Unit[];
  campaigns: CampaignFile[];
  campaignOption?: string;
  today: string;
  fileName: string;
}

function resolveCampaign(
  campaigns: CampaignFile[],
  option: string | undefined,
  text: string | undefined,
): CampaignFile | undefined {
  const wanted = option ?? text;
  if (wanted) {
    const key = normalizeLine(wanted);
    return (
      campaigns.find((campaign) => campaign.id === key) ??
      campaigns.find((campaign) => String(campaign.data.year) === key) ??
      campaigns.find((campaign) => matchKey(campaign.data.title) === matchKey(key))
    );
  }
  const open = campaigns.filter((campaign) => campaign.data.status === 'open');
  return open.length === 1 ? open[0] : undefined;
}

/** Turns what was read into front matter and body, listing every field still to complete. */
export function buildDraft(input: DraftInput): Draft {
  const { structure, units } = input;
  const missing: Missing[] = [];
  const notes: string[] = [];
  const data: Record<string, unknown> = {};

  if (structure.title) data.title = structure.title;
  else
    missing.push({
      field: 'title',
      message:
        'Tên sáng kiến: không tìm thấy (ghi dòng "Tên sáng kiến: …" hoặc đặt tên ở kiểu Tiêu đề/Heading 1).',
    });

  if (structure.summary && structure.summary.length >= 30 && structure.summary.length <= 600)
    data.summary = structure.summary;
  else
    missing.push({
      field: 'summary',
      message: structure.summary
        ? `Tóm tắt: đoạn tìm được dài ${structure.summary.length} ký tự, cần từ 30 đến 600 ký tự; hãy viết lại hai đến bốn câu.`
        : 'Tóm tắt: chưa có; viết hai đến bốn câu nêu vấn đề, cách làm, kết quả chính.',
    });

  const campaign = resolveCampaign(input.campaigns, input.campaignOption, structure.campaignText);
  if (campaign) data.campaign = campaign.id;
  else
    missing.push({
      field: 'campaign',
      message: `Đợt phát động: chưa xác định (dùng --campaign; có: ${input.campaigns.map((item) => item.id).join(', ') || 'chưa có đợt nào'}).`,
    });

  const entryUnitText = structure.unitText ?? structure.investorText;
  let entryUnit = matchUnit(units, entryUnitText);

  const rawAuthors: RawAuthor[] = structure.authors.map((author) => ({ ...author }));
  if (rawAuthors.length === 1 && rawAuthors[0]) {
    rawAuthors[0].position ??= structure.position;
    rawAuthors[0].unitText ??= structure.unitText;
  }
  const authors = rawAuthors.map((author, index) => {
    const out: Record<string, unknown> = { name: normalizeLine(author.name) };
    const where = `Tác giả ${index + 1} (${author.name})`;
    if (author.position) out.position = normalizeLine(author.position);
    else
      missing.push({
        field: `authors[${index}].position`,
        message: `${where}: thiếu chức vụ, chức danh.`,
      });
    const unit = matchUnit(units, author.unitText) ?? (author.unitText ? undefined : entryUnit);
    if (unit) out.unit = unit.id;
    else
      missing.push({
        field: `authors[${index}].unit`,
        message: author.unitText
          ? `${where}: đơn vị "${author.unitText}" không có trong danh mục đơn vị (${collections.units.file}); chọn mã đơn vị đúng.`
          : `${where}: thiếu đơn vị công tác.`,
      });
    if (author.share !== undefined) out.share = author.share;
    return out;
  });
  if (authors.length) data.authors = authors;
  else
    missing.push({
      field: 'authors',
      message:
        'Tác giả: không tìm thấy (ghi "Tác giả: Họ tên, chức vụ, đơn vị" hoặc bảng có cột "Họ và tên").',
    });
  if (authors.length > 1) {
    const shares = rawAuthors.map((author) => author.share);
    if (shares.some((share) => share === undefined))
      missing.push({
        field: 'authors[].share',
        message: 'Nhóm tác giả: ghi tỷ lệ đóng góp (%) của từng người, tổng bằng 100%.',
      });
  }

  if (!entryUnit && entryUnitText === undefined && rawAuthors.length) {
    entryUnit = matchUnit(units, rawAuthors[0]?.unitText);
    if (entryUnit)
      notes.push(
        `Đơn vị chủ trì lấy theo đơn vị của tác giả thứ nhất: ${entryUnit.name}; kiểm tra lại.`,
      );
  }
  if (entryUnit) data.unit = entryUnit.id;
  else
    missing.push({
      field: 'unit',
      message: entryUnitText
        ? `Cơ quan, đơn vị chủ trì: "${entryUnitText}" không có trong danh mục đơn vị; chọn mã đơn vị đúng.`
        : 'Cơ quan, đơn vị chủ trì: chưa có (ghi dòng "Đơn vị: …").',
    });

  let fieldsText = structure.fieldsText;
  let areasText = structure.areasText;
  const inner = fieldsText ? /\(\s*nội dung cải cách:\s*([^)]*)\)/iu.exec(fieldsText) : null;
  if (fieldsText && inner) {
    areasText ??= inner[1];
    fieldsText = fieldsText.replace(inner[0], '');
  }
  const areas = matchTerms(reformAreas, areasText ?? fieldsText);
  const fields = matchTerms(applicationFields, fieldsText);
  if (areas.length) data.areas = areas;
  else
    missing.push({
      field: 'areas',
      message: `Nội dung cải cách hành chính: chọn ít nhất một trong: ${reformAreas.map((area) => area.short).join('; ')}.`,
    });
  if (fields.length) data.fields = fields;
  else
    missing.push({
      field: 'fields',
      message: `Lĩnh vực áp dụng: chọn ít nhất một trong: ${applicationFields.map((field) => field.short).join('; ')}.`,
    });

  const firstApplied = structure.firstAppliedText
    ? parseVietnameseDate(structure.firstAppliedText)
    : undefined;
  if (firstApplied) data.firstApplied = firstApplied;
  else
    missing.push({
      field: 'firstApplied',
      message: structure.firstAppliedText
        ? `Ngày áp dụng lần đầu: không hiểu "${structure.firstAppliedText}"; ghi dạng dd/mm/yyyy.`
        : 'Ngày áp dụng lần đầu hoặc áp dụng thử: chưa có (ghi dòng "Ngày áp dụng lần đầu: dd/mm/yyyy").',
    });
  const submitted = structure.submittedText
    ? parseVietnameseDate(structure.submittedText)
    : undefined;
  data.submitted = submitted ?? input.today;
  if (!submitted) notes.push(`Ngày gửi lấy là hôm nay (${input.today}); sửa nếu đã gửi ngày khác.`);

  const participants = structure.participants.flatMap((person) => {
    const unit = matchUnit(units, person.unitText);
    if (person.position && unit)
      return [
        {
          name: normalizeLine(person.name),
          position: normalizeLine(person.position),
          unit: unit.id,
        },
      ];
    notes.push(
      `Người tham gia áp dụng thử "${person.name}" thiếu chức danh hoặc đơn vị có trong danh mục; chưa đưa vào, hãy bổ sung.`,
    );
    return [];
  });
  if (participants.length) data.trialParticipants = participants;

  if (input.images.length)
    data.attachments = input.images.map((image) => ({ file: image.file, title: image.title }));
  if (structure.keywordsText) {
    const keywords = [
      ...new Set(
        structure.keywordsText
          .split(/[,;]/)
          .map((word) => normalizeLine(word))
          .filter((word) => word.length >= 2 && word.length <= 40),
      ),
    ].slice(0, 10);
    if (keywords.length) data.keywords = keywords;
  }

  const parts: string[] = [];
  for (const section of bodySections) {
    const markdown = sectionMarkdown(structure.sections.get(section.id) ?? []);
    parts.push(`## ${section.heading}\n`);
    if (markdown) parts.push(`${markdown}\n`);
    else
      missing.push({
        field: `body.${section.id}`,
        message: `Mục "${section.heading}": không tìm thấy trong tệp Word; hãy viết nội dung dưới tiêu đề này. ${section.guidance}`,
      });
  }

  const unsortedMarkdown = sectionMarkdown(structure.unsorted ?? []);
  const comments = input.comments ?? [];
  if (unsortedMarkdown || comments.length) {
    const lines = [
      `## ${UNSORTED_HEADING}\n`,
      '_Phần này có trong tệp Word nhưng chưa nhận ra thuộc mục nào. Chuyển từng đoạn vào đúng mục ở trên (hoặc vào trường tương ứng), rồi xóa cả mục này._\n',
    ];
    if (unsortedMarkdown) lines.push(`${unsortedMarkdown}\n`);
    if (comments.length) {
      lines.push('### Ghi chú trong lề tệp Word\n');
      lines.push(
        `${sectionMarkdown([
          {
            type: 'list',
            ordered: false,
            spread: false,
            children: comments.map((comment) => ({
              type: 'listItem',
              spread: false,
              children: [
                {
                  type: 'paragraph',
                  children: [
                    ...(comment.author
                      ? [
                          { type: 'strong', children: [{ type: 'text', value: comment.author }] },
                          { type: 'text', value: ': ' },
                        ]
                      : []),
                    { type: 'text', value: comment.text },
                  ] as PhrasingContent[],
                },
              ],
            })),
          },
        ])}\n`,
      );
    }
    parts.push(...lines);
    const count = (structure.unsorted?.length ?? 0) + comments.length;
    missing.push({
      field: 'body.unsorted',
      message: `Mục "${UNSORTED_HEADING}": ${count} phần (đoạn, bảng, hình, ghi chú) chưa nhận ra thuộc mục nào; chuyển vào đúng mục rồi xóa mục này.`,
    });
  }

  const slug =
    folderName(structure.title ?? input.fileName.replace(/\.docx$/i, '')) || 'sang-kien-moi';
  const ordered = Object.fromEntries(
    KEY_ORDER.filter((key) => key in data).map((key) => [key, data[key]]),
  );
  return { slug, data: ordered, body: parts.join('\n'), missing, notes };
}
