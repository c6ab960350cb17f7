import { z } from 'zod';
import { isIsoDate } from '../core/dates.ts';
import { nameKey } from '../core/text.ts';
import { httpsUrl, isoDate, line, paragraph, sampleFlag, slugId, uniqueList } from './common.ts';
import { describe } from './meta.ts';
import {
  applicationFieldIds,
  attachmentTypeOf,
  type IndicatorKind,
  indicatorDirectionIds,
  indicatorDirections,
  indicatorKindIds,
  indicatorKinds,
  reformAreaIds,
  themeGoalIds,
} from './vocabularies.ts';

/** A person named in an entry. Only name, position and unit: no contact or identity data. */
export const personSchema = z.strictObject({
  name: describe(line(2, 80), { label: 'Họ và tên', example: 'Nguyễn Thị Lan' }),
  position: describe(line(2, 120), {
    label: 'Chức vụ, chức danh',
    example: 'Công chức Văn phòng – Thống kê',
  }),
  unit: describe(slugId, { label: 'Đơn vị công tác', hint: 'Chọn trong danh mục đơn vị.' }),
});

export const authorSchema = personSchema.extend({
  share: describe(
    z
      .number()
      .min(0.1, { error: 'Tỷ lệ đóng góp phải lớn hơn 0.' })
      .max(100, { error: 'Tỷ lệ đóng góp không quá 100%.' })
      .optional(),
    {
      label: 'Tỷ lệ đóng góp (%)',
      hint: 'Để trống khi chỉ có một tác giả; khi có từ hai tác giả, nhập cho từng người, tổng bằng 100.',
    },
  ),
});
export type Author = z.infer<typeof authorSchema>;

const measurement = z.strictObject({
  value: describe(z.number({ error: 'Phải là một số.' }).min(0, { error: 'Không được âm.' }), {
    label: 'Giá trị',
  }),
  period: describe(line(3, 80), { label: 'Kỳ số liệu', example: '6 tháng đầu năm 2023' }),
});

/**
 * A before/after measurement. The kind fixes the unit and which way is better; `other` needs
 * its own label, unit and direction.
 */
export const indicatorSchema = z
  .strictObject({
    kind: describe(z.enum(indicatorKindIds, { error: 'Loại chỉ số không có trong danh mục.' }), {
      label: 'Chỉ số',
    }),
    label: describe(line(3, 120).optional(), {
      label: 'Tên chỉ số',
      hint: 'Chỉ ghi khi chọn "Chỉ số khác", hoặc để nói rõ phạm vi (ví dụ: lĩnh vực hộ tịch).',
    }),
    unit: describe(line(1, 30).optional(), {
      label: 'Đơn vị tính',
      hint: 'Chỉ ghi khi chọn "Chỉ số khác".',
    }),
    better: describe(
      z
        .enum(indicatorDirectionIds, { error: 'Chiều tốt chỉ là "lower" hoặc "higher".' })
        .optional(),
      {
        label: 'Chiều tốt của chỉ số',
        hint: 'Bắt buộc khi chọn "Chỉ số khác": giá trị giảm là tốt (số ngày, số cuộc gọi hỏi) hay tăng là tốt (số hồ sơ trực tuyến). Các loại chỉ số khác đã có sẵn chiều tốt.',
      },
    ),
    before: describe(measurement, { label: 'Trước khi áp dụng' }),
    after: describe(measurement, { label: 'Sau khi áp dụng' }),
    source: describe(line(5, 200), {
      label: 'Nguồn số liệu',
      example: 'Hệ thống thông tin giải quyết thủ tục hành chính tỉnh',
    }),
  })
  .superRefine((indicator, ctx) => {
    if (indicator.kind === 'other') {
      if (!indicator.label)
        ctx.addIssue({ code: 'custom', path: ['label'], message: 'Chỉ số khác phải có tên.' });
      if (!indicator.unit)
        ctx.addIssue({
          code: 'custom',
          path: ['unit'],
          message: 'Chỉ số khác phải có đơn vị tính.',
        });
      if (!indicator.better)
        ctx.addIssue({
          code: 'custom',
          path: ['better'],
          message: `Chỉ số khác phải ghi chiều tốt: "${directionName('lower')}" hay "${directionName('higher')}".`,
        });
      return;
    }
    // A known kind has its own direction: a contradicting one would make the site judge wrongly.
    const own = (indicatorKinds as readonly IndicatorKind[]).find(
      (kind) => kind.id === indicator.kind,
    )?.better;
    if (indicator.better && own && indicator.better !== own)
      ctx.addIssue({
        code: 'custom',
        path: ['better'],
        message: `Loại chỉ số này đã có chiều tốt "${directionName(own)}"; bỏ trống trường này.`,
      });
  });

