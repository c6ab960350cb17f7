import { type Block, bold, type Columns, type Paragraph, paragraph } from '../render/model.ts';

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

/** Issuer on the left, motto on the right: the header of documents issued by an agency. */
export function issuerAndMotto(
  parent: string | undefined,
  issuer: string,
  number?: string,
): Columns {
  const left: Paragraph[] = [];
  if (parent)
    left.push(paragraph(parent.toLocaleUpperCase('vi'), { align: 'center', size: 13, after: 0 }));
  left.push(
    bold(issuer.toLocaleUpperCase('vi'), { align: 'center', size: 13, after: 0, rule: 'half' }),
  );
  if (number) left.push(paragraph(number, { align: 'center', size: 13, before: 4 }));
  return { kind: 'columns', widths: [40, 60], columns: [left, mottoBlock()] };
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

/** Signature block on the right half: title, hint, space, names. */
export function signatureBlock(title: string, names: string[], place?: Paragraph): Columns {
  const right: Paragraph[] = [];
  if (place) right.push(place);
  right.push(bold(title, { align: 'center', after: 0 }));
  right.push({
    kind: 'paragraph',
    runs: [{ text: '(Ký và ghi rõ họ tên)', italic: true }],
    align: 'center',
    after: 48,
  });
  for (const name of names) right.push(bold(name, { align: 'center', after: 18 }));
  return { kind: 'columns', widths: [40, 60], columns: [[], right] };
}

/** Dotted lines for a part the person completes by hand. */
export function blankLines(count: number): Block[] {
  return Array.from({ length: count }, () =>
    paragraph('.'.repeat(110), { align: 'left', after: 4 }),
  );
}
