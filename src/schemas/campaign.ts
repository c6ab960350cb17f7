import { z } from 'zod';
import { TIME_ZONE } from '../core/dates.ts';
import { documentRef, isoDate, line, paragraph, sampleFlag, slugId, uniqueList } from './common.ts';
import { memberSchema } from './decision.ts';
import { describe } from './meta.ts';
import { campaignStatusIds, memberRoles, themeGoalIds } from './vocabularies.ts';

/** One scoring criterion of a campaign's rubric. */
export const criterionSchema = z.strictObject({
  id: describe(slugId, { label: 'Mã tiêu chí', example: 'novelty' }),
  name: describe(line(3, 120), { label: 'Tên tiêu chí', example: 'Tính mới, tính sáng tạo' }),
  max: describe(z.number().int().min(1).max(100), {
    label: 'Điểm tối đa',
    hint: 'Tổng điểm tối đa của các tiêu chí phải bằng tổng điểm của thang.',
  }),
  description: describe(paragraph(10, 600), { label: 'Nội dung đánh giá' }),
  bands: describe(
    z
      .array(
        z.strictObject({
          min: describe(z.number().int().min(0), { label: 'Từ điểm' }),
          max: describe(z.number().int().min(0), { label: 'Đến điểm' }),
          guidance: describe(paragraph(5, 400), { label: 'Hướng dẫn chấm' }),
        }),
      )
      .default([]),
    {
      label: 'Khung điểm',
      hint: 'Mức điểm và mô tả tương ứng, giúp thành viên hội đồng chấm thống nhất.',
    },
  ),
});
export type Criterion = z.infer<typeof criterionSchema>;

/** A grade the committee may award, by total score (for example Xuất sắc from 85). */
export const gradeSchema = z.strictObject({
  id: describe(slugId, { label: 'Mã mức xếp loại', example: 'xuat-sac' }),
  name: describe(line(2, 60), { label: 'Mức xếp loại', example: 'Xuất sắc' }),
  minScore: describe(z.number().min(0), { label: 'Điểm tối thiểu' }),
});
export type Grade = z.infer<typeof gradeSchema>;

export const rubricSchema = z
  .strictObject({
    total: describe(z.number().int().min(1).max(1000).default(100), {
      label: 'Tổng điểm',
      hint: 'Thường là 100.',
    }),
    passScore: describe(z.number().min(0), {
      label: 'Điểm tối thiểu để được xem xét công nhận',
    }),
    criteria: describe(z.array(criterionSchema).min(1, { error: 'Cần ít nhất một tiêu chí.' }), {
      label: 'Tiêu chí chấm điểm',
    }),
    grades: describe(z.array(gradeSchema).default([]), {
      label: 'Mức xếp loại',
      hint: 'Theo tổng điểm, từ cao xuống thấp.',
    }),
  })
  .superRefine((rubric, ctx) => {
    const sum = rubric.criteria.reduce((total, criterion) => total + criterion.max, 0);
    if (sum !== rubric.total) {
      ctx.addIssue({
        code: 'custom',
        path: ['criteria'],
        message: `Tổng điểm tối đa của các tiêu chí là ${sum}, khác tổng điểm của thang (${rubric.total}).`,
      });
    }
    const seen = new Set<string>();
    rubric.criteria.forEach((criterion, index) => {
      if (seen.has(criterion.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['criteria', index, 'id'],
          message: `Mã tiêu chí "${criterion.id}" bị lặp.`,
        });
      }
      seen.add(criterion.id);
      criterion.bands.forEach((band, bandIndex) => {
        if (band.min > band.max || band.max > criterion.max) {
          ctx.addIssue({
            code: 'custom',
            path: ['criteria', index, 'bands', bandIndex],
            message: `Khung điểm ${band.min}–${band.max} không nằm trong 0–${criterion.max}.`,
          });
        }
      });
    });
    if (rubric.passScore > rubric.total) {
      ctx.addIssue({
        code: 'custom',
        path: ['passScore'],
        message: 'Điểm tối thiểu lớn hơn tổng điểm.',
      });
    }
  });
export type Rubric = z.infer<typeof rubricSchema>;

/**
 * The committee that reviews a campaign's initiatives: who sits on it and in what role.
 * The roster is data, kept with the campaign it serves: `decide` refuses a scoring sheet
 * whose members differ from it and counts two thirds of it, never of the rows a sheet
 * happens to hold.
 */