function directionName(id: string): string {
  return indicatorDirections.find((direction) => direction.id === id)?.name ?? id;
}
export type Indicator = z.infer<typeof indicatorSchema>;

/** A file kept in the entry's own folder: a bare file name, never a path. */
export const attachmentSchema = z.strictObject({
  file: describe(
    z
      .string({ error: 'Phải là tên tệp.' })
      .min(1)
      .max(120, { error: 'Tên tệp dài quá 120 ký tự.' })
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
        error:
          'Tên tệp chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch nối, gạch dưới và nằm trong thư mục của sáng kiến.',
      })
      .refine((name) => !name.includes('..'), { error: 'Tên tệp không được chứa "..".' })
      .refine((name) => attachmentTypeOf(name) !== undefined, {
        error:
          'Loại tệp không được phép (chỉ nhận ảnh PNG/JPG/WebP, PDF, DOCX/XLSX/PPTX, ODT/ODS/ODP).',
      }),
    { label: 'Tệp đính kèm' },
  ),
  title: describe(line(3, 160), { label: 'Tiêu đề tệp', example: 'Sơ đồ quy trình mới' }),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const videoSchema = z.strictObject({
  url: describe(httpsUrl, {
    label: 'Đường liên kết video',
    hint: 'Video đặt trên máy chủ của cơ quan hoặc kênh chính thức; không tải tệp video lên.',
  }),
  title: describe(line(3, 160), { label: 'Tiêu đề video' }),
});

/**
 * An initiative: the front matter of an entry of the initiatives collection (see src/model/collections.ts).
 * The body holds the sections of `bodySections`; attachments sit beside it.
 * The fields mirror the application form of TT 18/2013/TT-BKHCN, Phụ lục I.
 */
