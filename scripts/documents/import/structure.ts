import type { Heading, Paragraph, Root, RootContent, Table } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { matchKey, normalizeLine, normalizeText } from '../../../src/core/text.ts';
import { type BodySectionId, bodySections } from '../../../src/schemas/vocabularies.ts';
import { type LabelTarget, matchLabel, stripNumbering } from './labels.ts';

export interface RawAuthor {
  name: string;
  position?: string;
  unitText?: string;
  share?: number;
}

/** What was found in the document, still as text: matching to ids happens afterwards. */
export interface Structure {
  title?: string;
  /** People who took part in the first or trial application (the form's last table). */
  participants: RawAuthor[];
  summary?: string;
  authors: RawAuthor[];
  /** Position and unit given on their own lines, for a single author. */
  position?: string;
  unitText?: string;
  investorText?: string;
  firstAppliedText?: string;
  submittedText?: string;
  fieldsText?: string;
  areasText?: string;
  keywordsText?: string;
  campaignText?: string;
  sections: Map<BodySectionId, RootContent[]>;
}

const GENERIC_HEADINGS = [
  /^cong hoa xa hoi chu nghia viet nam$/,
  /^doc lap tu do hanh phuc$/,
  /^(?:don|bao cao|ban mo ta|phieu|thuyet minh|mau)\b.*\bsang kien\b.*$/,
  /^(?:sang kien|giai phap)(?: cai cach hanh chinh)?(?: nam \d{4})?$/,
  /^kinh gui\b/,
  /^(?:uy ban nhan dan|ubnd)\b/,
  /^so\b.*\/.*$/,
];

function isGeneric(text: string): boolean {
  const key = matchKey(text);
  return key.length === 0 || GENERIC_HEADINGS.some((pattern) => pattern.test(key));
}

const SECTION_KEYS = bodySections
  .flatMap((section) =>
    [section.heading, ...section.aliases].map((name) => ({ id: section.id, key: matchKey(name) })),
  )
  .sort((a, b) => b.key.length - a.key.length);

/** A paragraph that is bold from end to end: how many people mark a heading in Word. */
function isBoldParagraph(node: RootContent): node is Paragraph {
  if (node.type !== 'paragraph') return false;
  const meaningful = node.children.filter(
    (child) => !(child.type === 'text' && child.value.trim() === ''),
  );
  return meaningful.length > 0 && meaningful.every((child) => child.type === 'strong');
}

function isHeadingLike(node: RootContent): boolean {
  return node.type === 'heading' || isBoldParagraph(node);
}

/** The text of a one-item list, which is how Word's automatic numbering ("1. Thực trạng") arrives. */
function blockText(node: RootContent): string {
  if (node.type === 'list' && node.children.length === 1) return mdastToString(node);
  return mdastToString(node);
}

interface SectionStart {
  id: BodySectionId;
  /** Text after "Heading:" on the same line. */
  rest: string;
}

/** Recognises a section heading: the heading or an alias, numbered or not, diacritic-insensitive. */
export function matchSection(node: RootContent): SectionStart | undefined {
  if (!['heading', 'paragraph', 'list'].includes(node.type)) return undefined;
  if (node.type === 'list' && node.children.length !== 1) return undefined;
  const text = normalizeLine(blockText(node));
  if (text.length > 160) return undefined;
  const line = stripNumbering(text);
  const colon = line.indexOf(':');
  const head = matchKey(colon >= 0 ? line.slice(0, colon) : line);
  const rest = colon >= 0 ? line.slice(colon + 1).trim() : '';
  for (const { id, key } of SECTION_KEYS) {
    if (head === key) return { id, rest };
    // A formatted heading may say more: "Hiệu quả đạt được sau 6 tháng áp dụng".
    if (isHeadingLike(node) && !rest && head.startsWith(`${key} `) && head.length <= 120)
      return { id, rest: '' };
  }
  return undefined;
}

function textParagraph(text: string): Paragraph {
  return { type: 'paragraph', children: [{ type: 'text', value: text }] };
}

function headerIndex(cells: string[], patterns: RegExp[]): number {
  return cells.findIndex((cell) => patterns.some((pattern) => pattern.test(cell)));
}

