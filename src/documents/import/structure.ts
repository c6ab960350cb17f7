import type {
  Heading,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
  Table,
  TableCell,
} from 'mdast';
import { matchKey, normalizeLine, normalizeText } from '../../core/text.ts';
import { type BodySectionId, bodySections } from '../../schemas/vocabularies.ts';
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
  /** What was not recognised, in the order of the document, for the author to sort. */
  unsorted: RootContent[];
  /** Where every piece of the document went, in order: the import's report is made from it. */
  placements: Placement[];
}

/**
 * Where a piece of the document went: a field of the form (its text quoted in the
 * report, since a field keeps only the value), a body section, the section to sort,
 * or the printed frame of a form (national motto, pledge, signature), reported only.
 */
export type Place =
  | { kind: 'field'; field: FieldName }
  | { kind: 'heading'; id: BodySectionId }
  | { kind: 'section'; id: BodySectionId }
  | { kind: 'unsorted' }
  | { kind: 'form' };

export type FieldName =
  | 'title'
  | 'authors'
  | 'position'
  | 'unit'
  | 'firstApplied'
  | 'submitted'
  | 'summary'
  | 'fields'
  | 'areas'
  | 'keywords'
  | 'campaign'
  | 'participants';

export interface Placement {
  place: Place;
  /** The piece's text, one line; tables as "cell | cell / cell | cell". */
  text: string;
  node: RootContent['type'];
  images: number;
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

type AnyNode = Root | RootContent | Table['children'][number] | TableCell;

/**
 * A node's text as a reader sees it: a line break or a new paragraph inside a cell
 * separates words (mdast-util-to-string would join "thôn" and "cho" into "thôncho").
 */
export function plainText(node: AnyNode): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if (node.type === 'break') return ' ';
  if (node.type === 'image') return '';
  if (!('children' in node)) return '';
  const parts = (node.children as AnyNode[]).map(plainText);
  switch (node.type) {
    case 'table':
      return parts.join(' / ');
    case 'tableRow':
      return parts.join(' | ');
    case 'paragraph':
    case 'heading':
    case 'strong':
    case 'emphasis':
    case 'delete':
    case 'link':
      return parts.join('');
    default:
      return parts.join(' ');
  }
}

function countImages(node: AnyNode): number {
  if (node.type === 'image') return node.url ? 1 : 0;
  if (!('children' in node)) return 0;
  return (node.children as AnyNode[]).reduce((sum, child) => sum + countImages(child), 0);
}

const HAS_WORDS = /[\p{L}\p{N}]/u;

/** The text of a one-item list, which is how Word's automatic numbering ("1. Thực trạng") arrives. */
function blockText(node: RootContent): string {
  return plainText(node);
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
  const line = stripNumbering(text);
  const colon = line.indexOf(':');
  const head = matchKey(colon >= 0 ? line.slice(0, colon) : line);
  const rest = colon >= 0 ? line.slice(colon + 1).trim() : '';
  // "V. TÍNH MỚI: …" may carry the whole section on its line, however long; without a
  // colon, a long line is a sentence that happens to start with a heading's words.
  if (!rest && text.length > 160) return undefined;
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
  const cells = head.children.map((cell) => matchKey(plainText(cell)));
  const name = headerIndex(cells, [/^ho (?:va )?ten\b/, /^tac gia$/]);
  if (name < 0) return undefined;
  const position = headerIndex(cells, [/chuc (?:vu|danh)/]);
  const unit = headerIndex(cells, [/noi cong tac/, /don vi/, /co quan/]);
  const share = headerIndex(cells, [/ty le/, /dong gop/, /%/]);
  const cellText = (row: (typeof rows)[number], index: number) =>
    index >= 0 && row.children[index] ? normalizeLine(plainText(row.children[index])) : '';
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
  if (node.type !== 'paragraph') return undefined;
  const text = normalizeLine(plainText(node));
  return DATE_LINE.test(text) ? text : undefined;
}

const MOTTO = /^cong hoa xa hoi chu nghia viet nam$/;

/** Blocks of a cell, in order: loose inline content becomes a paragraph of its own. */
function cellBlocks(cell: TableCell): RootContent[] {
  const blocks: RootContent[] = [];
  let loose: PhrasingContent[] = [];
  const flush = () => {
    if (loose.length) blocks.push({ type: 'paragraph', children: loose });
    loose = [];
  };
  for (const child of cell.children as (PhrasingContent | RootContent)[]) {
    if (['paragraph', 'heading', 'list', 'table', 'blockquote', 'code'].includes(child.type)) {
      flush();
      blocks.push(child as RootContent);
    } else loose.push(child as PhrasingContent);
  }
  flush();
  return blocks;
}

