import PDFDocument from 'pdfkit';
import { findSansFonts, findSerifFonts } from './fonts.ts';
import {
  type Block,
  type Cell,
  type Columns,
  type Contents,
  type DocModel,
  type Face,
  keepsWithNext,
  MM_TO_PT,
  type Paragraph,
  type Picture,
  pictureSizeMm,
  type Run,
  SIGNING_SPACE,
  type Signatures,
  signerRows,
  type Table,
} from './model.ts';

type Doc = PDFKit.PDFDocument;

function fontOf(run: Pick<Run, 'bold' | 'italic'>, face: Face = 'serif'): string {
  if (run.bold && run.italic) return `${face}-bold-italic`;
  if (run.bold) return `${face}-bold`;
  if (run.italic) return `${face}-italic`;
  return face;
}

/*
 * State of the render under way: renderPdf lays the whole document out synchronously before
 * it returns, so two renders never interleave.
 */
/** The face a block is set in: its own, else the document's. */
let documentFace: Face = 'serif';

/** Pages (numbered from 1, as printed) of the anchors written so far. */
let anchorPages: Map<string, number> | undefined;

function currentPage(doc: Doc): number {
  const range = doc.bufferedPageRange();
  return range.start + range.count;
}

/** Writes a paragraph at (x, doc.y) within width; returns nothing, leaves doc.y below it. */
function writeParagraph(doc: Doc, block: Paragraph, size: number, x: number, width: number) {
  const fontSize = block.size ?? size;
  const face = block.face ?? documentFace;
  if (block.pageBreakBefore && doc.y > doc.page.margins.top + 1) doc.addPage();
  if (block.anchor) {
    anchorPages?.set(block.anchor, currentPage(doc));
    doc.addNamedDestination(block.anchor, 'XYZ', x, doc.page.height - doc.y, null);
  }
  doc.y += block.before ?? 0;
  const align = block.align ?? 'justify';
  const marker = block.list ? (block.list.ordered ? `${block.list.number}. ` : '– ') : '';
  let runs: Run[] = marker ? [{ text: marker }, ...block.runs] : block.runs;
  if (!runs.length) runs = [{ text: ' ' }];
  // pdfkit mis-places continued runs on centred or right-aligned lines: write them as one run.
  if (runs.length > 1 && (align === 'center' || align === 'right'))
    runs = [{ ...runs[0], text: runs.map((run) => run.text).join('') }];
  // A run starting with a space can lose it at a run boundary; keep spaces at the end instead.
  runs = runs.map((run, index) => {
    const next = runs[index + 1];
    return next?.text.startsWith(' ') ? { ...run, text: `${run.text} ` } : run;
  });
  runs = runs.map((run, index) =>
    index > 0 ? { ...run, text: run.text.replace(/^ +/, '') } : run,
  );
  const top = doc.y;
  doc.fillColor(block.color ?? 'black');
  runs.forEach((run, index) => {
    doc.font(fontOf(run, face)).fontSize(fontSize);
    const options: PDFKit.Mixins.TextOptions = {
      continued: index < runs.length - 1,
      align,
      lineGap: fontSize * 0.15,
    };
    if (index === 0) {
      options.width = width;
      if (block.indent || block.list) options.indent = 10 * MM_TO_PT;
      doc.text(run.text, x, doc.y, options);
    } else {
      doc.text(run.text, options);
    }
  });
  doc.fillColor('black');
  if (block.rule) {
    const text = block.runs.map((run) => run.text).join('');
    doc.font(fontOf(block.runs[0] ?? {}, face)).fontSize(fontSize);
    const textWidth = doc.widthOfString(text) * (block.rule === 'half' ? 0.4 : 1);
    const start = x + (width - textWidth) / 2;
    const y = Math.max(doc.y, top + fontSize * 1.2) + 1;
    doc
      .moveTo(start, y)
      .lineTo(start + textWidth, y)
      .lineWidth(0.6)
      .stroke();
    doc.y = y + 2;
  }
  doc.y += block.after ?? 6;
}

const CELL_PADDING = { vertical: 3, horizontal: 4 };

/**
 * Draws the table row by row so that a row never splits across pages and the
 * header rows are repeated at the top of every page, as Word does with
 * "repeat as header row".
 */
