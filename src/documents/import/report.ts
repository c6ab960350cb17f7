/**
 * The import's account, in Vietnamese, of where each part of the Word file went: shown on
 * screen and written at the top of the entry, so that the author can check that nothing
 * was lost. Text that went into a field (which keeps only the value) or was left out as
 * the printed frame of a form is quoted in full.
 */
import { bodySections } from '../../schemas/vocabularies.ts';
import type { ExtractedImage } from './convert.ts';
import { UNSORTED_HEADING } from './entry.ts';
import type { DocxFacts } from './parts.ts';
import type { FieldName, Placement } from './structure.ts';

const FIELD_NAMES: Record<FieldName, string> = {
  title: 'Tên sáng kiến',
  authors: 'Tác giả',
  position: 'Chức vụ của tác giả',
  unit: 'Cơ quan, đơn vị chủ trì',
  firstApplied: 'Ngày áp dụng lần đầu',
  submitted: 'Ngày gửi',
  summary: 'Tóm tắt',
  fields: 'Lĩnh vực áp dụng',
  areas: 'Nội dung cải cách hành chính',
  keywords: 'Từ khóa',
  campaign: 'Đợt phát động',
  participants: 'Người tham gia áp dụng thử',
};

const quote = (items: Placement[]) => items.map((item) => `"${item.text}"`).join('; ');

/** "3 đoạn, 1 bảng, 2 hình". */
function counted(items: Placement[]): string {
  const paragraphs = items.filter((item) => item.node !== 'table' && item.text).length;
  const tables = items.filter((item) => item.node === 'table').length;
  const images = items.reduce((sum, item) => sum + item.images, 0);
  return [
    paragraphs ? `${paragraphs} đoạn` : '',
    tables ? `${tables} bảng` : '',
    images ? `${images} hình` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

export interface ReportInput {
  fileName: string;
  placements: Placement[];
  images: ExtractedImage[];
  facts: DocxFacts;
}

export function importReport(input: ReportInput): string[] {
  const { placements, facts } = input;
  const lines = [`Nơi đặt từng phần của tệp Word "${input.fileName}":`];
  for (const field of Object.keys(FIELD_NAMES) as FieldName[]) {
    const items = placements.filter(
      (item) => item.place.kind === 'field' && item.place.field === field,
    );
    if (items.length) lines.push(`- ${FIELD_NAMES[field]} ← ${quote(items)}`);
  }
  for (const section of bodySections) {
    const headings = placements.filter(
      (item) => item.place.kind === 'heading' && item.place.id === section.id,
    );
    const items = placements.filter(
      (item) => item.place.kind === 'section' && item.place.id === section.id,
    );
    if (!headings.length && !items.length) continue;
    const from = headings.length ? `tiêu đề ${quote(headings)}` : 'nhãn của mẫu đơn';
    lines.push(`- Mục "${section.heading}" ← ${from}${items.length ? `, ${counted(items)}` : ''}`);
  }
  const unsorted = placements.filter((item) => item.place.kind === 'unsorted');
  if (unsorted.length || facts.comments.length)
    lines.push(
      `- Mục "${UNSORTED_HEADING}" (chưa nhận ra thuộc mục nào, tác giả tự sắp xếp) ← ${[
        counted(unsorted),
        facts.comments.length ? `${facts.comments.length} ghi chú trong lề` : '',
      ]
        .filter(Boolean)
        .join(', ')}`,
    );
  const form = placements.filter((item) => item.place.kind === 'form');
  if (form.length)
    lines.push(`- Phần khung của mẫu đơn, văn bản (không đưa vào nội dung) ← ${quote(form)}`);

  if (facts.margins.length)
    lines.push(
      `- Đầu trang, chân trang (không đưa vào nội dung) ← ${facts.margins.map((text) => `"${text}"`).join('; ')}`,
    );

  let index = 0;
  const imageLines: string[] = [];
  for (const item of placements) {
    for (let count = 0; count < item.images; count += 1) {
      const image = input.images[index];
      index += 1;
      if (!image) continue;
      const where =
        item.place.kind === 'section'
          ? `mục "${bodySections.find((section) => item.place.kind === 'section' && section.id === item.place.id)?.heading}"`
          : item.place.kind === 'unsorted'
            ? `mục "${UNSORTED_HEADING}"`
            : 'phần đầu';
      imageLines.push(
        `${image.file} ${image.titled ? `"${image.title}"` : `(không có tiêu đề trong tệp Word, đặt tạm "${image.title}")`} tại ${where}`,
      );
    }
  }
  if (imageLines.length)
    lines.push(`- Hình ảnh (đặt đúng chỗ trong bài): ${imageLines.join('; ')}`);
  if (facts.comments.length)
    lines.push(
      `- Ghi chú trong lề (comment): ${facts.comments.length}, chép vào cuối mục "${UNSORTED_HEADING}"`,
    );
  if (facts.insertions || facts.deletions)
    lines.push(
      `- Sửa đổi được theo dõi (track changes): ${facts.insertions} chỗ chèn, ${facts.deletions} chỗ xóa; lấy như khi chấp nhận mọi sửa đổi: giữ chữ chèn thêm, bỏ chữ đã xóa`,
    );
  if (facts.textBoxes)
    lines.push(
      `- Khung văn bản (text box): ${facts.textBoxes}, nội dung đặt ngay sau đoạn chứa khung`,
    );
  return lines;
}
