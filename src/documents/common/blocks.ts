import { measureText } from '../render/measure.ts';
import {
  type Block,
  bold,
  type Columns,
  MM_TO_PT,
  type Paragraph,
  paragraph,
  type Signatures,
} from '../render/model.ts';

/** "Huyện Tánh Linh, tỉnh Bình Thuận" → "Tánh Linh": the place named in the date line. */
export function placeName(locality: string | undefined): string {
  const first = locality?.split(',')[0]?.trim();
  if (!first) return '..........';
  return first.replace(/^(huyện|thị xã|thành phố|quận|xã|phường|thị trấn|tỉnh)\s+/iu, '');
}

/** The national motto with the rule under it (Nghị định 30/2020/NĐ-CP, Phụ lục I). */
export function mottoBlock(): Paragraph[] {
  return [
    bold('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { align: 'center', size: 13, after: 0 }),
    bold('Độc lập - Tự do - Hạnh phúc', { align: 'center', size: 14, after: 0, rule: 'full' }),
  ];
}

/** Cell margins and a little slack, in millimetres, around a line of the header. */
const HEADER_SLACK_MM = 8;

const lineMm = (item: Paragraph) =>
  measureText(
    item.runs.map((run) => run.text).join(''),
    item.size ?? 13,
    item.runs[0]?.bold ?? false,
  ) / MM_TO_PT;

/**
 * Column widths that put each line of the issuer and of the motto on one line where the page
 * allows: the issuer's column as wide as its longest line, the motto's as wide as the motto.
 */
export function headerWidths(left: Paragraph[], right: Paragraph[], textWidthMm: number) {
  const need = (items: Paragraph[]) => Math.max(0, ...items.map(lineMm)) + HEADER_SLACK_MM;
  const motto = need(right);
  const issuer = Math.min(Math.max(need(left), textWidthMm * 0.35), textWidthMm - motto);
  return [issuer, textWidthMm - issuer];
}

/** Issuer on the left, motto on the right: the header of documents issued by an agency. */
export function issuerAndMotto(
  parent: string | undefined,
  issuer: string,
  textWidthMm: number,
  number?: string,
): Columns {
  const left: Paragraph[] = [];
  if (parent)
    left.push(paragraph(parent.toLocaleUpperCase('vi'), { align: 'center', size: 13, after: 0 }));
  left.push(
    bold(issuer.toLocaleUpperCase('vi'), { align: 'center', size: 13, after: 0, rule: 'half' }),
  );
  if (number) left.push(paragraph(number, { align: 'center', size: 13, before: 4 }));
  const motto = mottoBlock();
  return {
    kind: 'columns',
    widths: headerWidths(left, motto, textWidthMm),
    columns: [left, motto],
  };
}

/** "Tánh Linh, ngày … tháng … năm …": italic, right column, left blank to be dated on signing. */
export function dateLine(place: string, iso?: string): Paragraph {
  const [year, month, day] = iso ? iso.split('-').map(Number) : [];
  // Nghị định 30/2020: a zero before days under 10 and months 1 and 2 only.
  const dd = String(day).padStart(2, '0');
  const mm = month !== undefined && month < 3 ? String(month).padStart(2, '0') : String(month);
  const text = iso
    ? `${place}, ngày ${dd} tháng ${mm} năm ${year}`
    : `${place}, ngày ...... tháng ...... năm ..........`;
  return { kind: 'paragraph', runs: [{ text, italic: true }], align: 'center', after: 0 };
}

/** Signature block: place and date, title, hint, then a signing space above each signer. */
export function signatureBlock(title: string, names: string[], place?: Paragraph): Signatures {
  const heading: Paragraph[] = [];
  if (place) heading.push(place);
  heading.push(bold(title, { align: 'center', after: 0 }));
  heading.push({
    kind: 'paragraph',
    runs: [
      {
        text: names.length > 1 ? '(Ký và ghi rõ họ tên từng người)' : '(Ký và ghi rõ họ tên)',
        italic: true,
      },
    ],
    align: 'center',
    after: 0,
  });
  return { kind: 'signatures', heading, names };
}

/** Dotted lines for a part the person completes by hand. */
export function blankLines(count: number): Block[] {
  return Array.from({ length: count }, () =>
    paragraph('.'.repeat(110), { align: 'left', after: 4 }),
  );
}
