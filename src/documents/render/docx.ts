import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  Paragraph as DocxParagraph,
  Table as DocxTable,
  Header,
  HeadingLevel,
  ImageRun,
  InternalHyperlink,
  LeaderType,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  PageReference,
  ShadingType,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
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
  type Contents,
  type DocModel,
  type Face,
  FONT_NAME,
  keepsWithNext,
  type Paragraph,
  type Picture,
  pictureSizeMm,
  SANS_FONT_NAME,
  SIGNING_SPACE,
  type Signatures,
  signerRows,
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
const fontName = (face: Face | undefined) => (face === 'sans' ? SANS_FONT_NAME : FONT_NAME);
const colour = (hex: string | undefined) => hex?.replace(/^#/, '');

/** The face of text that names none: set per render, as the PDF renderer does. */
let documentFace: Face = 'serif';

/**
 * A paragraph, and under it its rule if it has one. Headings and paragraphs marked `keepNext`
 * stay on the page of the block after them; `keep` does the same for every paragraph of a
 * block that must not be split (the signatures).
 */
function paragraphsOf(
  block: Paragraph,
  size: number,
  widthMm: number,
  keep = false,
): DocxParagraph[] {
  const fontSize = block.size ?? size;
  const keepNext = keep || keepsWithNext(block) || block.rule !== undefined;
  const runs = block.runs.map(
    (run) =>
      new TextRun({
        text: run.text,
        bold: run.bold,
        italics: run.italic,
        size: halfPoints(fontSize),
        font: fontName(block.face ?? documentFace),
        color: colour(block.color),
      }),
  );
  const text = new DocxParagraph({
    children: block.anchor ? [new Bookmark({ id: block.anchor, children: runs })] : runs,
    alignment: ALIGN[block.align ?? 'justify'],
    pageBreakBefore: block.pageBreakBefore,
    heading:
      block.heading === 1
        ? HeadingLevel.HEADING_1
        : block.heading === 2
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
    indent: block.indent ? { firstLine: mmToTwips(10) } : undefined,
    spacing: {
      before: twips(block.before ?? 0),
      after: block.rule ? 0 : twips(block.after ?? 6),
      line: 276,
    },
    keepNext,
    keepLines: keepNext,
  });
  if (!block.rule) return [text];
  // The rule is the bottom border of an empty, one-point paragraph under the text, narrowed by
  // equal side indents: indenting the text's own paragraph instead would wrap the text too.
  const ruleMm =
    (measureText(
      block.runs.map((run) => run.text).join(''),
      fontSize,
      block.runs[0]?.bold ?? false,
    ) /
      (72 / 25.4)) *
    (block.rule === 'half' ? 0.4 : 1);
  const side = Math.max(0, (widthMm - ruleMm) / 2);
  return [
    text,
    new DocxParagraph({
      children: [],
      indent: { left: mmToTwips(side), right: mmToTwips(side) },
      spacing: {
        before: 0,
        after: twips(block.after ?? 6),
        line: 20,
        lineRule: LineRuleType.EXACT,
      },
      border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
      keepNext: keep,
    }),
  ];
}

function cellParagraph(cell: Cell, size: number, align: Align, color?: string): DocxParagraph {
  return new DocxParagraph({
    // A line break inside a cell (several authors) stays a line break in Word.
    children: cell.text.split('\n').map(
      (line, index) =>
        new TextRun({
          text: line,
          bold: cell.bold,
          italics: cell.italic,
          size: halfPoints(size),
          font: fontName(documentFace),
          color,
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
        const fill = header ? colour(block.headerFill) : undefined;
        return new TableCell({
          columnSpan: span > 1 ? span : undefined,
          width: { size: width, type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
          shading: fill ? { type: ShadingType.CLEAR, fill, color: 'auto' } : undefined,
          children: [
            cellParagraph(
              header ? { ...cell, bold: true } : cell,
              fontSize,
              header ? 'center' : 'left',
              fill ? 'FFFFFF' : undefined,
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
        cantSplit: true,
        children: block.columns.map(
          (paragraphs, index) =>
            new TableCell({
              width: { size: widths[index] ?? 0, type: WidthType.DXA },
              children: paragraphs.length
                ? paragraphs.flatMap((item) =>
                    paragraphsOf(item, size, ((block.widths[index] ?? 0) / sum) * widthMm - 4),
                  )
                : [new DocxParagraph({})],
            }),
        ),
      }),
    ],
  });
}

/** Word's default cell margins, left and right together, in millimetres. */
const CELL_MARGINS_MM = 3.8;

/**
 * The signature block as a borderless table whose rows never split and whose paragraphs all
 * keep with the next: Word moves it to the next page whole rather than leave a name without
 * its title. One cell, with its own signing space, for each signer.
 */
function signaturesOf(block: Signatures, size: number, widthMm: number): DocxTable {
  const rows = signerRows(block.names);
  const perRow = rows[0]?.length ?? 1;
  const group = block.names.length > 1;
  const relative = group ? Array.from({ length: perRow }, () => 1) : [40, 60];
  const widths = columnWidths(relative, widthMm);
  const cellMm = (widthMm * (relative.at(-1) ?? 1)) / relative.reduce((a, b) => a + b, 0);
  const headingMm = group ? widthMm : cellMm;
  const signer = (name: string, keep: boolean): DocxParagraph[] => [
    new DocxParagraph({
      children: [],
      spacing: { before: 0, after: twips(SIGNING_SPACE) },
      keepNext: keep,
      keepLines: keep,
    }),
    ...(name
      ? paragraphsOf(
          { kind: 'paragraph', runs: [{ text: name, bold: true }], align: 'center', after: 6 },
          size,
          cellMm - CELL_MARGINS_MM,
          keep,
        )
      : []),
  ];
  const heading = block.heading.flatMap((item) =>
    paragraphsOf(item, size, headingMm - CELL_MARGINS_MM, true),
  );
  const cell = (children: DocxParagraph[], index: number, span = 1) =>
    new TableCell({
      width: {
        size: widths.slice(index, index + span).reduce((a, b) => a + b, 0),
        type: WidthType.DXA,
      },
      columnSpan: span > 1 ? span : undefined,
      children: children.length ? children : [new DocxParagraph({})],
    });
  const tableRows = group
    ? [
        new TableRow({ cantSplit: true, children: [cell(heading, 0, perRow)] }),
        ...rows.map(
          (names, row) =>
            new TableRow({
              cantSplit: true,
              children: names.map((name, index) =>
                cell(signer(name, row < rows.length - 1), index),
              ),
            }),
        ),
      ]
    : [
        new TableRow({
          cantSplit: true,
          children: [cell([], 0), cell([...heading, ...signer(block.names[0] ?? '', false)], 1)],
        }),
      ];
  return new DocxTable({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: tableRows,
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

/**
 * A line per entry linking to its bookmark, with a dotted leader to a page reference that
 * Word fills in when it updates the document's fields on opening.
 */
function contentsOf(block: Contents, size: number, widthMm: number): DocxParagraph[] {
  return block.entries.map(
    (entry) =>
      new DocxParagraph({
        tabStops: [
          { type: TabStopType.RIGHT, position: mmToTwips(widthMm), leader: LeaderType.DOT },
        ],
        indent: entry.level === 2 ? { left: mmToTwips(8) } : undefined,
        spacing: { before: 0, after: twips(entry.level === 1 ? 4 : 2) },
        children: [
          new InternalHyperlink({
            anchor: entry.anchor,
            children: [
              new TextRun({
                text: entry.text,
                bold: entry.level === 1,
                size: halfPoints(size),
                font: fontName(documentFace),
              }),
            ],
          }),
          new TextRun({ text: '\t', size: halfPoints(size), font: fontName(documentFace) }),
          new PageReference(entry.anchor, { hyperlink: true }),
        ],
      }),
  );
}

function blockOf(block: Block, model: DocModel, widthMm: number): (DocxParagraph | DocxTable)[] {
  switch (block.kind) {
    case 'contents':
      return contentsOf(block, model.size, widthMm);
    case 'image':
      return [pictureOf(block, widthMm)];
    case 'paragraph':
      return paragraphsOf(block, model.size, widthMm);
    case 'table':
      return [tableOf(block, model.size, widthMm)];
    case 'columns':
      return [columnsOf(block, model.size, widthMm)];
    case 'signatures':
      return [signaturesOf(block, model.size, widthMm)];
  }
}

/** Space under a table of data, in points: Word puts none after a table. */
export const SPACE_AFTER_TABLE = 8;

/**
 * The blocks in order, with room under every table of data: the next paragraph gets it as
 * space before, anything else (another table, the signatures) an empty paragraph of that height.
 */
function bodyOf(model: DocModel, widthMm: number): (DocxParagraph | DocxTable)[] {
  const out: (DocxParagraph | DocxTable)[] = [];
  model.blocks.forEach((block, index) => {
    const afterTable = model.blocks[index - 1]?.kind === 'table';
    if (afterTable && block.kind === 'paragraph') {
      out.push(
        ...blockOf(
          { ...block, before: Math.max(block.before ?? 0, SPACE_AFTER_TABLE) },
          model,
          widthMm,
        ),
      );
      return;
    }
    if (afterTable)
      out.push(
        new DocxParagraph({
          children: [],
          spacing: {
            before: 0,
            after: 0,
            line: twips(SPACE_AFTER_TABLE),
            lineRule: LineRuleType.EXACT,
          },
        }),
      );
    out.push(...blockOf(block, model, widthMm));
  });
  return out;
}

/** Renders the model as a .docx file naming Times New Roman, A4 with the decree's margins. */
export async function renderDocx(model: DocModel): Promise<Buffer> {
  const widthMm = textWidthMm(model);
  documentFace = model.face ?? 'serif';
  const font = fontName(documentFace);
  const heading = (size: number) => ({
    run: { font, size: halfPoints(size), bold: true, color: '000000' },
    paragraph: { spacing: { before: 120, after: 60 } },
  });
  const hasContents = model.blocks.some((block) => block.kind === 'contents');
  const document = new Document({
    creator: 'Kho sáng kiến CCHC',
    title: model.title,
    // Page numbers of a table of contents are fields: Word computes them on opening.
    features: hasContents ? { updateFields: true } : undefined,
    styles: {
      default: {
        document: { run: { font, size: halfPoints(model.size) } },
        heading1: heading(model.size + 3),
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
                    font,
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
        children: bodyOf(model, widthMm),
      },
    ],
  });
  return Packer.toBuffer(document);
}
