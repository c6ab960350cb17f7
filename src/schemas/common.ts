import { z } from 'zod';
import { isIsoDate } from '../core/dates.ts';
import { SLUG_MAX_LENGTH } from '../core/slug.ts';
import { describe } from './meta.ts';

/**
 * A calendar date, stored as `YYYY-MM-DD` and read as text: the one reader keeps
 * YAML 1.2's core schema, where an unquoted `2024-09-04` (as the CMS writes it) is a
 * string, so files, the validator and pages agree whatever the machine's zone.
 */
export const isoDate = z
  .string({ error: 'Phải là ngày theo dạng YYYY-MM-DD.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, {
    error: 'Phải là ngày theo dạng YYYY-MM-DD, ví dụ 2024-09-04.',
    // A date in another form is one problem, not two.
    abort: true,
  })
  .refine(isIsoDate, { error: 'Ngày không có thật trên lịch.' });

/** Identifier used in file names and references: lowercase ASCII words joined by hyphens. */
export const slugId = z
  .string({ error: 'Phải là chuỗi mã.' })
  .min(2, { error: 'Mã quá ngắn.' })
  .max(SLUG_MAX_LENGTH, { error: `Mã dài quá ${SLUG_MAX_LENGTH} ký tự.` })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: 'Mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối (ví dụ: phong-noi-vu).',
  });

/** Free text on one line, within bounds, with a Vietnamese message. */
export function line(min: number, max: number) {
  return z
    .string({ error: 'Phải là chuỗi ký tự.' })
    .trim()
    .min(min, { error: `Cần ít nhất ${min} ký tự.` })
    .max(max, { error: `Không quá ${max} ký tự.` })
    .refine((value) => !/[\r\n]/.test(value), { error: 'Chỉ được viết trên một dòng.' });
}

/** Free text that may span several lines. */
export function paragraph(min: number, max: number) {
  return z
    .string({ error: 'Phải là chuỗi ký tự.' })
    .trim()
    .min(min, { error: `Cần ít nhất ${min} ký tự.` })
    .max(max, { error: `Không quá ${max} ký tự.` });
}

/** An absolute web address. Only https is accepted: links leave the repository and must not run code. */
export const httpsUrl = z
  .string({ error: 'Phải là địa chỉ web.' })
  .url({ error: 'Địa chỉ web không hợp lệ.' })
  .refine((value) => value.startsWith('https://'), {
    error: 'Địa chỉ phải bắt đầu bằng https://.',
  });

/** An official document: the legal frame and decisions are cited by number, date and issuer. */
export const documentRef = z.strictObject({
  number: describe(line(3, 60), {
    label: 'Số, ký hiệu',
    hint: 'Số và ký hiệu văn bản, ví dụ 03/KH-UBND.',
    example: '03/KH-UBND',
  }),
  date: describe(isoDate, { label: 'Ngày ban hành', example: '2024-01-09' }),
  issuer: describe(line(3, 160), {
    label: 'Cơ quan ban hành',
    example: 'Ủy ban nhân dân huyện Tánh Linh',
  }),
  title: describe(line(5, 300).optional(), {
    label: 'Trích yếu',
    hint: 'Trích yếu nội dung văn bản.',
  }),
});
export type DocumentRef = z.infer<typeof documentRef>;

/** Marks content written as an example, so that a deployment can leave it out and the site can say so. */
export const sampleFlag = describe(z.boolean().default(false), {
  label: 'Dữ liệu mẫu',
  hint: 'Đánh dấu nội dung minh họa, không phải hồ sơ thật.',
});

/** A validity period: units, organisers and levels change with administrative geography. */
export const validity = {
  validFrom: describe(isoDate.optional(), {
    label: 'Hiệu lực từ ngày',
    hint: 'Để trống nếu không rõ ngày bắt đầu.',
  }),
  validTo: describe(isoDate.optional(), {
    label: 'Hiệu lực đến ngày',
    hint: 'Ngày cuối cùng còn hiệu lực; để trống nếu vẫn còn.',
  }),
};

export function uniqueList<T extends z.ZodType>(item: T, what: string) {
  return z
    .array(item)
    .refine((list) => new Set(list.map((value) => JSON.stringify(value))).size === list.length, {
      error: `Danh sách ${what} có giá trị lặp lại.`,
    });
}
