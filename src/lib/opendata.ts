/**
 * The open data export: one definition of the columns feeds the CSV, the JSON
 * and the page that documents them, so the three cannot drift apart.
 */
import { stringify } from 'csv-stringify/sync';
import { indicatorTitle, indicatorUnit } from '../core/indicators.ts';
import { neutraliseCellText } from '../core/spreadsheet.ts';
import { resultSchema } from '../schemas/decision.ts';
import { initiativeSchema } from '../schemas/initiative.ts';
import { labelOf as label } from '../schemas/tree.ts';
import type { InitiativeView } from './catalog.ts';
import { area, field, goal } from './terms.ts';

export interface Column {
  key: string;
  header: string;
  description: string;
  value: (
    view: InitiativeView,
    absoluteUrl: (path: string) => string,
  ) => string | number | boolean | null;
}

const shape = initiativeSchema.shape;
const list = (values: readonly string[]) => values.join('; ');

export function columns(initiativeUrl: (id: string) => string): Column[] {
  return [
    {
      key: 'id',
      header: 'Mã',
      description: 'Mã sáng kiến, cũng là phần cuối địa chỉ trang.',
      value: (v) => v.id,
    },
    {
      key: 'url',
      header: 'Địa chỉ trang',
      description: 'Địa chỉ đầy đủ của trang sáng kiến.',
      value: (v, abs) => abs(initiativeUrl(v.id)),
    },
    {
      key: 'title',
      header: label(shape.title),
      description: 'Tên sáng kiến.',
      value: (v) => v.data.title,
    },
    {
      key: 'summary',
      header: label(shape.summary),
      description: 'Tóm tắt vấn đề, cách làm, kết quả.',
      value: (v) => v.data.summary,
    },
    {
      key: 'campaign',
      header: label(shape.campaign),
      description: 'Mã đợt phát động.',
      value: (v) => v.data.campaign,
    },
    {
      key: 'year',
      header: 'Năm',
      description: 'Năm của đợt phát động.',
      value: (v) => v.campaign?.data.year ?? null,
    },
    {
      key: 'unit',
      header: 'Mã đơn vị',
      description: 'Mã đơn vị chủ trì trong danh mục đơn vị.',
      value: (v) => v.data.unit,
    },
    {
      key: 'unitName',
      header: label(shape.unit),
      description: 'Tên đơn vị chủ trì.',
      value: (v) => v.unit?.name ?? '',
    },
    {
      key: 'authors',
      header: label(shape.authors),
      description: 'Họ tên tác giả và tỷ lệ đóng góp, cách nhau bằng dấu chấm phẩy.',
      value: (v) =>
        list(
          v.data.authors.map((a) => (a.share === undefined ? a.name : `${a.name} (${a.share}%)`)),
        ),
    },
    {
      key: 'areas',
      header: label(shape.areas),
      description: 'Nội dung cải cách hành chính.',
      value: (v) => list(v.data.areas.map((id) => area(id).name)),
    },
    {
      key: 'fields',
      header: label(shape.fields),
      description: 'Lĩnh vực áp dụng.',
      value: (v) => list(v.data.fields.map((id) => field(id).name)),
    },
    {
      key: 'goals',
      header: label(shape.goals),
      description: 'Mục tiêu của chủ đề năm mà sáng kiến góp phần đạt được.',
      value: (v) => list(v.data.goals.map((id) => goal(id).name)),
    },
    {
      key: 'firstApplied',
      header: label(shape.firstApplied),
      description: 'Ngày áp dụng lần đầu, dạng YYYY-MM-DD.',
      value: (v) => v.data.firstApplied,
    },
    {
      key: 'submitted',
      header: label(shape.submitted),
      description: 'Ngày gửi, dạng YYYY-MM-DD.',
      value: (v) => v.data.submitted,
    },
    {
      key: 'indicators',
      header: label(shape.indicators),
      description: 'Mỗi chỉ số: tên, giá trị trước → sau, đơn vị.',
      value: (v) =>
        list(
          v.data.indicators.map((i) =>
            `${indicatorTitle(i)}: ${i.before.value} → ${i.after.value} ${indicatorUnit(i)}`.trim(),
          ),
        ),
    },
    {
      key: 'status',
      header: 'Kết quả xét',
      description:
        'Kết quả xét của Hội đồng: "Được công nhận — <xếp loại>", "Chưa được công nhận" hoặc "Chưa xét".',
      value: (v) => v.status.label,
    },
    {
      key: 'recognised',
      header: label(resultSchema.shape.recognised),
      description: 'Có/không; để trống khi Hội đồng chưa xét.',
      value: (v) => (v.result ? v.result.result.recognised : null),
    },
    {
      key: 'score',
      header: 'Tổng điểm',
      description: 'Tổng điểm Hội đồng chấm; để trống khi chưa xét.',
      value: (v) => v.result?.total ?? null,
    },
    {
      key: 'grade',
      header: label(resultSchema.shape.grade),
      description: 'Mức xếp loại.',
      value: (v) => v.result?.gradeName ?? '',
    },
    {
      key: 'scope',
      header: label(resultSchema.shape.scope),
      description: 'Phạm vi ảnh hưởng do Hội đồng xác định.',
      value: (v) => v.result?.scope?.name ?? '',
    },
    {
      key: 'replicate',
      header: label(resultSchema.shape.replicate),
      description: 'Có/không.',
      value: (v) => (v.result ? v.result.result.replicate : null),
    },
    {
      key: 'adoptions',
      header: 'Số đơn vị đã áp dụng',
      description: 'Số báo cáo nhân rộng đã ghi nhận.',
      value: (v) => v.adoptions.length,
    },
    {
      key: 'sample',
      header: 'Dữ liệu mẫu',
      description: 'Có nếu là nội dung minh họa.',
      value: (v) => v.data.sample,
    },
  ];
}

/** Text is neutralised before numbers become text: a negative number stays a number. */
function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'string') return neutraliseCellText(value);
  return String(value);
}

/**
 * CSV with a UTF-8 byte order mark, so that Excel shows Vietnamese letters correctly;
 * no cell starts like a formula (src/core/spreadsheet.ts).
 */
export function toCsv(
  views: readonly InitiativeView[],
  cols: readonly Column[],
  abs: (path: string) => string,
): string {
  const rows = views.map((view) => cols.map((col) => cell(col.value(view, abs))));
  const header = cols.map((col) => cell(col.header));
  return `\uFEFF${stringify([header, ...rows], { record_delimiter: '\r\n' })}`;
}

export function toRecords(
  views: readonly InitiativeView[],
  cols: readonly Column[],
  abs: (path: string) => string,
): Record<string, string | number | boolean | null>[] {
  return views.map((view) =>
    Object.fromEntries(cols.map((col) => [col.key, col.value(view, abs)])),
  );
}
