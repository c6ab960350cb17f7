import { z } from 'zod';
import { documentRef, isoDate, line, paragraph, sampleFlag, slugId, uniqueList } from './common.ts';
import { describe } from './meta.ts';
import { ballotVoteIds, memberRoleIds } from './vocabularies.ts';

export const memberSchema = z.strictObject({
  id: describe(slugId, {
    label: 'Mã thành viên',
    hint: 'Dùng trong phiếu chấm và biểu quyết.',
    example: 'nguyen-van-a',
  }),
  name: describe(line(2, 80), { label: 'Họ và tên' }),
  position: describe(line(2, 160), { label: 'Chức vụ' }),
  role: describe(z.enum(memberRoleIds, { error: 'Vai trò không hợp lệ.' }), {
    label: 'Vai trò trong hội đồng',
  }),
});
export type Member = z.infer<typeof memberSchema>;

/**
 * One member's ballot line for one initiative, as `decide` read it: the marks per criterion
 * and the vote. Kept so the averages can be recomputed and an author's own marks caught.
 */
export const memberMarkSchema = z.strictObject({
  member: describe(slugId, {
    label: 'Thành viên',
    hint: 'Mã thành viên trong danh sách hội đồng.',
  }),
  scores: describe(z.record(slugId, z.number().min(0, { error: 'Điểm không được âm.' })), {
    label: 'Điểm theo tiêu chí',
    hint: 'Điểm thành viên này chấm, theo mã tiêu chí của thang điểm.',
  }),
  vote: describe(z.enum(ballotVoteIds, { error: 'Biểu quyết là "for" hoặc "against".' }), {
    label: 'Biểu quyết',
  }),
});
export type MemberMark = z.infer<typeof memberMarkSchema>;

export const resultSchema = z.strictObject({
  initiative: describe(slugId, { label: 'Sáng kiến' }),
  scores: describe(z.record(slugId, z.number().min(0, { error: 'Điểm không được âm.' })), {
    label: 'Điểm theo tiêu chí',
    hint: 'Điểm bình quân của các thành viên, theo mã tiêu chí của thang điểm.',
  }),
  votesFor: describe(z.number().int().min(0), { label: 'Số phiếu đồng ý' }),
  votesAgainst: describe(z.number().int().min(0), { label: 'Số phiếu không đồng ý' }),
  recused: describe(uniqueList(slugId, 'thành viên không biểu quyết').default([]), {
    label: 'Thành viên không tham gia biểu quyết',
    hint: 'Thành viên là tác giả của sáng kiến không chấm và không biểu quyết.',
  }),
  marks: describe(z.array(memberMarkSchema).optional(), {
    label: 'Phiếu của từng thành viên',
    hint: 'Điểm và biểu quyết của từng thành viên đã chấm (thành viên vắng, tác giả không có dòng). Có thì điểm bình quân và số phiếu phải khớp; quyết định ghi trước khi có mục này vẫn hợp lệ.',
  }),
  recognised: describe(z.boolean(), { label: 'Được công nhận là sáng kiến' }),
  grade: describe(slugId.optional(), {
    label: 'Mức xếp loại',
    hint: 'Mã mức xếp loại trong thang điểm của đợt.',
  }),
  scope: describe(slugId.optional(), {
    label: 'Phạm vi ảnh hưởng',
    hint: 'Mã phạm vi (cơ sở, huyện, tỉnh, toàn quốc).',
  }),
  replicate: describe(z.boolean().default(false), { label: 'Chọn để nhân rộng' }),
  note: describe(paragraph(3, 600).optional(), { label: 'Ghi chú của hội đồng' }),
});
export type DecisionResult = z.infer<typeof resultSchema>;

/**
 * The committee's decision for one campaign (`content/decisions/<campaign>.yaml`).
 * Committee-owned: a submitter's pull request may not change it.
 * Cross-file rules (scores within the rubric, two-thirds majority, recusal of
 * authors) are checked by the validator, which knows the campaign and entries.
 */
export const decisionSchema = z.strictObject({
  campaign: describe(slugId, { label: 'Đợt phát động' }),
  document: describe(documentRef, { label: 'Quyết định công nhận' }),
  meetingOn: describe(isoDate, { label: 'Ngày họp xét', example: '2024-09-26' }),
  members: describe(z.array(memberSchema).min(3, { error: 'Hội đồng cần ít nhất 3 thành viên.' }), {
    label: 'Thành viên hội đồng',
  }),
  results: describe(z.array(resultSchema).default([]), { label: 'Kết quả xét từng sáng kiến' }),
  sample: sampleFlag,
});
export type Decision = z.infer<typeof decisionSchema>;

/** Share of the voting members needed to recognise an initiative. */
export const RECOGNITION_MAJORITY = 2 / 3;
