/**
 * A small document model shared by the DOCX and PDF renderers, so that each
 * official document is written once and both outputs carry the same text.
 * Sizes are in points; page geometry in millimetres (Nghị định 30/2020/NĐ-CP).
 */

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** The site's sans-serif face (Arial metrics), for a booklet that looks like the site in print. */
export type Face = 'serif' | 'sans';

export interface Paragraph {
  kind: 'paragraph';
  runs: Run[];
  align?: Align;
  /** Font size in points; the document's size when absent. */
  size?: number;
  /** Indent the first line (body text of administrative documents). */
  indent?: boolean;
  /** Space before and after, in points. */
  before?: number;
  after?: number;
  /**
   * A solid rule under the text: as long as the text under "Độc lập - Tự do - Hạnh phúc",
   * a third to a half of it under the issuer's name (Nghị định 30/2020/NĐ-CP).
   */
  rule?: 'full' | 'half';
  /** Marks a heading (level 1 to 3) so that Word's outline and the importer see it; kept with what follows. */
  heading?: 1 | 2 | 3;
  /** Starts a new page (a chapter of a booklet). */
  pageBreakBefore?: boolean;
  /** A place the table of contents points to (a PDF destination, a Word bookmark). */
  anchor?: string;
  /** The document's face when absent. */
  face?: Face;
  /** Text colour, `#rrggbb`; black when absent. */
  color?: string;
  /** Printed on the same page as the block after it (a label, the pledge before the signatures). */
  keepNext?: boolean;
  /** A list item: bullets, or numbers restarting for each list (`group`). */
  list?: { ordered: boolean; number: number; group: number };
}

export interface Cell {
  text: string;
  bold?: boolean;
  italic?: boolean;
  align?: Align;
  colSpan?: number;
}

export interface Table {
  kind: 'table';
  /** Relative column widths. */
  widths: number[];
  header: Cell[][];
  rows: Cell[][];
  size?: number;
  /** Background of the header rows, `#rrggbb` (its text then white); none when absent. */
  headerFill?: string;
}

/** Side-by-side blocks without borders: the header (issuer | motto) and the signature block. */
export interface Columns {
  kind: 'columns';
  widths: number[];
  columns: Paragraph[][];
}

/** A picture from the entry's folder, centred, scaled to fit the text width. */
export interface Picture {
  kind: 'image';
  data: Buffer;
  type: 'png' | 'jpg';
  /** Size in pixels, for the aspect ratio. */
  width: number;
  height: number;
  alt: string;
  /** Printed width in millimetres (a chart, a QR code), within the text width; 96 dpi when absent. */
  widthMm?: number;
}

/**
 * A table of contents: each entry's page is known only once the document is laid out, so
 * the PDF fills the numbers in at the end and Word computes them from bookmarks.
 */
export interface Contents {
  kind: 'contents';
  entries: { text: string; anchor: string; level: 1 | 2 }[];
}

/**
 * Where the signers sign: place and date, title, hint, then a signing space above each name,
 * side by side for a group. Never split across pages.
 */
export interface Signatures {
  kind: 'signatures';
  heading: Paragraph[];
  names: string[];
}

/** Signers side by side on one line of the signature block, at most. */
export const SIGNERS_PER_ROW = 3;
/** The blank space above a name, in points. */
export const SIGNING_SPACE = 54;

export type Block = Paragraph | Table | Columns | Picture | Signatures | Contents;

/** Whether a paragraph holds on to the block after it. */
export function keepsWithNext(block: Block): boolean {
  return block.kind === 'paragraph' && (block.heading !== undefined || block.keepNext === true);
}

/** The signers in rows of at most SIGNERS_PER_ROW, an empty string filling the last row. */
export function signerRows(names: string[]): string[][] {
  const perRow = Math.min(Math.max(names.length, 1), SIGNERS_PER_ROW);
  const rows: string[][] = [];
  for (let start = 0; start < names.length; start += perRow) {
    const row = names.slice(start, start + perRow);
    while (row.length < perRow) row.push('');
    rows.push(row);
  }
  return rows;
}

/** Largest printed picture, in millimetres. */
export const PICTURE_MAX = { width: 150, height: 120 } as const;

export function pictureSizeMm(
  picture: Pick<Picture, 'width' | 'height' | 'widthMm'>,
  textWidth: number,
) {
  if (picture.widthMm) {
    const width = Math.min(picture.widthMm, textWidth);
    return { width, height: (picture.height / picture.width) * width };
  }
  const scale = Math.min(
    Math.min(PICTURE_MAX.width, textWidth) / picture.width,
    PICTURE_MAX.height / picture.height,
    // A small image is not blown up beyond 96 dpi.
    25.4 / 96,
  );
  return { width: picture.width * scale, height: picture.height * scale };
}

export interface Margins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface DocModel {
  /** Document title for the file's properties. */
  title: string;
  orientation: 'portrait' | 'landscape';
  margins: Margins;
  /** Body font size in points. */
  size: number;
  /** The face of text that names none; serif (Times New Roman) when absent. */
  face?: Face;
  blocks: Block[];
}

/** The font named in every document; PDF output uses a metric-compatible substitute. */
export const FONT_NAME = 'Times New Roman';
/** The sans-serif font named for the `sans` face; PDF output embeds Liberation Sans (same metrics). */
export const SANS_FONT_NAME = 'Arial';

/** A4 in millimetres. */
export const A4 = { width: 210, height: 297 } as const;

/** Nghị định 30/2020/NĐ-CP, Phụ lục I: portrait margins, and landscape margins for attached lists. */
export const PORTRAIT_MARGINS: Margins = { top: 20, bottom: 20, left: 30, right: 15 };
export const LANDSCAPE_MARGINS: Margins = { top: 30, bottom: 20, left: 20, right: 20 };

export const MM_TO_PT = 72 / 25.4;

export function paragraph(text: string, options: Omit<Paragraph, 'kind' | 'runs'> = {}): Paragraph {
  return { kind: 'paragraph', runs: [{ text }], ...options };
}

export function bold(text: string, options: Omit<Paragraph, 'kind' | 'runs'> = {}): Paragraph {
  return { kind: 'paragraph', runs: [{ text, bold: true }], ...options };
}

/** Text width of the page, in millimetres. */
export function textWidthMm(model: Pick<DocModel, 'orientation' | 'margins'>): number {
  const width = model.orientation === 'portrait' ? A4.width : A4.height;
  return width - model.margins.left - model.margins.right;
}