/**
 * A table used to lay out a page (the header beside the motto, labels in two columns, a
 * signature block), not to hold data: one row or one column, or a cell holding more than
 * one paragraph or anything but a paragraph. A table of people ("Họ và tên") is data.
 */
export function isLayoutTable(table: Table): boolean {
  if (authorsFromTable(table)) return false;
  const width = Math.max(0, ...table.children.map((row) => row.children.length));
  if (table.children.length < 2 || width < 2) return true;
  return table.children.some((row) =>
    row.children.some((cell) => {
      const blocks = cellBlocks(cell);
      return blocks.length > 1 || blocks.some((block) => block.type !== 'paragraph');
    }),
  );
}

/**
 * Layout tables read as text: their cells' paragraphs, row by row, take the place of the
 * table, so a label written in a cell ("Tác giả: …") is read like any other line. A layout
 * table holding the national motto is the document's header; its pieces are marked.
 */
function readLayoutTables(nodes: RootContent[], header: WeakSet<RootContent>): RootContent[] {
  return nodes.flatMap((node) => {
    if (node.type !== 'table' || !isLayoutTable(node)) return [node];
    const blocks = readLayoutTables(
      node.children.flatMap((row) => row.children.flatMap(cellBlocks)),
      header,
    );
    if (blocks.some((block) => MOTTO.test(matchKey(plainText(block)))))
      for (const block of blocks) header.add(block);
    return blocks;
  });
}

/**
 * How the heading that opened a section looks: a Word heading level, or the numbering of
 * a bold line ("1.", "II.", "a)"). Another heading that looks the same but is not
 * recognised opens a section of the author's own, which is kept to sort.
 */
interface Opening {
  depth?: number;
  numbering?: string;
}

function numberingOf(text: string): string | undefined {
  const match = /^(?:(?:phần|mục|chương)\s+)?(\d+(?:\.\d+)*|[IVXLC]+|[a-zđ])\s*[.):–-]\s+/iu.exec(
    text,
  );
  const mark = match?.[1];
  if (!mark) return undefined;
  if (/^\d/.test(mark)) return `arabic-${mark.split('.').length}`;
  return /^[IVXLC]+$/.test(mark) ? 'roman' : 'letter';
}

function openingOf(node: RootContent, text: string): Opening {
  if (node.type === 'heading') return { depth: node.depth };
  return { numbering: numberingOf(text) };
}

function opensOtherSection(node: RootContent, text: string, opening: Opening): boolean {
  if (opening.depth !== undefined) return node.type === 'heading' && node.depth <= opening.depth;
  if (!opening.numbering || !isHeadingLike(node) || text.length > 160) return false;
  return numberingOf(text) === opening.numbering;
}

type Zone =
  | { kind: 'front' }
  | { kind: 'section'; id: BodySectionId; opening: Opening }
  /** A section of the author's own, under a heading like those of the recognised ones. */
  | { kind: 'own'; opening: Opening }
  | { kind: 'nature'; buffer: RootContent[] }
  | { kind: 'authors' }
  | { kind: 'participants' }
  | { kind: 'confidential' }
  /** After the pledge, the "Nơi nhận" or the place-and-date line: signatures and closing words. */
  | { kind: 'signature' }
  /** "PHỤ LỤC" after the signature: the author's own material, to sort. */
  | { kind: 'appendix' };

/** A person's name as signed: two to six capitalised words ("Nguyễn Thị Lan"). */
const SIGNED_NAME = /^\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}*){1,5}$/u;
const APPENDIX = /^phu luc\b/;
/** Signature blocks hold short lines; anything longer is text of the author's. */
const SIGNATURE_LINE = 100;

const SCALAR_TARGETS: Partial<Record<LabelTarget, FieldName>> = {
  title: 'title',
  position: 'position',
  unit: 'unit',
  investor: 'unit',
  firstApplied: 'firstApplied',
  submitted: 'submitted',
  summary: 'summary',
  fields: 'fields',
  areas: 'areas',
  keywords: 'keywords',
  campaign: 'campaign',
};