function writeTable(doc: Doc, block: Table, size: number, x: number, width: number) {
  const fontSize = block.size ?? size;
  const sum = block.widths.reduce((a, b) => a + b, 0);
  const columns = block.widths.map((w) => (w / sum) * width);
  const fill = block.headerFill;
  const heightOf = (row: Cell[], header: boolean) => {
    let column = 0;
    let height = 0;
    for (const cell of row) {
      const span = cell.colSpan ?? 1;
      const cellWidth = columns.slice(column, column + span).reduce((a, b) => a + b, 0);
      column += span;
      doc
        .font(fontOf({ bold: header || cell.bold, italic: cell.italic }, documentFace))
        .fontSize(fontSize);
      const text = doc.heightOfString(cell.text || ' ', {
        width: cellWidth - 2 * CELL_PADDING.horizontal,
      });
      height = Math.max(height, text + 2 * CELL_PADDING.vertical);
    }
    return height;
  };
  // Drawn by hand rather than with doc.table(): the same boxes, a hundred times faster, which a
  // booklet of hundreds of tables needs.
  const drawRow = (row: Cell[], header: boolean) => {
    const top = doc.y;
    const height = heightOf(row, header);
    let left = x;
    let column = 0;
    for (const cell of row) {
      const span = cell.colSpan ?? 1;
      const cellWidth = columns.slice(column, column + span).reduce((a, b) => a + b, 0);
      column += span;
      if (header && fill) doc.rect(left, top, cellWidth, height).fill(fill);
      doc.rect(left, top, cellWidth, height).lineWidth(0.6).strokeColor('black').stroke();
      const font = fontOf({ bold: header || cell.bold, italic: cell.italic }, documentFace);
      doc.font(font).fontSize(fontSize);
      const textWidth = cellWidth - 2 * CELL_PADDING.horizontal;
      const textHeight = doc.heightOfString(cell.text || ' ', { width: textWidth });
      doc
        .fillColor(header && fill ? 'white' : 'black')
        .text(cell.text, left + CELL_PADDING.horizontal, top + (height - textHeight) / 2, {
          width: textWidth,
          align: cell.align ?? (header ? 'center' : 'left'),
        });
      left += cellWidth;
    }
    doc.fillColor('black');
    doc.y = top + height;
  };
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const headerHeight = block.header.reduce((total, row) => total + heightOf(row, true), 0);
  const drawHeader = () => {
    for (const row of block.header) drawRow(row, true);
  };
  const firstRow = block.rows[0];
  if (doc.y + headerHeight + (firstRow ? heightOf(firstRow, false) : 0) > bottom()) {
    doc.addPage();
  }
  drawHeader();
  for (const row of block.rows) {
    const height = heightOf(row, false);
    if (doc.y + height > bottom() && height + headerHeight < bottom() - doc.page.margins.top) {
      doc.addPage();
      drawHeader();
    }
    drawRow(row, false);
  }
  doc.x = x;
  doc.y += 8;
}

function writeColumns(doc: Doc, block: Columns, size: number, x: number, width: number) {
  const sum = block.widths.reduce((a, b) => a + b, 0);
  const top = doc.y;
  let bottom = top;
  let left = x;
  block.columns.forEach((paragraphs, index) => {
    const columnWidth = ((block.widths[index] ?? 0) / sum) * width;
    doc.y = top;
    for (const item of paragraphs) writeParagraph(doc, item, size, left, columnWidth - 4);
    bottom = Math.max(bottom, doc.y);
    left += columnWidth;
  });
  doc.x = x;
  doc.y = bottom;
}

/** Height of a paragraph written at the given width, spacing included, without writing it. */
function paragraphHeight(doc: Doc, block: Paragraph, size: number, width: number): number {
  const fontSize = block.size ?? size;
  doc.font(fontOf(block.runs[0] ?? {}, block.face ?? documentFace)).fontSize(fontSize);
  const text = block.runs.map((run) => run.text).join('') || ' ';
  const height = doc.heightOfString(text, {
    width,
    lineGap: fontSize * 0.15,
    indent: block.indent || block.list ? 10 * MM_TO_PT : 0,
  });
  return (block.before ?? 0) + height + (block.rule ? 3 : 0) + (block.after ?? 6);
}

/** The signature block's layout: the heading's width and the signers' cells. */
function signatureLayout(block: Signatures, width: number) {
  const rows = signerRows(block.names);
  const perRow = rows[0]?.length ?? 1;
  if (block.names.length > 1)
    return { headingX: 0, headingWidth: width, rows, cellWidth: width / perRow, cellX: 0 };
  return {
    headingX: width * 0.4,
    headingWidth: width * 0.6,
    rows,
    cellWidth: width * 0.6,
    cellX: width * 0.4,
  };
}

