/**
 * The columns of the consolidated list and scoring sheet. `report` writes them
 * and `decide` finds them again by header text, so a secretary may reorder or
 * hide columns without breaking anything.
 */
import type { Criterion } from '../../src/schemas/campaign.ts';

export const SHEETS = {
  list: 'Tổng hợp',
  members: 'Hội đồng',
  decision: 'Quyết định',
  guide: 'Hướng dẫn',
} as const;

export const HEADERS = {
  index: 'STT',
  slug: 'Mã sáng kiến',
  title: 'Tên sáng kiến',
  unit: 'Đơn vị chủ trì',
  authors: 'Tác giả',
  areas: 'Nội dung cải cách',
  fields: 'Lĩnh vực áp dụng',
  goals: 'Mục tiêu chủ đề năm',
  indicators: 'Chỉ số trước → sau',
  submitted: 'Ngày gửi',
  origin: 'Nguồn hồ sơ',
  status: 'Trạng thái xét',
  validation: 'Kiểm tra tự động',
  problems: 'Lỗi cần sửa',
  decision: 'Kết quả đã ghi',
  total: 'Tổng điểm',
  votesFor: 'Phiếu đồng ý',
  votesAgainst: 'Phiếu không đồng ý',
  recognised: 'Đề nghị công nhận',
  // Not just "Phạm vi ảnh hưởng": a rubric may have a criterion of that name.
  scope: 'Phạm vi ảnh hưởng được công nhận',
  replicate: 'Nhân rộng',
  note: 'Ghi chú của Hội đồng',
} as const;

export const MEMBER_HEADERS = {
  id: 'Mã thành viên',
  name: 'Họ và tên',
  position: 'Chức vụ',
  role: 'Vai trò',
} as const;

export const DECISION_LABELS = {
  number: 'Số, ký hiệu quyết định',
  date: 'Ngày ban hành',
  issuer: 'Cơ quan ban hành',
  title: 'Trích yếu',
  meetingOn: 'Ngày họp xét',
} as const;

export const YES = 'Có';
export const NO = 'Không';

export function criterionHeader(criterion: Pick<Criterion, 'name' | 'max'>): string {
  return `${criterion.name} (tối đa ${criterion.max})`;
}

/** Header text compared without case, extra spaces or Unicode form differences. */
export function headerKey(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
}

/** "Trần Văn Hùng (50%); Lê Thị Thu Hà (30%)" */
export function formatAuthors(authors: { name: string; share?: number }[]): string {
  return authors
    .map((author) =>
      author.share === undefined
        ? author.name
        : `${author.name} (${author.share.toLocaleString('vi-VN')}%)`,
    )
    .join('; ');
}

export function parseAuthors(text: string): string[] {
  return text
    .split(/[;\n]/)
    .map((part) => part.replace(/\([^)]*\)\s*$/, '').trim())
    .filter(Boolean);
}
