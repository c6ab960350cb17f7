/**
 * The shape of the open data (/du-lieu/initiatives.json), as a zod schema. It is the one
 * definition of the export: the keys and types of the JSON, the CSV's column headers and
 * the page's field table come from it, and the published JSON Schema is generated from it
 * with zod's `z.toJSONSchema()`. Fields copied from the content model reuse the model's own
 * schemas (a title's length, a date's pattern, the vocabularies' ids), so a change to the
 * model changes the published schema with it.
 *
 * Missing values: a field always appears; a value that does not exist (no decision yet, no
 * grade) is `null`, an empty list is `[]`. The CSV writes both as an empty cell.
 */
import { z } from 'zod';
import { decisionStatuses } from '../core/status.ts';
import { isoDate, slugId } from '../schemas/common.ts';
import { initiativeSchema } from '../schemas/initiative.ts';
import { labelOf } from '../schemas/tree.ts';
import {
  applicationFieldIds,
  indicatorDirectionIds,
  indicatorKindIds,
  reformAreaIds,
  themeGoalIds,
} from '../schemas/vocabularies.ts';

/** What the CSV header and the page say about a field; `title` is the CSV column header. */
export interface OpenDataMeta {
  title?: string;
  description: string;
}

/** Titles and descriptions, written into the JSON Schema as its `title` and `description`. */
export const openDataMeta = z.registry<OpenDataMeta>();

/** A copy of a schema with its title and description (shared schemas get their own copy). */
function field<T extends z.ZodType>(schema: T, meta: OpenDataMeta): T {
  const copy = schema.clone() as T;
  openDataMeta.add(copy as z.ZodType, meta);
  return copy;
}

const model = initiativeSchema.shape;
const text = z.string();
const count = z.number().int().min(0);

/** An entry of a vocabulary or a catalogue: its stable id and its Vietnamese name. */
const term = <Id extends z.ZodType>(id: Id) => z.strictObject({ id, name: text });

const measurement = z.strictObject({
  value: field(z.number(), { description: 'Giá trị đo được, là số; đơn vị ở trường `unit`.' }),
  period: field(text, { description: 'Kỳ số liệu.' }),
});

const indicator = z.strictObject({
  kind: field(z.enum(indicatorKindIds), { description: 'Mã loại chỉ số trong danh mục.' }),
  kindName: field(text, { description: 'Tên loại chỉ số.' }),
  label: field(text.nullable(), {
    description: 'Tên riêng của chỉ số (phạm vi, hoặc tên của “Chỉ số khác”); null nếu không có.',
  }),
  unit: field(text, { description: 'Đơn vị tính của hai giá trị; "" nếu là số đếm không đơn vị.' }),
  better: field(z.enum(indicatorDirectionIds), {
    description: 'Chiều tốt: "lower" (càng thấp càng tốt) hoặc "higher" (càng cao càng tốt).',
  }),
  before: field(measurement, { description: 'Trước khi áp dụng.' }),
  after: field(measurement, { description: 'Sau khi áp dụng.' }),
  source: field(text, { description: 'Nguồn số liệu.' }),
  verdict: field(z.enum(['improved', 'worse', 'unchanged']), {
    description: 'So sánh sau với trước theo chiều tốt: cải thiện, chưa cải thiện, không đổi.',
  }),
});

const author = z.strictObject({
  name: field(text, { description: 'Họ và tên.' }),
  share: field(z.number().nullable(), {
    description: 'Tỷ lệ đóng góp, phần trăm; null khi không ghi (một tác giả).',
  }),
});

