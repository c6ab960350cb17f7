/**
 * The columns of the consolidated list and scoring sheet. `report` writes them
 * and `decide` finds them again by header text, so a secretary may reorder or
 * hide columns without breaking anything.
 */
import { formatNumber } from '../../core/numbers.ts';
import { documentRef } from '../../schemas/common.ts';
import { decisionSchema, memberSchema } from '../../schemas/decision.ts';
import { initiativeSchema } from '../../schemas/initiative.ts';
import { labelOf } from '../../schemas/tree.ts';

// Where a header says what the form says, it is the form's label; the others are the sheet's own.
const initiative = initiativeSchema.shape;

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
  authors: labelOf(initiative.authors),
  areas: 'Nội dung cải cách',
  fields: labelOf(initiative.fields),
  goals: 'Mục tiêu chủ đề năm',
  indicators: 'Chỉ số trước → sau',
  submitted: labelOf(initiative.submitted),
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
  id: labelOf(memberSchema.shape.id),
  name: labelOf(memberSchema.shape.name),
  position: labelOf(memberSchema.shape.position),
  role: 'Vai trò',
} as const;

export const DECISION_LABELS = {
  number: 'Số, ký hiệu quyết định',
  date: labelOf(documentRef.shape.date),
  issuer: labelOf(documentRef.shape.issuer),
  title: labelOf(documentRef.shape.title),
  meetingOn: labelOf(decisionSchema.shape.meetingOn),
} as const;

/**
 * One member's ballot ("phiếu chấm điểm và biểu quyết"): a sheet of its own in the
 * workbook, printable and handed out as the member's paper ballot. `decide` finds a
 * ballot by its title in A1 and its member by the "Mã thành viên" line, never by the
 * sheet's name, so a secretary may rename or reorder the sheets.
 */
export const BALLOT = {
  title: 'Phiếu chấm điểm và biểu quyết',
  vote: 'Biểu quyết',
  note: 'Ghi chú',
  recused: 'Tác giả của sáng kiến: không chấm điểm, không biểu quyết',
  signature: 'Người chấm (ký, ghi rõ họ tên)',
} as const;

export const VOTE_FOR = 'Đồng ý';
export const VOTE_AGAINST = 'Không đồng ý';

/** "P3 Phạm Đức Long": short, unique by its number, within Excel's 31 characters. */
export function ballotSheetName(index: number, name: string): string {
  return `P${index + 1} ${name.replace(/[\\/*?:[\]]/g, ' ')}`.slice(0, 31).trim();
}

export const YES = 'Có';
export const NO = 'Không';

/** "Trần Văn Hùng (50%); Lê Thị Thu Hà (30%)" */
export function formatAuthors(authors: { name: string; share?: number }[]): string {
  return authors
    .map((author) =>
      author.share === undefined ? author.name : `${author.name} (${formatNumber(author.share)}%)`,
    )
    .join('; ');
}

export function parseAuthors(text: string): string[] {
  return text
    .split(/[;\n]/)
    .map((part) => part.replace(/\([^)]*\)\s*$/, '').trim())
    .filter(Boolean);
}
