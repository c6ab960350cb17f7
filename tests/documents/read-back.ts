/** Reads generated documents back the way a person's software would: DOCX via mammoth and the XML, PDF via pdf.js. */
import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

function textOf(node: Root | RootContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' && node.tagName === 'br') return '\n';
  if ('children' in node) {
    const parts = node.children.map((child) => textOf(child));
    return node.type === 'element' && node.tagName === 'p'
      ? parts.join('')
      : parts.join(node.type === 'element' && node.tagName === 'td' ? '\n' : '');
  }
  return '';
}

function elements(node: Root | Element, tag: string): Element[] {
  const found: Element[] = [];
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === tag) found.push(child);
    else found.push(...elements(child, tag));
  }
  return found;
}

export interface DocxContent {
  text: string;
  /** Each table as rows of cell texts (nested tables excluded). */
  tables: string[][][];
  xml: string;
  /** The XML of the page headers (word/header*.xml). */
  headers: string[];
}

export async function readDocx(buffer: Buffer): Promise<DocxContent> {
  const { value: text } = await mammoth.extractRawText({ buffer });
  const { value: html } = await mammoth.convertToHtml({ buffer });
  const tree = fromHtml(html, { fragment: true });
  const tables = elements(tree, 'table').map((table) =>
    elements(table, 'tr').map((row) =>
      row.children
        .filter(
          (cell): cell is Element =>
            cell.type === 'element' && (cell.tagName === 'td' || cell.tagName === 'th'),
        )
        .map((cell) =>
          cell.children
            .filter((child): child is Element => child.type === 'element')
            .map((child) => textOf(child))
            .join('\n')
            .trim(),
        ),
    ),
  );
  const zip = await JSZip.loadAsync(buffer);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const headers = await Promise.all(
    zip.file(/^word\/header\d*\.xml$/).map((file) => file.async('string')),
  );
  return { text, tables, xml, headers };
}

/** The text of every page, items joined with spaces, lines with newlines. */
export async function readPdf(buffer: Buffer): Promise<{ pages: string[]; text: string }> {
  const task = getDocument({ data: new Uint8Array(buffer), useSystemFonts: false });
  const document = await task.promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    let text = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      text += item.str + (item.hasEOL ? '\n' : '');
    }
    pages.push(text);
  }
  await task.destroy();
  return { pages, text: pages.join('\n') };
}

/** Page size of the PDF's first page in points, and of the DOCX section in twips. */
export async function pdfPageSize(buffer: Buffer): Promise<{ width: number; height: number }> {
  const task = getDocument({ data: new Uint8Array(buffer) });
  const page = await (await task.promise).getPage(1);
  const [x0, y0, x1, y1] = page.view as [number, number, number, number];
  await task.destroy();
  return { width: x1 - x0, height: y1 - y0 };
}

/** One paragraph of document.xml: its text and the layout properties the tests look at. */
export interface XmlParagraph {
  text: string;
  xml: string;
  keepNext: boolean;
  keepLines: boolean;
  style?: string;
  /** Space before and after, in twips. */
  before: number;
  after: number;
}

export interface XmlRow {
  header: boolean;
  cantSplit: boolean;
  /** Each cell's paragraphs. */
  cells: XmlParagraph[][];
}

/** One table of document.xml (the documents nest none), with what comes right after it. */
export interface XmlTable {
  rows: XmlRow[];
  /** Column widths in twips. */
  grid: number[];
  /** The paragraph right after the table, if a paragraph comes next. */
  next?: XmlParagraph;
}

const unescapeXml = (text: string) =>
  text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');

const twipsOf = (xml: string, name: string) =>
  Number(new RegExp(`<w:spacing [^>]*w:${name}="(\\d+)"`).exec(xml)?.[1] ?? 0);

export function xmlParagraphs(xml: string): XmlParagraph[] {
  return (xml.match(/<w:p\b(?:[^>]*\/>|[\s\S]*?<\/w:p>)/g) ?? []).map((paragraph) => {
    const properties = /<w:pPr>[\s\S]*?<\/w:pPr>/.exec(paragraph)?.[0] ?? '';
    return {
      text: unescapeXml(
        [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
      ),
      xml: paragraph,
      keepNext: /<w:keepNext\/>/.test(properties),
      keepLines: /<w:keepLines\/>/.test(properties),
      style: /<w:pStyle w:val="([^"]+)"/.exec(properties)?.[1],
      before: twipsOf(properties, 'before'),
      after: twipsOf(properties, 'after'),
    };
  });
}

/** The tables of document.xml, row by row, cell by cell. */
export function xmlTables(xml: string): XmlTable[] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((match) => {
    const body = match[1] ?? '';
    const rest = xml.slice((match.index ?? 0) + match[0].length);
    const next = /^<w:p\b/.test(rest) ? xmlParagraphs(rest)[0] : undefined;
    return {
      grid: [...body.matchAll(/<w:gridCol w:w="(\d+)"/g)].map((m) => Number(m[1])),
      rows: (body.match(/<w:tr\b[\s\S]*?<\/w:tr>/g) ?? []).map((row) => ({
        header: /<w:tblHeader\/>/.test(row),
        cantSplit: /<w:cantSplit\/>/.test(row),
        cells: (row.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).map(xmlParagraphs),
      })),
      next,
    };
  });
}