export function parseShare(text: string): number | undefined {
  const match = /(\d+(?:[.,]\d+)?)\s*%/.exec(text) ?? /^\s*(\d+(?:[.,]\d+)?)\s*$/.exec(text);
  if (!match?.[1]) return undefined;
  const value = Number(match[1].replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

/** A table of authors: its header names "Họ và tên". Returns undefined for other tables. */
export function authorsFromTable(table: Table): RawAuthor[] | undefined {
  const [head, ...rows] = table.children;
  if (!head) return undefined;
  const cells = head.children.map((cell) => matchKey(mdastToString(cell)));
  const name = headerIndex(cells, [/^ho (?:va )?ten\b/, /^tac gia$/]);
  if (name < 0) return undefined;
  const position = headerIndex(cells, [/chuc (?:vu|danh)/]);
  const unit = headerIndex(cells, [/noi cong tac/, /don vi/, /co quan/]);
  const share = headerIndex(cells, [/ty le/, /dong gop/, /%/]);
  const cellText = (row: (typeof rows)[number], index: number) =>
    index >= 0 && row.children[index] ? normalizeLine(mdastToString(row.children[index])) : '';
  return rows
    .map((row) => ({
      name: cellText(row, name),
      position: cellText(row, position) || undefined,
      unitText: cellText(row, unit) || undefined,
      share: parseShare(cellText(row, share)),
    }))
    .filter((author) => author.name.length > 0);
}

/**
 * "Nguyễn Thị Lan, Công chức Tư pháp – Hộ tịch, UBND xã Đức Phú (40%)": name first,
 * then position and unit; fields split on ";" or ",", else on a spaced dash.
 */
export function authorFromLine(line: string): RawAuthor | undefined {
  const share = parseShare(line);
  const text = line
    .replace(/\(?\s*(?:tỷ lệ(?: đóng góp)?:?\s*)?\d+(?:[.,]\d+)?\s*%\s*\)?/giu, '')
    .replace(/[\s,;.–-]+$/u, '')
    .trim();
  const parts = (
    text.includes(';')
      ? text.split(';')
      : text.includes(',')
        ? text.split(',')
        : text.split(/\s[–—-]\s/)
  )
    .map((part) => part.trim())
    .filter(Boolean);
  const [name, ...rest] = parts;
  if (!name) return undefined;
  const author: RawAuthor = { name, share };
  if (rest.length === 1) author.unitText = rest[0];
  if (rest.length >= 2) {
    author.unitText = rest[rest.length - 1];
    author.position = rest.slice(0, -1).join(', ');
  }
  return author;
}

const DATE_LINE = /^[^,]{2,40},\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}\.?$/iu;

function dateLineOf(node: RootContent): string | undefined {
  if (node.type === 'paragraph') {
    const text = normalizeLine(mdastToString(node));
    return DATE_LINE.test(text) ? text : undefined;
  }
  if (node.type === 'table') {
    for (const row of node.children)
      for (const cell of row.children) {
        for (const child of cell.children) {
          const text = normalizeLine(mdastToString(child));
          if (DATE_LINE.test(text)) return text;
        }
        const whole = normalizeLine(mdastToString(cell));
        const match = /[^,]{2,40},\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}/iu.exec(whole);
        if (match) return match[0];
      }
  }
  return undefined;
}

type Zone =
  | { kind: 'front' }
  | { kind: 'section'; id: BodySectionId }
  | { kind: 'nature'; buffer: RootContent[] }
  | { kind: 'authors' }
  | { kind: 'participants' }
  | { kind: 'ignore' };

const SCALAR_TARGETS: Partial<Record<LabelTarget, keyof Structure>> = {
  title: 'title',
  position: 'position',
  unit: 'unitText',
  investor: 'investorText',
  firstApplied: 'firstAppliedText',
  submitted: 'submittedText',
  summary: 'summary',
  fields: 'fieldsText',
  areas: 'areasText',
  keywords: 'keywordsText',
  campaign: 'campaignText',
};