export const initiativeSchema = z
  .strictObject({
    title: describe(line(10, 200), {
      label: 'Tên sáng kiến, giải pháp',
      hint: 'Ngắn gọn, nêu được việc làm và kết quả, ví dụ: "Hẹn giờ trả kết quả qua tin nhắn Zalo để giảm hồ sơ trễ hẹn".',
    }),
    summary: describe(paragraph(30, 600), {
      label: 'Tóm tắt',
      hint: 'Hai đến bốn câu: vấn đề, cách làm, kết quả chính. Dùng cho danh sách và kết quả tìm kiếm.',
    }),
    campaign: describe(slugId, { label: 'Đợt phát động' }),
    unit: describe(slugId, {
      label: 'Cơ quan, đơn vị chủ trì',
      hint: 'Nơi áp dụng sáng kiến lần đầu.',
    }),
    authors: describe(
      z
        .array(authorSchema)
        .min(1, { error: 'Cần ít nhất một tác giả.' })
        .max(20, { error: 'Không quá 20 tác giả.' }),
      {
        label: 'Tác giả',
        hint: 'Nhóm tác giả ghi đủ tất cả thành viên và tỷ lệ đóng góp của từng người (tổng 100%). Không ghi số điện thoại, thư điện tử, số định danh.',
      },
    ),
    areas: describe(
      uniqueList(
        z.enum(reformAreaIds, { error: 'Nội dung cải cách không có trong danh mục.' }),
        'nội dung cải cách',
      ).min(1, { error: 'Chọn ít nhất một nội dung cải cách.' }),
      {
        label: 'Nội dung cải cách hành chính',
      },
    ),
    fields: describe(
      uniqueList(
        z.enum(applicationFieldIds, { error: 'Lĩnh vực không có trong danh mục.' }),
        'lĩnh vực',
      ).min(1, { error: 'Chọn ít nhất một lĩnh vực áp dụng.' }),
      {
        label: 'Lĩnh vực áp dụng',
      },
    ),
    goals: describe(
      uniqueList(
        z.enum(themeGoalIds, { error: 'Mục tiêu không có trong danh mục.' }),
        'mục tiêu',
      ).default([]),
      {
        label: 'Mục tiêu của chủ đề năm',
        hint: 'Những mục tiêu của chủ đề mà sáng kiến góp phần đạt được.',
      },
    ),
    firstApplied: describe(isoDate, {
      label: 'Ngày áp dụng lần đầu hoặc áp dụng thử',
    }),
    submitted: describe(isoDate, {
      label: 'Ngày gửi',
      hint: 'Ngày gửi sáng kiến; phải trong thời gian nhận của đợt phát động.',
    }),
    trialParticipants: describe(z.array(personSchema).max(30).default([]), {
      label: 'Người tham gia áp dụng lần đầu',
      hint: 'Những người đã tham gia áp dụng thử, ngoài các tác giả.',
    }),
    indicators: describe(z.array(indicatorSchema).max(12).default([]), {
      label: 'Chỉ số trước và sau khi áp dụng',
      hint: 'Số liệu đo được, có kỳ và nguồn. Hội đồng đánh giá hiệu quả chủ yếu dựa vào đây.',
    }),
    attachments: describe(z.array(attachmentSchema).max(20).default([]), {
      label: 'Tệp đính kèm',
      hint: 'Ảnh chụp, sơ đồ, văn bản áp dụng. Ảnh tối đa 5 MB, tài liệu tối đa 10 MB mỗi tệp.',
    }),
    videos: describe(z.array(videoSchema).max(5).default([]), {
      label: 'Video',
      hint: 'Đường liên kết https tới video; không đính kèm tệp video.',
    }),
    adaptedFrom: describe(uniqueList(slugId, 'sáng kiến').default([]), {
      label: 'Kế thừa, học tập từ sáng kiến',
      hint: 'Các sáng kiến đã có mà sáng kiến này điều chỉnh, học tập.',
    }),
    keywords: describe(uniqueList(line(2, 40), 'từ khóa').max(10).default([]), {
      label: 'Từ khóa',
    }),
    sample: sampleFlag,
  })
  .superRefine(
    (initiative, ctx) => {
      // Read defensively: the rules below also run while other fields are still wrong.
      const data = initiative as unknown as Record<string, unknown>;
      const authors = listOf(data.authors);
      const shares = authors.map((author) => author.share);
      const missing = shares.filter((share) => share === undefined).length;
      if (authors.length > 1 && missing > 0) {
        shares.forEach((share, index) => {
          if (share === undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['authors', index, 'share'],
              message: 'Nhóm tác giả: mỗi người phải có tỷ lệ đóng góp.',
            });
          }
        });
      } else if (missing < authors.length && shares.every((share) => typeof share === 'number')) {
        const total = (shares as number[]).reduce((sum, share) => sum + share, 0);
        if (Math.abs(total - 100) > 0.01) {
          ctx.addIssue({
            code: 'custom',
            path: ['authors'],
            message: `Tổng tỷ lệ đóng góp là ${Number(total.toFixed(2))}%, phải bằng 100%.`,
          });
        }
      }
      const names = new Set<string>();
      authors.forEach((author, index) => {
        if (typeof author.name !== 'string') return;
        const key = nameKey(author.name);
        if (names.has(key))
          ctx.addIssue({
            code: 'custom',
            path: ['authors', index, 'name'],
            message: `Tác giả "${author.name}" bị ghi hai lần.`,
          });
        names.add(key);
      });
      const files = new Set<string>();
      listOf(data.attachments).forEach((attachment, index) => {
        if (typeof attachment.file !== 'string') return;
        if (files.has(attachment.file))
          ctx.addIssue({
            code: 'custom',
            path: ['attachments', index, 'file'],
            message: `Tệp "${attachment.file}" được khai báo hai lần.`,
          });
        files.add(attachment.file);
      });
      // Between two calendar days only: a malformed one already has its own message.
      const { firstApplied, submitted } = data;
      if (
        typeof firstApplied === 'string' &&
        typeof submitted === 'string' &&
        isIsoDate(firstApplied) &&
        isIsoDate(submitted) &&
        firstApplied > submitted
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['firstApplied'],
          message:
            'Ngày áp dụng lần đầu muộn hơn ngày gửi: sáng kiến phải được áp dụng hoặc áp dụng thử trước khi gửi.',
        });
      }
    },
    {
      // zod skips a refinement while any field has an issue: the form's panel then showed the
      // shares' sum only after every other mistake was mended. Judged with them instead.
      when: (payload) => typeof payload.value === 'object' && payload.value !== null,
    },
  );

/** The objects of a list that may still be malformed: anything else is left to the schema. */
function listOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter(
        (item): item is Record<string, unknown> => typeof item === 'object' && item !== null,
      )
    : [];
}
export type Initiative = z.infer<typeof initiativeSchema>;