/** One initiative: one JSON object, one CSV row; the keys in the order of the CSV's columns. */
export const openDataRecordSchema = z.strictObject({
  id: field(slugId, {
    title: 'Mã sáng kiến',
    description: 'Mã sáng kiến, cũng là phần cuối địa chỉ trang.',
  }),
  url: field(text, { title: 'Địa chỉ trang', description: 'Địa chỉ đầy đủ của trang sáng kiến.' }),
  title: field(model.title, {
    title: labelOf(model.title),
    description: 'Tên sáng kiến, giải pháp.',
  }),
  summary: field(model.summary, {
    title: 'Tóm tắt',
    description: 'Tóm tắt vấn đề, cách làm, kết quả.',
  }),
  campaign: field(slugId, { title: 'Mã đợt phát động', description: 'Mã đợt phát động.' }),
  year: field(z.number().int().nullable(), {
    title: 'Năm',
    description: 'Năm của đợt phát động.',
  }),
  unit: field(slugId, {
    title: 'Mã đơn vị',
    description: 'Mã đơn vị chủ trì trong danh mục đơn vị.',
  }),
  unitName: field(text.nullable(), {
    title: 'Đơn vị chủ trì',
    description: 'Tên cơ quan, đơn vị chủ trì.',
  }),
  authors: field(z.array(author), {
    title: 'Tác giả',
    description:
      'Tác giả và tỷ lệ đóng góp (%). JSON: danh sách đối tượng; CSV: “Họ tên (tỷ lệ%)”, cách nhau bằng “; ”.',
  }),
  areas: field(z.array(term(z.enum(reformAreaIds))), {
    title: 'Nội dung cải cách',
    description:
      'Nội dung cải cách hành chính. JSON: mã và tên; CSV: các tên, cách nhau bằng “; ”.',
  }),
  fields: field(z.array(term(z.enum(applicationFieldIds))), {
    title: 'Lĩnh vực áp dụng',
    description: 'Lĩnh vực áp dụng. JSON: mã và tên; CSV: các tên, cách nhau bằng “; ”.',
  }),
  goals: field(z.array(term(z.enum(themeGoalIds))), {
    title: 'Mục tiêu của chủ đề năm',
    description: 'Mục tiêu của chủ đề năm mà sáng kiến góp phần đạt được; có thể rỗng.',
  }),
  firstApplied: field(isoDate, {
    title: 'Ngày áp dụng lần đầu',
    description: 'Ngày áp dụng lần đầu hoặc áp dụng thử, dạng YYYY-MM-DD.',
  }),
  submitted: field(isoDate, { title: 'Ngày gửi', description: 'Ngày gửi, dạng YYYY-MM-DD.' }),
  indicators: field(z.array(indicator), {
    title: 'Chỉ số trước và sau',
    description:
      'Chỉ số đo trước và sau khi áp dụng. JSON: loại, đơn vị, chiều tốt, giá trị là số; CSV: “Tên: trước → sau (chiều tốt)”, cách nhau bằng “; ”.',
  }),
  statusId: field(z.enum(decisionStatuses.map((status) => status.id)), {
    title: 'Mã kết quả xét',
    description: `Kết quả xét của Hội đồng: ${decisionStatuses.map((status) => `"${status.id}" (${status.name.toLowerCase()})`).join(', ')}.`,
  }),
  status: field(text, {
    title: 'Kết quả xét',
    description:
      'Kết quả xét như trang web ghi: “Được công nhận — <xếp loại>”, “Chưa được công nhận” hoặc “Chưa xét”.',
  }),
  decision: field(text.nullable(), {
    title: 'Số quyết định',
    description: 'Số, ký hiệu quyết định công nhận của đợt; null khi Hội đồng chưa xét.',
  }),
  decisionDate: field(isoDate.nullable(), {
    title: 'Ngày quyết định',
    description: 'Ngày ban hành quyết định, dạng YYYY-MM-DD; null khi chưa xét.',
  }),
  recognised: field(z.boolean().nullable(), {
    title: 'Được công nhận',
    description: 'true/false (CSV: Có/Không); null khi chưa xét.',
  }),
  score: field(z.number().nullable(), {
    title: 'Tổng điểm',
    description: 'Tổng điểm Hội đồng chấm; null khi chưa xét.',
  }),
  maxScore: field(z.number().nullable(), {
    title: 'Điểm tối đa',
    description: 'Tổng điểm tối đa của thang điểm đợt; null khi chưa xét.',
  }),
  grade: field(slugId.nullable(), {
    title: 'Mã xếp loại',
    description: 'Mã mức xếp loại trong thang điểm của đợt; null khi không có.',
  }),
  gradeName: field(text.nullable(), {
    title: 'Xếp loại',
    description: 'Tên mức xếp loại; null khi không có.',
  }),
  scope: field(slugId.nullable(), {
    title: 'Mã phạm vi ảnh hưởng',
    description: 'Mã phạm vi ảnh hưởng do Hội đồng xác định; null khi không có.',
  }),
  scopeName: field(text.nullable(), {
    title: 'Phạm vi ảnh hưởng',
    description: 'Tên phạm vi ảnh hưởng; null khi không có.',
  }),
  replicate: field(z.boolean().nullable(), {
    title: 'Chọn để nhân rộng',
    description: 'true/false (CSV: Có/Không); null khi chưa xét.',
  }),
  adoptions: field(count, {
    title: 'Số đơn vị đã áp dụng',
    description: 'Số báo cáo nhân rộng đã ghi nhận.',
  }),
  sample: field(z.boolean(), {
    title: 'Dữ liệu mẫu',
    description: 'true nếu là nội dung minh họa (CSV: Có/Không).',
  }),
});
export type OpenDataRecord = z.output<typeof openDataRecordSchema>;
export type OpenDataKey = keyof OpenDataRecord;

