import {
  applicationFields,
  attachmentTypeOf,
  attachmentTypes,
  reformAreas,
  type Term,
  termById,
  themeGoals,
} from '../schemas/vocabularies.ts';

function lookup<T extends Term>(list: readonly T[], what: string) {
  const byId = new Map(list.map((term) => [term.id as string, term]));
  return (id: string): T => {
    const term = byId.get(id) ?? termById(list, id);
    if (!term) throw new Error(`Mã ${what} "${id}" không có trong danh mục.`);
    return term;
  };
}

export const area = lookup(reformAreas, 'nội dung cải cách');
export const field = lookup(applicationFields, 'lĩnh vực');
export const goal = lookup(themeGoals, 'mục tiêu');

/** Vietnamese name of an attachment's type ("Hình ảnh", "Tài liệu PDF", …). */
export function attachmentTypeName(fileName: string): string {
  const type = attachmentTypeOf(fileName);
  return type ? attachmentTypes[type].name : 'Tệp';
}

/** File extension in capitals, as printed beside a download link ("PDF", "DOCX"). */
export function extensionLabel(fileName: string): string {
  return (fileName.split('.').pop() ?? '').toUpperCase();
}