/** Walks the converted document once, filling fields from labels and body sections from headings. */
export function readStructure(tree: Root): Structure {
  const result: Structure = { authors: [], participants: [], sections: new Map() };
  let zone: Zone = { kind: 'front' };
  let titleCandidate: string | undefined;
  let pending: keyof Structure | undefined;

  const append = (id: BodySectionId, nodes: RootContent[]) => {
    const list = result.sections.get(id) ?? [];
    list.push(...nodes);
    result.sections.set(id, list);
  };
  const leaveNature = () => {
    // "Mô tả bản chất" without sub-headings is the solution itself.
    if (zone.kind === 'nature' && zone.buffer.length) append('solution', zone.buffer);
  };

  for (const node of tree.children) {
    const text = normalizeLine(mdastToString(node));
    if (node.type === 'thematicBreak') continue;
    // "Tánh Linh, ngày 29 tháng 7 năm 2024" above the signature: the day the form was signed and sent.
    const dated = dateLineOf(node);
    if (dated) {
      result.submittedText ??= dated;
      if (node.type !== 'table') continue;
    }

    const section = matchSection(node);
    if (section) {
      if (zone.kind === 'nature' && zone.buffer.length && !result.summary) {
        result.summary = zone.buffer.map((item) => normalizeLine(mdastToString(item))).join(' ');
      } else leaveNature();
      zone = { kind: 'section', id: section.id };
      if (!result.sections.has(section.id)) result.sections.set(section.id, []);
      if (section.rest) append(section.id, [textParagraph(section.rest)]);
      continue;
    }

    if (pending && zone.kind === 'front' && node.type === 'paragraph' && text) {
      (result as unknown as Record<string, string>)[pending] = text;
      pending = undefined;
      continue;
    }
    pending = undefined;

    const label = node.type === 'table' ? undefined : matchLabel(text);
    const labelAllowed =
      label &&
      (zone.kind !== 'section' ||
        ['investor', 'nature', 'conditions', 'benefitsAuthor', 'participants', 'ignore'].includes(
          label.target,
        ));
    if (label && labelAllowed) {
      leaveNature();
      switch (label.target) {
        case 'authors': {
          zone = { kind: 'authors' };
          if (label.value) {
            for (const part of label.value.split(/\s*;\s*(?=\S)/)) {
              const author = authorFromLine(part);
              if (author) result.authors.push(author);
            }
          }
          break;
        }
        case 'nature':
          zone = { kind: 'nature', buffer: label.value ? [textParagraph(label.value)] : [] };
          break;
        case 'conditions':
          zone = { kind: 'section', id: 'applicability' };
          if (label.value) append('applicability', [textParagraph(label.value)]);
          break;
        case 'benefitsAuthor':
          zone = { kind: 'section', id: 'effect' };
          if (label.value) append('effect', [textParagraph(label.value)]);
          break;
        case 'participants':
          zone = { kind: 'participants' };
          break;
        case 'ignore':
          zone = { kind: 'ignore' };
          break;
        default: {
          const key = SCALAR_TARGETS[label.target];
          if (key && label.value && result[key] === undefined)
            (result as unknown as Record<string, string>)[key] = label.value;
          // "TÊN SÁNG KIẾN:" alone on its line: the value is the next paragraph.
          pending = key && !label.value && result[key] === undefined ? key : undefined;
          if (zone.kind === 'authors') zone = { kind: 'front' };
        }
      }
      continue;
    }

    if (node.type === 'table' && (zone.kind === 'front' || zone.kind === 'authors')) {
      const authors = authorsFromTable(node);
      if (authors) {
        result.authors.push(...authors);
        continue;
      }
    }

    if (node.type === 'table' && zone.kind === 'participants') {
      result.participants.push(...(authorsFromTable(node) ?? []));
      continue;
    }

    switch (zone.kind) {
      case 'section':
        append(zone.id, [node]);
        break;
      case 'nature':
        zone.buffer.push(node);
        break;
      case 'authors':
        if (node.type === 'list') {
          for (const item of node.children) {
            const author = authorFromLine(normalizeLine(mdastToString(item)));
            if (author) result.authors.push(author);
          }
        } else if (node.type === 'paragraph' && text) {
          const author = authorFromLine(text);
          if (author) result.authors.push(author);
        }
        break;
      case 'front':
        if (!titleCandidate && isHeadingLike(node) && !isGeneric(text) && text.length >= 10)
          titleCandidate = text;
        break;
      case 'participants':
      case 'ignore':
        break;
    }
  }
  leaveNature();
  result.title ??= titleCandidate;
  if (result.title) result.title = normalizeLine(result.title.replace(/[.;]+$/, ''));
  if (result.summary) result.summary = normalizeText(result.summary);
  return result;
}

export function isSectionHeading(node: RootContent): node is Heading {
  return node.type === 'heading';
}
