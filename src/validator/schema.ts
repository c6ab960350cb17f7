/** Schema rule: the zod model in src/schemas is the only definition of a valid entry. */
import type { z } from 'zod';
import { error, type FieldPath, formatFieldPath, type Problem } from '../model/problems.ts';
import { fieldLabel } from './labels.ts';

export interface SchemaResult<T> {
  data: T | undefined;
  problems: Problem[];
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `Có trường không thuộc mẫu: ${issue.keys.map((key) => `"${key}"`).join(', ')}. Hãy xóa hoặc sửa tên trường.`;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'Chưa điền (bắt buộc).';
  if (issue.code === 'invalid_type') {
    const expected: Record<string, string> = {
      string: 'chuỗi ký tự',
      number: 'một số',
      boolean: 'có/không (true/false)',
      array: 'một danh sách',
      object: 'một nhóm trường',
    };
    return `Sai kiểu dữ liệu: cần ${expected[issue.expected] ?? issue.expected}.`;
  }
  if (issue.code === 'invalid_value' && issue.message.startsWith('Invalid')) {
    return `Giá trị không hợp lệ; chọn một trong: ${issue.values.map(String).join(', ')}.`;
  }
  if (issue.code === 'too_small' && issue.message.startsWith('Too small')) {
    return `Giá trị nhỏ hơn mức tối thiểu (${String(issue.minimum)}).`;
  }
  if (issue.code === 'too_big' && issue.message.startsWith('Too big')) {
    return `Giá trị vượt mức tối đa (${String(issue.maximum)}).`;
  }
  return issue.message;
}

export function checkSchema<T>(
  schema: z.ZodType<T>,
  data: unknown,
  lineOf: (path: FieldPath) => number | undefined,
  basePath: FieldPath = [],
): SchemaResult<T> {
  const result = schema.safeParse(data);
  if (result.success) return { data: result.data, problems: [] };
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.filter(
      (segment): segment is string | number => typeof segment !== 'symbol',
    );
    const fullPath = [...basePath, ...path];
    const label = path.length > 0 ? fieldLabel(schema, path) : '';
    return error('schema.invalid', `${label ? `${label}: ` : ''}${describeIssue(issue)}`, {
      field: fullPath.length > 0 ? formatFieldPath(fullPath) : undefined,
      line: lineOf(fullPath),
    });
  });
  return { data: undefined, problems };
}