export const committeeSchema = z
  .strictObject({
    document: describe(documentRef.optional(), {
      label: 'Quyết định thành lập Hội đồng',
      hint: 'Số, ngày, cơ quan ban hành quyết định thành lập (hoặc kiện toàn) Hội đồng.',
    }),
    members: describe(
      z.array(memberSchema).min(3, { error: 'Hội đồng cần ít nhất 3 thành viên.' }),
      {
        label: 'Thành viên Hội đồng',
        hint: 'Đủ mọi thành viên theo quyết định thành lập; mỗi người chấm một phiếu.',
      },
    ),
  })
  .superRefine((committee, ctx) => {
    const ids = new Set<string>();
    const names = new Set<string>();
    committee.members.forEach((member, index) => {
      if (ids.has(member.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['members', index, 'id'],
          message: `Mã thành viên "${member.id}" bị lặp.`,
        });
      }
      ids.add(member.id);
      const name = member.name.normalize('NFC').toLocaleLowerCase('vi');
      if (names.has(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['members', index, 'name'],
          message: `Thành viên "${member.name}" được ghi hai lần.`,
        });
      }
      names.add(name);
    });
    const chairs = committee.members.filter((member) => member.role === 'chair').length;
    if (chairs !== 1) {
      const chair = memberRoles.find((role) => role.id === 'chair')?.name;
      ctx.addIssue({
        code: 'custom',
        path: ['members'],
        message: `Hội đồng cần đúng một ${chair}, đang có ${chairs}.`,
      });
    }
  });
export type Committee = z.infer<typeof committeeSchema>;

/**
 * A yearly call for initiatives. The Markdown body of the campaign file is the
 * announcement, written in the project's own words.
 */
export const campaignSchema = z
  .strictObject({
    year: describe(z.number().int().min(2000).max(2100), { label: 'Năm', example: '2024' }),
    title: describe(line(10, 200), {
      label: 'Tên đợt phát động',
      example: 'Tìm kiếm giải pháp, sáng kiến cải cách hành chính năm 2024',
    }),
    theme: describe(
      z.strictObject({
        title: describe(line(5, 200), {
          label: 'Chủ đề',
          hint: 'Chủ đề cải cách hành chính của năm.',
        }),
        goals: describe(
          uniqueList(
            z.enum(themeGoalIds, { error: 'Mục tiêu không có trong danh mục.' }),
            'mục tiêu',
          ),
          {
            label: 'Mục tiêu đo lường được',
          },
        ),
      }),
      { label: 'Chủ đề năm' },
    ),
    legalBases: describe(
      z.array(documentRef).min(1, { error: 'Cần ít nhất một căn cứ pháp lý.' }),
      {
        label: 'Căn cứ',
        hint: 'Các kế hoạch, văn bản làm căn cứ phát động; thay đổi theo từng năm.',
      },
    ),
    rules: describe(z.array(documentRef).default([]), {
      label: 'Văn bản quy định về sáng kiến',
      hint: 'Điều lệ sáng kiến và văn bản hướng dẫn áp dụng cho đợt này.',
    }),
    organiser: describe(slugId, {
      label: 'Cơ quan tổ chức',
      hint: 'Mã cơ quan phát động trong danh mục cơ quan tổ chức (content/organisers/).',
    }),
    receivingOffice: describe(slugId, {
      label: 'Cơ quan tiếp nhận',
      hint: 'Mã đơn vị tiếp nhận và tổng hợp, thuộc phạm vi của cơ quan tổ chức.',
    }),
    participants: describe(paragraph(10, 600), {
      label: 'Đối tượng tham gia',
    }),
    format: describe(paragraph(10, 600), { label: 'Hình thức tham gia' }),
    paperCopies: describe(z.number().int().min(0).max(10).default(0), {
      label: 'Số bản giấy phải nộp',
      hint: 'Số bản in đóng tập gửi kèm (0 nếu chỉ nộp điện tử).',
    }),
    opensOn: describe(isoDate, { label: 'Ngày bắt đầu nhận' }),
    deadline: describe(isoDate, {
      label: 'Ngày cuối cùng nhận sáng kiến',
      hint: `Ngày cuối cùng còn được nộp, tính theo giờ Việt Nam (${TIME_ZONE}). "Trước ngày 05/9" nghĩa là hạn cuối 04/9.`,
    }),
    timeZone: describe(z.literal(TIME_ZONE).default(TIME_ZONE), { label: 'Múi giờ' }),
    reviewOn: describe(isoDate.optional(), { label: 'Ngày họp xét dự kiến' }),
    status: describe(z.enum(campaignStatusIds, { error: 'Trạng thái không hợp lệ.' }), {
      label: 'Trạng thái',
    }),
    rubric: describe(rubricSchema, { label: 'Thang điểm' }),
    committee: describe(committeeSchema.optional(), {
      label: 'Hội đồng xét sáng kiến',
      hint: 'Danh sách thành viên và vai trò; ghi khi có quyết định thành lập Hội đồng, trước khi chấm điểm. Để trống thì dùng Hội đồng thường trực của cơ quan tổ chức.',
    }),
    sample: sampleFlag,
  })
  .superRefine((campaign, ctx) => {
    if (campaign.deadline < campaign.opensOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['deadline'],
        message: 'Hạn cuối sớm hơn ngày bắt đầu nhận.',
      });
    }
    if (campaign.reviewOn && campaign.reviewOn < campaign.deadline) {
      ctx.addIssue({
        code: 'custom',
        path: ['reviewOn'],
        message: 'Ngày họp xét sớm hơn hạn cuối nhận sáng kiến.',
      });
    }
  });
export type Campaign = z.infer<typeof campaignSchema>;
