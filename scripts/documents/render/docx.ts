import {
  AlignmentType,
  BorderStyle,
  Document,
  Paragraph as DocxParagraph,
  Table as DocxTable,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  PageOrientation,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { measureText } from './measure.ts';
import {
  A4,
  type Align,
  type Block,
  type Cell,
  type Columns,
  type DocModel,
  FONT_NAME,
  type Paragraph,
  type Picture,
  pictureSizeMm,
  type Table,
  textWidthMm,
} from './model.ts';

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

const halfPoints = (points: number) => Math.round(points * 2);
// docx's own converter truncates (A4 would become 11905 × 16837 and 20 mm 19.98 mm).
const mmToTwips = (mm: number) => Math.round((mm * 1440) / 25.4);
const twips = (points: number) => Math.round(points * 20);

function paragraphOf(block: Paragraph, size: number, widthMm: number): DocxParagraph {
  const fontSize = block.size ?? size;
  let indent: { firstLine?: number; left?: number; right?: number } | undefined;
  if (block.indent) indent = { firstLine: mmToTwips(10) };
  if (block.rule) {
    // The rule is the paragraph's bottom border, narrowed to the text by equal side indents.
    const text = block.runs.map((run) => run.text).join('');
    const textMm =
      (measureText(text, fontSize, block.runs[0]?.bold ?? false) / (72 / 25.4)) *
      (block.rule === 'half' ? 0.4 : 1);
    const side = Math.max(0, (widthMm - textMm) / 2 - 1);
    indent = { left: mmToTwips(side), right: mmToTwips(side) };
  }
  return new DocxParagraph({
    children: block.runs.map(
      (run) =>
        new TextRun({
          text: run.text,
          bold: run.bold,
          italics: run.italic,
          size: halfPoints(fontSize),
          font: FONT_NAME,
        }),
    ),
    alignment: ALIGN[block.align ?? 'justify'],
    heading:
      block.heading === 2
        ? HeadingLevel.HEADING_2
        : block.heading === 3
          ? HeadingLevel.HEADING_3
          : undefined,
    numbering: block.list
      ? {
          reference: block.list.ordered ? 'ordered' : 'bullet',
          level: 0,
          instance: block.list.group,
        }
      : undefined,
    indent,
    spacing: { before: twips(block.before ?? 0), after: twips(block.after ?? 6), line: 276 },
    border: block.rule
      ? { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } }
      : undefined,
    keepNext: block.heading !== undefined,
  });
}

function cellParagraph(cell: Cell, size: number, align: Align): DocxParagraph {
  return new DocxParagraph({
    // A line break inside a cell (several authors) stays a line break in Word.
    children: cell.text.split('\n').map(
      (line, index) =>
        new TextRun({
          text: line,
          bold: cell.bold,
          italics: cell.italic,
          size: halfPoints(size),
          font: FONT_NAME,
          break: index > 0 ? 1 : undefined,
        }),
    ),
    alignment: ALIGN[cell.align ?? align],
    spacing: { before: 40, after: 40 },
  });
}

function columnWidths(relative: number[], totalMm: number): number[] {
  const sum = relative.reduce((a, b) => a + b, 0);
  return relative.map((width) => mmToTwips((width / sum) * totalMm));
}

function tableOf(block: Table, size: number, widthMm: number): DocxTable {
  const fontSize = block.size ?? size;
  const widths = columnWidths(block.widths, widthMm);
  const rowOf = (cells: Cell[], header: boolean) => {
    let column = 0;
    return new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map((cell) => {
        const span = cell.colSpan ?? 1;
        const width = widths.slice(column, column + span).reduce((a, b) => a + b, 0);
        column += span;
        return new TableCell({
          columnSpan: span > 1 ? span : undefined,
          width: { size: width, type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
          children: [
            cellParagraph(
              header ? { ...cell, bold: true } : cell,
              fontSize,
              header ? 'center' : 'left',
            ),
          ],
        });
      }),
    });
  };
  return new DocxTable({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      ...block.header.map((row) => rowOf(row, true)),
      ...block.rows.map((row) => rowOf(row, false)),
    ],
  });
}

function columnsOf(block: Columns, size: number, widthMm: number): DocxTable {
  const widths = columnWidths(block.widths, widthMm);
  const sum = block.widths.reduce((a, b) => a + b, 0);
  return new DocxTable({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: block.columns.map(
          (paragraphs, index) =>
            new TableCell({
              width: { size: widths[index] ?? 0, type: WidthType.DXA },
              children: paragraphs.length
                ? paragraphs.map((item) =>
                    paragraphOf(item, size, ((block.widths[index] ?? 0) / sum) * widthMm - 4),
                  )
                : [new DocxParagraph({})],
            }),
        ),
      }),
    ],
  });
}

function pictureOf(block: Picture, widthMm: number): DocxParagraph {
  const size = pictureSizeMm(block, widthMm);
  const px = (mm: number) => Math.round((mm / 25.4) * 96);
  return new DocxParagraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 60, after: 120 },
    children: [
      new ImageRun({
        type: block.type,
        data: block.data,
        transformation: { width: px(size.width), height: px(size.height) },
        altText: { name: block.alt, description: block.alt, title: block.alt },
      }),
    ],
  });
}

function blockOf(block: Block, model: DocModel, widthMm: number): DocxParagraph | DocxTable {
  switch (block.kind) {
    case 'image':
      return pictureOf(block, widthMm);
    case 'paragraph':
      return paragraphOf(block, model.size, widthMm);
    case 'table':
      return tableOf(block, model.size, widthMm);
    case 'columns':
      return columnsOf(block, model.size, widthMm);
  }
}

/** Renders the model as a .docx file naming Times New Roman, A4 with the decree's margins. */
export async function renderDocx(model: DocModel): Promise<Buffer> {
  const widthMm = textWidthMm(model);
  const heading = (size: number) => ({
    run: { font: FONT_NAME, size: halfPoints(size), bold: true, color: '000000' },
    paragraph: { spacing: { before: 120, after: 60 } },
  });
  const document = new Document({
    creator: 'Kho sáng kiến CCHC',
    title: model.title,
    styles: {
      default: {
        document: { run: { font: FONT_NAME, size: halfPoints(model.size) } },
        heading2: heading(model.size),
        heading3: { ...heading(model.size), run: { ...heading(model.size).run, italics: true } },
      },
    },
    numbering: {
      config: [
        {
          reference: 'ordered',
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 720, hanging: 360 } } },
            },
          ],
        },
        {
          reference: 'bullet',
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '–',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 720, hanging: 360 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        // Nghị định 30/2020: page numbers centred at the top, from the second page.
        headers: {
          first: new Header({ children: [new DocxParagraph({})] }),
          default: new Header({
            children: [
              new DocxParagraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: [PageNumber.CURRENT],
                    font: FONT_NAME,
                    size: halfPoints(model.size),
                  }),
                ],
              }),
            ],
          }),
        },
        properties: {
          titlePage: true,
          page: {
            size: {
              width: mmToTwips(A4.width),
              height: mmToTwips(A4.height),
              orientation:
                model.orientation === 'landscape'
                  ? PageOrientation.LANDSCAPE
                  : PageOrientation.PORTRAIT,
            },
            margin: {
              top: mmToTwips(model.margins.top),
              bottom: mmToTwips(model.margins.bottom),
              left: mmToTwips(model.margins.left),
              right: mmToTwips(model.margins.right),
            },
          },
        },
        children: model.blocks.map((block) => blockOf(block, model, widthMm)),
      },
    ],
  });
  return Packer.toBuffer(document);
}