const STRUCTURE_KEYS: Partial<Record<LabelTarget, keyof Structure>> = {
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

/** Labels that keep their meaning inside a body section (the form's own, and letters' closing). */
const LABELS_IN_SECTIONS: LabelTarget[] = [
  'investor',
  'nature',
  'conditions',
  'benefitsAuthor',
  'benefitsAdopters',
  'participants',
  'confidential',
  'pledge',
  'closing',
];

/** "Không", "Không có.": an empty answer to a question of the form. */
const NOTHING = /^khong(?: co)?(?: gi)?$/;

/**
 * Walks the converted document once, filling fields from labels and body sections from
 * headings. Nothing is dropped: what is not recognised goes to `unsorted`, and only the
 * printed frame of a form (motto, form title, pledge, signatures, dotted lines) is left
 * out, each piece listed in `placements`.
 */
export function readStructure(tree: Root): Structure {
  const result: Structure = {
    authors: [],
    participants: [],
    sections: new Map(),
    unsorted: [],
    placements: [],
  };
  const header = new WeakSet<RootContent>();
  const nodes = readLayoutTables(tree.children, header);
  let zone: Zone = { kind: 'front' };
  let titleCandidate: { text: string; node: RootContent } | undefined;
  let pending: (keyof Structure & string) | undefined;
  let pendingField: FieldName | undefined;
  const signedNames: { text: string; index: number }[] = [];

  const place = (node: RootContent, where: Place) =>
    result.placements.push({
      place: where,
      text: normalizeLine(plainText(node)),
      node: node.type,
      images: countImages(node),
    });
  const append = (id: BodySectionId, items: RootContent[]) => {
    const list = result.sections.get(id) ?? [];
    list.push(...items);
    result.sections.set(id, list);
    for (const item of items) place(item, { kind: 'section', id });
  };
  const unsorted = (node: RootContent) => {
    result.unsorted.push(node);
    place(node, { kind: 'unsorted' });
  };
  const leaveNature = () => {
    // "Mô tả bản chất" without sub-headings is the solution itself.
    if (zone.kind === 'nature' && zone.buffer.length) append('solution', zone.buffer);
  };

  for (const node of nodes) {
    const text = normalizeLine(plainText(node));
    const images = countImages(node);
    if (node.type === 'thematicBreak') continue;
    // Dotted lines to fill in by hand, empty cells: no word to keep.
    if (!HAS_WORDS.test(text) && images === 0) continue;
    // "Tánh Linh, ngày 29 tháng 7 năm 2024" above the signature: the day the form was signed and sent.
    const dated = dateLineOf(node);
    if (dated) {
      result.submittedText ??= dated;
      place(node, { kind: 'field', field: 'submitted' });
      if (zone.kind !== 'front' && zone.kind !== 'authors') {
        leaveNature();
        zone = { kind: 'signature' };
      }
      continue;
    }

    const section = matchSection(node);
    if (section) {
      if (zone.kind === 'nature' && zone.buffer.length && !result.summary) {
        // The summary is text: a picture or a table under "Mô tả bản chất" is left to sort.
        const [prose, other] = [
          zone.buffer.filter((item) => item.type === 'paragraph' && !countImages(item)),
          zone.buffer.filter((item) => item.type !== 'paragraph' || countImages(item)),
        ];
        result.summary = prose.map((item) => normalizeLine(plainText(item))).join(' ');
        for (const item of prose) place(item, { kind: 'field', field: 'summary' });
        for (const item of other) unsorted(item);
      } else leaveNature();
      zone = { kind: 'section', id: section.id, opening: openingOf(node, text) };
      if (!result.sections.has(section.id)) result.sections.set(section.id, []);
      place(node, { kind: 'heading', id: section.id });
      if (section.rest) append(section.id, [textParagraph(section.rest)]);
      continue;
    }

    if (pending && pendingField && zone.kind === 'front' && node.type === 'paragraph' && text) {
      (result as unknown as Record<string, string>)[pending] = text;
      place(node, { kind: 'field', field: pendingField });
      pending = undefined;
      continue;
    }
    pending = undefined;

    const label = node.type === 'table' ? undefined : matchLabel(text);
    const labelAllowed =
      label &&
      ((zone.kind !== 'section' && zone.kind !== 'own') ||
        LABELS_IN_SECTIONS.includes(label.target));
    if (label && labelAllowed) {
      leaveNature();
      let where: Place = { kind: 'form' };
      switch (label.target) {
        case 'authors': {
          zone = { kind: 'authors' };
          if (label.value) {
            for (const part of label.value.split(/\s*;\s*(?=\S)/)) {
              const author = authorFromLine(part);
              if (author) result.authors.push(author);
            }
            where = { kind: 'field', field: 'authors' };
          }
          break;
        }
        case 'nature':
          zone = { kind: 'nature', buffer: label.value ? [textParagraph(label.value)] : [] };
          break;
        case 'conditions':
          zone = { kind: 'section', id: 'applicability', opening: {} };
          if (label.value) append('applicability', [textParagraph(label.value)]);
          break;
        case 'benefitsAuthor':
        case 'benefitsAdopters':
          // The trial users' assessment is a benefit like the author's: both belong to the effect.
          zone = { kind: 'section', id: 'effect', opening: {} };
          if (label.value) append('effect', [textParagraph(label.value)]);
          break;
        case 'participants':
          zone = { kind: 'participants' };
          break;
        case 'confidential':
          zone = { kind: 'confidential' };
          if (label.value && !NOTHING.test(matchKey(label.value).replace(/\s.*$/, '')))
            where = { kind: 'unsorted' };
          break;
        case 'pledge':
        case 'closing':
          zone = { kind: 'signature' };
          break;
        default: {
          const key = STRUCTURE_KEYS[label.target];
          const field = SCALAR_TARGETS[label.target];
          if (key && label.value && result[key] === undefined)
            (result as unknown as Record<string, string>)[key] = label.value;
          if (field && label.value) where = { kind: 'field', field };
          // "TÊN SÁNG KIẾN:" alone on its line: the value is the next paragraph.
          pending = key && !label.value && result[key] === undefined ? key : undefined;
          pendingField = pending ? field : undefined;
          if (zone.kind === 'authors') zone = { kind: 'front' };
        }
      }
      if (where.kind === 'unsorted') unsorted(node);
      else place(node, where);
      continue;
    }

    if (node.type === 'table' && (zone.kind === 'front' || zone.kind === 'authors')) {
      const authors = authorsFromTable(node);
      if (authors) {
        result.authors.push(...authors);
        place(node, { kind: 'field', field: 'authors' });
        continue;
      }
    }

    if (node.type === 'table' && zone.kind === 'participants') {
      const people = authorsFromTable(node);
      if (people) {
        result.participants.push(...people);
        place(node, { kind: 'field', field: 'participants' });
        continue;
      }
    }

    if (
      (zone.kind === 'section' || zone.kind === 'own') &&
      opensOtherSection(node, text, zone.opening)
    )
      zone = { kind: 'own', opening: zone.opening };

    switch (zone.kind) {
      case 'own':
        unsorted(node);
        break;
      case 'section':
        append(zone.id, [node]);
        break;
      case 'nature':
        zone.buffer.push(node);
        break;
      case 'authors': {
        const lines =
          node.type === 'list'
            ? node.children.map((item) => normalizeLine(plainText(item)))
            : node.type === 'paragraph'
              ? [text]
              : [];
        const authors = lines.map(authorFromLine).filter((author) => author !== undefined);
        if (authors.length && images === 0) {
          result.authors.push(...authors);
          place(node, { kind: 'field', field: 'authors' });
        } else unsorted(node);
        break;
      }
      case 'front':
        if ((header.has(node) || isGeneric(text)) && images === 0) place(node, { kind: 'form' });
        else if (
          !titleCandidate &&
          !result.title &&
          isHeadingLike(node) &&
          text.length >= 10 &&
          images === 0
        ) {
          titleCandidate = { text, node };
          place(node, { kind: 'field', field: 'title' });
        } else unsorted(node);
        break;
      case 'participants':
        if (NOTHING.test(matchKey(text))) place(node, { kind: 'form' });
        else unsorted(node);
        break;
      case 'confidential':
        if (NOTHING.test(matchKey(text).replace(/\s.*$/, '')) && text.length < 120)
          place(node, { kind: 'form' });
        else unsorted(node);
        break;
      case 'signature':
        if (APPENDIX.test(matchKey(text))) {
          zone = { kind: 'appendix' };
          unsorted(node);
        } else if (images === 0 && node.type === 'paragraph' && text.length <= SIGNATURE_LINE) {
          place(node, { kind: 'form' });
          if (SIGNED_NAME.test(text))
            signedNames.push({ text, index: result.placements.length - 1 });
        } else unsorted(node);
        break;
      case 'appendix':
        unsorted(node);
        break;
    }
  }
  leaveNature();
  if (result.title && titleCandidate) {
    // A "Tên sáng kiến:" line came after: the heading taken for the title is the author's to sort.
    const candidate = titleCandidate.node;
    const placement = result.placements.find((item) => item.text === titleCandidate?.text);
    if (placement) placement.place = { kind: 'unsorted' };
    result.unsorted.unshift(candidate);
  }
  result.title ??= titleCandidate?.text;
  // No author anywhere but a name under the signature: that person signed as the author.
  if (!result.authors.length && signedNames.length) {
    for (const signed of signedNames) {
      result.authors.push({ name: signed.text });
      const placement = result.placements[signed.index];
      if (placement) placement.place = { kind: 'field', field: 'authors' };
    }
  }
  if (result.title) result.title = normalizeLine(result.title.replace(/[.;]+$/, ''));
  if (result.summary) result.summary = normalizeText(result.summary);
  return result;
}

export function isSectionHeading(node: RootContent): node is Heading {
  return node.type === 'heading';
}
