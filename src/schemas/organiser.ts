import { z } from 'zod';
import { committeeSchema } from './campaign.ts';
import { httpsUrl, line, sampleFlag, slugId, validity } from './common.ts';
import { describe } from './meta.ts';
import { organiserKindIds } from './vocabularies.ts';

/**
 * A stretch of an organiser's reach: a unit of the list and every unit under it, for the
 * days between `validFrom` and `validTo`. Reach changes with administrative geography, so
 * it is dated like the units themselves.
 */
export const scopeSpanSchema = z
  .strictObject({
    unit: describe(slugId, {
      label: 'Đơn vị trong phạm vi',
      hint: 'Mã đơn vị; mọi đơn vị cấp dưới của đơn vị này cũng thuộc phạm vi.',
      example: 'xa-tanh-linh',
    }),
    ...validity,
  })
  .superRefine((span, ctx) => {
    if (span.validFrom && span.validTo && span.validTo < span.validFrom)
      ctx.addIssue({
        code: 'custom',
        path: ['validTo'],
        message: 'Ngày hết hiệu lực sớm hơn ngày bắt đầu hiệu lực.',
      });
  });
export type ScopeSpan = z.infer<typeof scopeSpanSchema>;

/** How readers and submitters reach the organiser's office: public data of its letterhead. */
export const contactSchema = z.strictObject({
  office: describe(line(3, 160), {
    label: 'Bộ phận đầu mối',
    example: 'Văn phòng HĐND và UBND xã Tánh Linh',
  }),
  address: describe(line(5, 240), { label: 'Địa chỉ' }),
  phone: describe(
    z
      .string({ error: 'Phải là số điện thoại.' })
      .trim()
      .regex(/^0\d{2,3}[ .]?\d{3,4}[ .]?\d{3,4}$/, {
        error: 'Số điện thoại bàn của cơ quan, ví dụ 0252 3880 131.',
      }),
    { label: 'Điện thoại' },
  ),
  email: describe(z.email({ error: 'Địa chỉ thư điện tử không hợp lệ.' }), {
    label: 'Thư điện tử',
  }),
  website: describe(httpsUrl.optional(), { label: 'Trang thông tin điện tử' }),
});
export type Contact = z.infer<typeof contactSchema>;

/**
 * Who runs calls for initiatives (`content/organisers/<id>.yaml`): a province's people's
 * committee, one of its departments, a commune — or, for the record, a district before
 * 1 July 2025. Each campaign names one organiser; its documents, pages and form take the
 * organiser's name, place, mark and committee from here.
 */
export const organiserSchema = z
  .strictObject({
    name: describe(line(5, 160), {
      label: 'Tên cơ quan tổ chức',
      example: 'Ủy ban nhân dân xã Tánh Linh',
    }),
    shortName: describe(line(3, 80), { label: 'Tên viết tắt', example: 'UBND xã Tánh Linh' }),
    kind: describe(z.enum(organiserKindIds, { error: 'Loại cơ quan không có trong danh mục.' }), {
      label: 'Loại cơ quan tổ chức',
    }),
    unit: describe(slugId, {
      label: 'Đơn vị của cơ quan',
      hint: 'Mã của chính cơ quan này trong danh mục đơn vị.',
      example: 'xa-tanh-linh',
    }),
    parentAgency: describe(line(3, 160).optional(), {
      label: 'Cơ quan chủ quản',
      hint: 'Dòng trên tên cơ quan ở góc trái văn bản, ví dụ "UBND tỉnh Lâm Đồng" cho một sở; để trống cho UBND các cấp.',
    }),
    place: describe(line(2, 60), {
      label: 'Địa danh',
      hint: 'Địa danh ghi ở dòng ngày tháng của văn bản (Nghị định 30/2020/NĐ-CP).',
      example: 'Tánh Linh',
    }),
    mark: describe(
      z
        .string({ error: 'Phải là tên tệp.' })
        .regex(/^[a-z0-9][a-z0-9-]*\.(svg|png)$/, {
          error: 'Tên tệp biểu trưng trong thư mục public/ (SVG hoặc PNG, chữ thường không dấu).',
        })
        .optional(),
      {
        label: 'Biểu trưng',
        hint: 'Tệp trong thư mục public/; để trống thì trang dùng biểu trưng chung.',
      },
    ),
    contact: describe(contactSchema, { label: 'Liên hệ' }),
    scope: describe(
      z.array(scopeSpanSchema).min(1, { error: 'Cần ít nhất một đơn vị trong phạm vi.' }),
      {
        label: 'Phạm vi phát động',
        hint: 'Các đơn vị (cùng đơn vị cấp dưới) được gửi sáng kiến vào đợt của cơ quan, theo thời gian hiệu lực.',
      },
    ),
    committee: describe(committeeSchema.optional(), {
      label: 'Hội đồng sáng kiến thường trực',
      hint: 'Hội đồng của cơ quan; đợt nào không ghi Hội đồng riêng thì dùng Hội đồng này.',
    }),
    operatesSite: describe(z.boolean({ error: 'Phải là có hoặc không.' }).default(false), {
      label: 'Cơ quan quản lý trang web',
      hint: 'Đánh dấu đúng một cơ quan: đầu trang, chân trang, trang Giới thiệu và dữ liệu mở ghi tên, địa chỉ liên hệ của cơ quan này.',
    }),
    ...validity,
    sample: sampleFlag,
  })
  .superRefine((organiser, ctx) => {
    if (organiser.validFrom && organiser.validTo && organiser.validTo < organiser.validFrom)
      ctx.addIssue({
        code: 'custom',
        path: ['validTo'],
        message: 'Ngày hết hiệu lực sớm hơn ngày bắt đầu hiệu lực.',
      });
  });
export type Organiser = z.infer<typeof organiserSchema>;