/** The whole file: who publishes it, under which licence, as of which date, and the records. */
export const openDataDocumentSchema = z.strictObject({
  $schema: field(text, { description: 'Địa chỉ của JSON Schema mô tả tệp này.' }),
  name: field(text, { description: 'Tên nguồn dữ liệu.' }),
  url: field(text, { description: 'Trang mô tả dữ liệu.' }),
  publisher: field(
    z
      .strictObject({
        name: field(text, { description: 'Tên cơ quan.' }),
        office: field(text, { description: 'Bộ phận cập nhật dữ liệu và trả lời người dùng.' }),
        email: field(text, { description: 'Thư điện tử của bộ phận ấy.' }),
        url: field(text.nullable(), {
          description: 'Cổng thông tin của cơ quan; null khi chưa ghi.',
        }),
      })
      .nullable(),
    {
      description:
        'Cơ quan công bố dữ liệu: cơ quan quản lý trang (cơ quan tổ chức có operatesSite); null khi chưa ghi cơ quan nào.',
    },
  ),
  licence: field(z.strictObject({ name: text, title: text, url: text }), {
    description: 'Giấy phép dùng lại dữ liệu.',
  }),
  modified: field(isoDate.nullable(), {
    description:
      'Ngày dữ liệu: ngày của SOURCE_DATE_EPOCH khi bản dựng đặt biến này, nếu không là ngày mới nhất trong nội dung (ngày gửi, ngày quyết định, ngày áp dụng nhân rộng); null khi chưa có nội dung.',
  }),
  count: field(count, { description: 'Số sáng kiến.' }),
  initiatives: field(z.array(openDataRecordSchema), { description: 'Các sáng kiến.' }),
});
export type OpenDataDocument = z.output<typeof openDataDocumentSchema>;

/**
 * The published JSON Schema (draft 2020-12) of a zod schema of the open data, by default of
 * the whole file; `id` is the address it is published at.
 */
export function openDataJsonSchema(
  id: string,
  schema: z.ZodType = openDataDocumentSchema,
): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'output',
    metadata: openDataMeta,
    override: ({ jsonSchema }) => {
      // `int()` states the safe-integer range as bounds; they say nothing about the data.
      if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
    },
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: id,
    title: 'Dữ liệu mở: danh sách sáng kiến',
    ...rest,
  };
}
