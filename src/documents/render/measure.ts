import PDFDocument from 'pdfkit';
import { findSerifFonts } from './fonts.ts';

let measurer: PDFKit.PDFDocument | null | undefined;

function getMeasurer(): PDFKit.PDFDocument | null {
  if (measurer !== undefined) return measurer;
  try {
    const fonts = findSerifFonts();
    const doc = new PDFDocument({ autoFirstPage: false });
    doc.registerFont('regular', fonts.regular);
    doc.registerFont('bold', fonts.bold);
    measurer = doc;
  } catch {
    measurer = null;
  }
  return measurer;
}

/** Width of a line of text in points, with Times-compatible metrics when the fonts are present. */
export function measureText(text: string, size: number, bold: boolean): number {
  const doc = getMeasurer();
  if (!doc) return text.length * size * (bold ? 0.53 : 0.5);
  return doc
    .font(bold ? 'bold' : 'regular')
    .fontSize(size)
    .widthOfString(text);
}
