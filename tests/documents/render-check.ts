/**
 * Documents as they come out of a printer: DOCX and XLSX turned into PDF by LibreOffice, every
 * PDF drawn into PNG pages by pdftoppm, and the text of each page read back with its position
 * (pdf.js) to see what fell on which page.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';

const run = promisify(execFile);

/** A missing program is a failure that says what to install, never a skipped check. */
export async function requireProgram(name: string, debianPackage: string): Promise<void> {
  try {
    await run('sh', ['-c', `command -v ${name}`]);
  } catch {
    throw new Error(
      `Thiếu chương trình "${name}": cài gói Debian ${debianPackage} (.ci/run cài sẵn).`,
    );
  }
}

/**
 * Every file to PDF in one LibreOffice run (starting it is most of the cost), with a profile
 * of its own so that a desktop LibreOffice left open does not take the job.
 */
export async function convertToPdf(files: string[], outDir: string, profile: string) {
  await run(
    'soffice',
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'pdf',
      '--outdir',
      outDir,
      ...files,
    ],
    { timeout: 600_000 },
  );
}

export interface PagePicture {
  file: string;
  width: number;
  height: number;
  /** The darkest grey level of the page: 255 is a blank sheet. */
  darkest: number;
}

/** Each page of a PDF as a PNG (`<prefix>-<n>.png`), with its size and darkest pixel. */
export async function renderPages(pdf: string, prefix: string, dpi = 40): Promise<PagePicture[]> {
  await run('pdftoppm', ['-r', String(dpi), '-gray', '-png', pdf, prefix], { timeout: 300_000 });
  const folder = join(prefix, '..');
  const base = prefix.slice(folder.length + 1);
  const files = readdirSync(folder)
    .filter((name) => name.startsWith(`${base}-`) && name.endsWith('.png'))
    .sort((a, b) => pageNumber(a) - pageNumber(b));
  const pictures: PagePicture[] = [];
  for (const name of files) {
    const file = join(folder, name);
    const image = sharp(file);
    const { width = 0, height = 0 } = await image.metadata();
    const { channels } = await image.stats();
    pictures.push({ file, width, height, darkest: channels[0]?.min ?? 255 });
  }
  return pictures;
}

const pageNumber = (name: string) => Number(/-(\d+)\.png$/.exec(name)?.[1] ?? 0);

export interface TextItem {
  text: string;
  x: number;
  /** Baseline, from the bottom of the page. */
  y: number;
  width: number;
  height: number;
}

export interface PdfPage {
  width: number;
  height: number;
  items: TextItem[];
  /** The page's text in reading order, spaces collapsed. */
  text: string;
}

export async function readPages(pdf: string): Promise<PdfPage[]> {
  const task = getDocument({ data: new Uint8Array(readFileSync(pdf)), useSystemFonts: false });
  const document = await task.promise;
  const pages: PdfPage[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const items: TextItem[] = [];
    let text = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      text += item.str + (item.hasEOL ? '\n' : '');
      if (!item.str.trim()) continue;
      const [, , , , x, y] = item.transform as number[];
      items.push({ text: item.str, x: x ?? 0, y: y ?? 0, width: item.width, height: item.height });
    }
    pages.push({ width: x1 - x0, height: y1 - y0, items, text: squash(text) });
  }
  await task.destroy();
  return pages;
}

export const squash = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

const A4 = { long: 841.89, short: 595.28 };

/** "portrait" or "landscape" when the page is A4 (within a point), else undefined. */
export function a4Orientation(page: { width: number; height: number }) {
  const near = (a: number, b: number) => Math.abs(a - b) < 1.5;
  if (near(page.width, A4.short) && near(page.height, A4.long)) return 'portrait';
  if (near(page.width, A4.long) && near(page.height, A4.short)) return 'landscape';
  return undefined;
}

/**
 * Pieces of text printed over one another: two items whose boxes cross.
 * A row too low for its wrapped text, or a paragraph drawn over a table, shows up here.
 */
export function overlaps(page: PdfPage): [TextItem, TextItem][] {
  const found: [TextItem, TextItem][] = [];
  const items = page.items.filter((item) => item.height > 0 && item.width > 0);
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i] as TextItem;
      const b = items[j] as TextItem;
      const size = Math.min(a.height, b.height);
      const vertical = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      // Words of one line touch at most by a hair of kerning; text drawn over text crosses.
      const horizontal = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      if (vertical > size * 0.3 && horizontal > 1.5) found.push([a, b]);
    }
  }
  return found;
}

/** Text without any space, to compare what pdf.js splits into pieces at will. */
export const spaceless = (text: string) => text.normalize('NFC').replace(/\s+/g, '');

/**
 * The page's text between its header and footer margins (a page number, "Tổng hợp – trang
 * 2/12"), in drawing order, spaces removed.
 */
export function bodyText(page: PdfPage, margin = 30): string {
  return spaceless(
    page.items
      .filter((item) => item.y > margin && item.y < page.height - margin)
      .map((item) => item.text)
      .join(''),
  );
}