function signaturesHeight(doc: Doc, block: Signatures, size: number, width: number): number {
  const layout = signatureLayout(block, width);
  const heading = block.heading.reduce(
    (total, item) => total + paragraphHeight(doc, item, size, layout.headingWidth - 4),
    0,
  );
  const name = paragraphHeight(
    doc,
    { kind: 'paragraph', runs: [{ text: 'X', bold: true }] },
    size,
    100,
  );
  return heading + Math.max(layout.rows.length, 1) * (SIGNING_SPACE + name);
}

/** Place and date, title, hint, then a signing space and a name for each signer, on one page. */
function writeSignatures(doc: Doc, block: Signatures, size: number, x: number, width: number) {
  const layout = signatureLayout(block, width);
  const height = signaturesHeight(doc, block, size, width);
  const bottom = doc.page.height - doc.page.margins.bottom;
  if (doc.y + height > bottom) doc.addPage();
  for (const item of block.heading)
    writeParagraph(doc, item, size, x + layout.headingX, layout.headingWidth - 4);
  if (!layout.rows.length) doc.y += SIGNING_SPACE;
  for (const names of layout.rows) {
    const top = doc.y + SIGNING_SPACE;
    let below = top;
    names.forEach((name, index) => {
      doc.y = top;
      writeParagraph(
        doc,
        { kind: 'paragraph', runs: [{ text: name || ' ', bold: true }], align: 'center' },
        size,
        x + layout.cellX + index * layout.cellWidth,
        layout.cellWidth - 4,
      );
      below = Math.max(below, doc.y);
    });
    doc.y = below;
  }
  doc.x = x;
}

/**
 * How much of a block must share the page with the paragraph kept with it: all of a
 * paragraph or of the signatures, the header and first row of a table, a picture.
 */
function leadingHeight(doc: Doc, block: Block, model: DocModel, width: number): number {
  switch (block.kind) {
    case 'paragraph':
      return paragraphHeight(doc, block, model.size, width);
    case 'signatures':
      return signaturesHeight(doc, block, model.size, width);
    case 'image': {
      const size = pictureSizeMm(block, width / MM_TO_PT);
      return size.height * MM_TO_PT + 9;
    }
    case 'contents':
      return 2 * model.size * 1.3;
    case 'table':
    case 'columns':
      // Two lines of the table's type: its header is repeated on the next page anyway.
      return 3 * (block.kind === 'table' ? (block.size ?? model.size) : model.size) * 1.3;
  }
}

function writePicture(doc: Doc, block: Picture, x: number, width: number) {
  const size = pictureSizeMm(block, width / MM_TO_PT);
  const w = size.width * MM_TO_PT;
  const h = size.height * MM_TO_PT;
  if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.image(block.data, x + (width - w) / 2, doc.y + 3, { width: w, height: h });
  doc.x = x;
  doc.y += h + 9;
}

/** Where each line of a table of contents goes, laid out now and written once pages are known. */
interface ContentsLine {
  page: number;
  y: number;
  x: number;
  width: number;
  entry: Contents['entries'][number];
}
let contentsLines: ContentsLine[] = [];

const CONTENTS_NUMBER_WIDTH = 28;

function contentsFont(level: 1 | 2) {
  return fontOf({ bold: level === 1 }, documentFace);
}

function reserveContents(doc: Doc, block: Contents, size: number, x: number, width: number) {
  const bottom = doc.page.height - doc.page.margins.bottom;
  for (const entry of block.entries) {
    const indent = entry.level === 2 ? 8 * MM_TO_PT : 0;
    const textWidth = width - indent - CONTENTS_NUMBER_WIDTH;
    doc.font(contentsFont(entry.level)).fontSize(size);
    const height = doc.heightOfString(entry.text, { width: textWidth, lineGap: size * 0.15 });
    if (doc.y + height > bottom) doc.addPage();
    contentsLines.push({
      page: currentPage(doc),
      y: doc.y,
      x: x + indent,
      width: textWidth,
      entry,
    });
    doc.y += height + (entry.level === 1 ? 4 : 2);
  }
  doc.x = x;
  doc.y += 6;
}

