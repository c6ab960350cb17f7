import PDFDocument from 'pdfkit';
import { findSerifFonts, type SerifFonts } from './fonts.ts';
import {
  type Align,
  type Block,
  type Cell,
  type Columns,
  type DocModel,
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

/**
 * The fonts of the document being drawn, named by their files. pdfkit sets a table's font
 * back by file after every cell, and finds a font in its cache only under the key it was
 * first opened with: registered under another name, each cell parsed the font file again
 * (a 1,000-row list took minutes).
 */
let serif: SerifFonts | undefined;

function fontOf(run: Pick<Run, 'bold' | 'italic'>): string {
  serif ??= findSerifFonts();
  if (run.bold && run.italic) return serif.boldItalic;
  if (run.bold) return serif.bold;
  if (run.italic) return serif.italic;
  return serif.regular;
}

/** Writes a paragraph at (x, doc.y) within width; returns nothing, leaves doc.y below it. */
function writeParagraph(doc: Doc, block: Paragraph, size: number, x: number, width: number) {
  const fontSize = block.size ?? size;
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
  runs.forEach((run, index) => {
    doc.font(fontOf(run)).fontSize(fontSize);
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
  if (block.rule) {
    const text = block.runs.map((run) => run.text).join('');
    doc.font(fontOf(block.runs[0] ?? {})).fontSize(fontSize);
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
  const cellOf = (cell: Cell, header: boolean) => ({
    text: cell.text,
    colSpan: cell.colSpan,
    font: { src: fontOf({ bold: header || cell.bold, italic: cell.italic }), size: fontSize },
    align: { x: (cell.align ?? (header ? 'center' : 'left')) as Align, y: 'center' as const },
    padding: [CELL_PADDING.vertical, CELL_PADDING.horizontal],
  });
  const heightOf = (row: Cell[], header: boolean) => {
    let column = 0;
    let height = 0;
    for (const cell of row) {
      const span = cell.colSpan ?? 1;
      const cellWidth = columns.slice(column, column + span).reduce((a, b) => a + b, 0);
      column += span;
      doc.font(fontOf({ bold: header || cell.bold, italic: cell.italic })).fontSize(fontSize);
      const text = doc.heightOfString(cell.text || ' ', {
        width: cellWidth - 2 * CELL_PADDING.horizontal,
      });
      height = Math.max(height, text + 2 * CELL_PADDING.vertical);
    }
    return height;
  };
  const drawRow = (row: Cell[], header: boolean) => {
    doc.table({
      position: { x, y: doc.y },
      maxWidth: width,
      columnStyles: columns,
      defaultStyle: { border: 0.6, borderColor: 'black' },
      data: [row.map((cell) => cellOf(cell, header))],
    } as PDFKit.Mixins.TableOptionsWithData);
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
  doc.font(fontOf(block.runs[0] ?? {})).fontSize(fontSize);
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

function writeBlock(doc: Doc, block: Block, model: DocModel, x: number, width: number) {
  switch (block.kind) {
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

/** Renders the model as a PDF with Liberation Serif embedded (Times New Roman metrics). */
export function renderPdf(model: DocModel): Promise<Buffer> {
  const fonts = findSerifFonts();
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
  serif = fonts;
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
  // Nghị định 30/2020: page numbers centred at the top, from the second page.
  const range = doc.bufferedPageRange();
  for (let index = range.start + 1; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    doc
      .font(fontOf({}))
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
