import { z } from 'zod';
import { line, slugId, validity } from './common.ts';
import { describe } from './meta.ts';
import { unitKindIds } from './vocabularies.ts';

/**
 * An agency, office, commune or town. The list is data (`content/units.yaml`):
 * another locality replaces that file, not code. Units that no longer exist keep
 * their `validTo` date so that past campaigns still resolve.
 */
export const unitSchema = z.strictObject({
  id: describe(slugId, {
    label: 'Mã đơn vị',
    hint: 'Chữ thường không dấu, nối bằng gạch ngang; không đổi sau khi đã dùng.',
    example: 'xa-duc-phu',
  }),
  name: describe(line(3, 160), { label: 'Tên đơn vị', example: 'UBND xã Đức Phú' }),
  kind: describe(z.enum(unitKindIds, { error: 'Loại đơn vị không có trong danh mục.' }), {
    label: 'Loại đơn vị',
  }),
  parent: describe(slugId.optional(), {
    label: 'Đơn vị cấp trên',
    hint: 'Mã của đơn vị quản lý trực tiếp, nếu có.',
  }),
  locality: describe(line(3, 160).optional(), {
    label: 'Địa bàn',
    hint: 'Huyện, tỉnh nơi đơn vị đóng trụ sở (theo địa giới tại thời điểm hiệu lực).',
    example: 'Huyện Tánh Linh, tỉnh Bình Thuận',
  }),
  ...validity,
  successor: describe(slugId.optional(), {
    label: 'Đơn vị kế thừa',
    hint: 'Khi đơn vị hết hiệu lực (sáp nhập, sắp xếp lại): mã đơn vị nhận lại nhiệm vụ của đơn vị này.',
    example: 'xa-tanh-linh',
  }),
});
export type Unit = z.infer<typeof unitSchema>;

/** Issues of a list whose items carry ids: each id once. */
function uniqueIds(list: readonly { id: string }[], noun: string, context: z.RefinementCtx): void {
  const first = new Map<string, number>();
  list.forEach((item, index) => {
    const seen = first.get(item.id);
    if (seen === undefined) first.set(item.id, index);
    else
      context.addIssue({
        code: 'custom',
        path: [index, 'id'],
        message: `Mã ${noun} "${item.id}" bị lặp (đã có ở mục thứ ${seen + 1}).`,
      });
  });
}

/** The unit list (`content/units.yaml`): ids unique, every parent in the list. */
export const unitListSchema = z.array(unitSchema).superRefine((list, context) => {
  uniqueIds(list, 'đơn vị', context);
  const ids = new Set(list.map((unit) => unit.id));
  list.forEach((unit, index) => {
    if (unit.parent && !ids.has(unit.parent))
      context.addIssue({
        code: 'custom',
        path: [index, 'parent'],
        message: `Đơn vị cấp trên "${unit.parent}" không có trong danh mục.`,
      });
    if (unit.successor && !ids.has(unit.successor))
      context.addIssue({
        code: 'custom',
        path: [index, 'successor'],
        message: `Đơn vị kế thừa "${unit.successor}" không có trong danh mục.`,
      });
    if (unit.successor && !unit.validTo)
      context.addIssue({
        code: 'custom',
        path: [index, 'successor'],
        message: 'Chỉ ghi đơn vị kế thừa khi đơn vị đã có ngày hết hiệu lực.',
      });
  });
});

/**
 * A scope of influence (cơ sở, huyện, tỉnh, toàn quốc). Scope levels feed
 * emulation titles and change with administrative reorganisation, so they are
 * dated data in `content/scope-levels.yaml`.
 */
export const scopeLevelSchema = z.strictObject({
  id: describe(slugId, { label: 'Mã phạm vi', example: 'huyen' }),
  name: describe(line(3, 120), { label: 'Tên phạm vi ảnh hưởng', example: 'Cấp huyện' }),
  rank: describe(z.number().int().min(1).max(10), {
    label: 'Thứ bậc',
    hint: '1 là phạm vi hẹp nhất (cơ sở).',
  }),
  ...validity,
});
export type ScopeLevel = z.infer<typeof scopeLevelSchema>;

/** The scope list (`content/scope-levels.yaml`): ids unique. */
export const scopeLevelListSchema = z
  .array(scopeLevelSchema)
  .superRefine((list, context) => uniqueIds(list, 'phạm vi', context));