/** Writes the reserved lines, each with a dotted leader to its page number and a link. */
function fillContents(doc: Doc, size: number, right: number) {
  for (const line of contentsLines) {
    const page = anchorPages?.get(line.entry.anchor);
    doc.switchToPage(line.page - 1);
    doc.font(contentsFont(line.entry.level)).fontSize(size).fillColor('black');
    const options = { width: line.width, lineGap: size * 0.15, goTo: line.entry.anchor };
    doc.text(line.entry.text, line.x, line.y, options);
    const lastLineY = doc.y - doc.currentLineHeight(true);
    const number = page === undefined ? '' : String(page);
    const oneLine = doc.heightOfString(line.entry.text, options) < size * 1.6;
    if (oneLine) {
      const start = line.x + doc.widthOfString(line.entry.text) + 4;
      const end = right - CONTENTS_NUMBER_WIDTH + 2;
      if (end > start) {
        const baseline = lastLineY + size * 0.85;
        doc
          .moveTo(start, baseline)
          .lineTo(end, baseline)
          .dash(0.6, { space: 2.4 })
          .lineWidth(0.6)
          .stroke()
          .undash();
      }
    }
    doc.text(number, right - CONTENTS_NUMBER_WIDTH, lastLineY, {
      width: CONTENTS_NUMBER_WIDTH,
      align: 'right',
      lineBreak: false,
      goTo: line.entry.anchor,
    });
  }
}

function writeBlock(doc: Doc, block: Block, model: DocModel, x: number, width: number) {
  switch (block.kind) {
    case 'contents':
      return reserveContents(doc, block, model.size, x, width);
    case 'image':
      return writePicture(doc, block, x, width);
    case 'paragraph':
      return writeParagraph(doc, block, model.size, x, width);
    case 'table':
      return writeTable(doc, block, model.size, x, width);
    case 'columns':
      return writeColumns(doc, block, model.size, x, width);
    case 'signatures':
      return writeSignatures(doc, block, model.size, x, width);
  }
}

/**
 * Renders the model as a PDF with Liberation Serif embedded (Times New Roman metrics), and
 * Liberation Sans (Arial metrics) for a model set in the sans face. `pages`, when given,
 * receives the printed page number of every anchor.
 */
export function renderPdf(model: DocModel, pages?: Map<string, number>): Promise<Buffer> {
  const fonts = findSerifFonts();
  const usesSans =
    model.face === 'sans' ||
    model.blocks.some((block) => block.kind === 'paragraph' && block.face === 'sans');
  const sans = usesSans ? findSansFonts() : undefined;
  documentFace = model.face ?? 'serif';
  anchorPages = pages ?? new Map();
  contentsLines = [];
  const margins = {
    top: model.margins.top * MM_TO_PT,
    bottom: model.margins.bottom * MM_TO_PT,
    left: model.margins.left * MM_TO_PT,
    right: model.margins.right * MM_TO_PT,
  };
  const doc = new PDFDocument({
    size: 'A4',
    layout: model.orientation,
    margins,
    info: { Title: model.title, Creator: 'Kho sáng kiến CCHC' },
    lang: 'vi-VN',
    bufferPages: true,
    displayTitle: true,
  });
  doc.registerFont('serif', fonts.regular);
  doc.registerFont('serif-bold', fonts.bold);
  doc.registerFont('serif-italic', fonts.italic);
  doc.registerFont('serif-bold-italic', fonts.boldItalic);
  if (sans) {
    doc.registerFont('sans', sans.regular);
    doc.registerFont('sans-bold', sans.bold);
    doc.registerFont('sans-italic', sans.italic);
    doc.registerFont('sans-bold-italic', sans.boldItalic);
  }
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - margins.left - margins.right;
  const bottom = doc.page.height - margins.bottom;
  const room = bottom - margins.top;
  model.blocks.forEach((block, index) => {
    // A heading, a label or the pledge starts a page rather than end one without what follows.
    if (keepsWithNext(block) && !keepsWithNext(model.blocks[index - 1] ?? block)) {
      let needed = 0;
      let next = index;
      while (next < model.blocks.length && keepsWithNext(model.blocks[next] as Block)) {
        needed += leadingHeight(doc, model.blocks[next] as Block, model, width);
        next += 1;
      }
      const following = model.blocks[next];
      if (following) needed += leadingHeight(doc, following, model, width);
      if (doc.y + needed > bottom && needed < room) doc.addPage();
    }
    writeBlock(doc, block, model, margins.left, width);
  });
  fillContents(doc, model.size, margins.left + width);
  // Nghị định 30/2020: page numbers centred at the top, from the second page.
  const range = doc.bufferedPageRange();
  for (let index = range.start + 1; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    doc
      .font(documentFace)
      .fontSize(model.size)
      .text(String(index + 1), 0, margins.top / 2 - model.size / 2, {
        width: doc.page.width,
        align: 'center',
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}
