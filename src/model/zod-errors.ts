/**
 * The one formatter of zod issues: a Vietnamese sentence per issue that says what was
 * expected and what was found, with the field's label in front. Every gate that runs a
 * schema (validator, build, documents, committee commands, the admin form) prints
 * issues through here. Parse with `parseWithInput` so that issues carry the value found.
 */
import type { z } from 'zod';
import { clipText } from '../core/text.ts';
import { fieldLabel } from './labels.ts';
import type { FieldPath } from './problems.ts';

/** `schema.safeParse` that keeps the input on every issue (zod 4 drops it by default). */
export function parseWithInput<T>(schema: z.ZodType<T>, data: unknown) {
  return schema.safeParse(data, { reportInput: true });
}

const TYPE_NAMES: Record<string, string> = {
  string: 'chuỗi ký tự',
  number: 'một số',
  int: 'một số nguyên',
  boolean: 'có/không (true/false)',
  array: 'một danh sách',
  object: 'một nhóm trường',
  date: 'một ngày',
  null: 'giá trị rỗng',
  undefined: 'không có giá trị',
  nan: 'giá trị không phải số',
  bigint: 'một số nguyên lớn',
};

/** What a value is, in words, with a short quotation of it. */
export function describeFound(value: unknown): string {
  if (value === null) return 'giá trị rỗng (null)';
  if (Array.isArray(value)) return `một danh sách ${value.length} mục`;
  if (value instanceof Date) return `một ngày giờ (${value.toISOString()})`;
  switch (typeof value) {
    case 'string':
      return value.trim() === '' ? 'chuỗi rỗng' : `chuỗi «${clip(value)}»`;
    case 'number':
      return `số ${String(value)}`;
    case 'boolean':
      return value ? 'giá trị true (có)' : 'giá trị false (không)';
    case 'object':
      return 'một nhóm trường';
    default:
      return typeof value;
  }
}

function clip(text: string, max = 60): string {
  return clipText(text.replace(/\s+/g, ' '), max);
}

function sizeWords(origin: string | undefined, bound: number | bigint): string {
  const n = String(bound);
  if (origin === 'string') return `${n} ký tự`;
  if (origin === 'array' || origin === 'set') return `${n} mục`;
  if (origin === 'file') return `${n} byte`;
  return n;
}

function actualSize(origin: string | undefined, input: unknown): string | undefined {
  if (origin === 'string' && typeof input === 'string') return `${[...input].length} ký tự`;
  if ((origin === 'array' || origin === 'set') && Array.isArray(input))
    return `${input.length} mục`;
  if (typeof input === 'number') return String(input);
  return undefined;
}

/** Zod's own English messages start with these words; project messages are Vietnamese. */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Expected|Unrecognized|Required)/;

/** A project message with what was found added before its final full stop. */
function withFound(message: string, found: string): string {
  return `${message.replace(/[.。]\s*$/, '')} (${found}).`;
}

/** One issue as a Vietnamese sentence, without the field label. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  const custom = !ZOD_DEFAULT.test(issue.message);
  switch (issue.code) {
    case 'unrecognized_keys':
      return `Có trường không thuộc mẫu: ${issue.keys.map((key) => `"${key}"`).join(', ')}. Hãy xóa hoặc sửa tên trường.`;
    case 'invalid_type': {
      if (input === undefined) return 'Chưa điền (bắt buộc).';
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      const found = describeFound(input);
      if (custom) return withFound(issue.message, `đang là ${found}`);
      return `Sai kiểu dữ liệu: cần ${expected}, nhưng đang là ${found}.`;
    }
    case 'invalid_value': {
      if (custom)
        return input === undefined
          ? issue.message
          : withFound(issue.message, `đang là ${describeFound(input)}`);
      const found = input === undefined ? '' : ` (đang là ${describeFound(input)})`;
      return `Giá trị không hợp lệ${found}; chọn một trong: ${issue.values.map(String).join(', ')}.`;
    }
    case 'too_small': {
      const size = actualSize(issue.origin, input);
      if (custom) return size ? withFound(issue.message, `đang có ${size}`) : issue.message;
      return `Cần ít nhất ${sizeWords(issue.origin, issue.minimum)}${size ? `, đang có ${size}` : ''}.`;
    }
    case 'too_big': {
      const size = actualSize(issue.origin, input);
      if (custom) return size ? withFound(issue.message, `đang có ${size}`) : issue.message;
      return `Tối đa ${sizeWords(issue.origin, issue.maximum)}${size ? `, đang có ${size}` : ''}.`;
    }
    case 'invalid_format': {
      const found = typeof input === 'string' ? `đang là «${clip(input)}»` : '';
      if (custom) return found ? withFound(issue.message, found) : issue.message;
      return found ? `Không đúng định dạng (${found}).` : 'Không đúng định dạng.';
    }
    case 'invalid_union':
      return custom ? issue.message : `Giá trị không hợp lệ (đang là ${describeFound(input)}).`;
    default:
      return issue.message;
  }
}

/**
 * The issues worth showing: once a value has the wrong type, its length or bounds say
 * nothing more (zod checks the length of a list given for a text, too).
 */
export function relevantIssues(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const wrongType = new Set(
    issues
      .filter((issue) => issue.code === 'invalid_type')
      .map((issue) => issuePath(issue).join('.')),
  );
  return issues.filter(
    (issue) =>
      !(
        (issue.code === 'too_small' || issue.code === 'too_big') &&
        wrongType.has(issuePath(issue).join('.'))
      ),
  );
}

/** The path of an issue without symbol keys. */
export function issuePath(issue: z.core.$ZodIssue): FieldPath {
  return issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
}

/** "Label: sentence" for an issue of `schema`; the label names nested fields ("Tác giả thứ 2 › Đơn vị"). */
export function formatIssue(schema: z.ZodType, issue: z.core.$ZodIssue): string {
  const path = issuePath(issue);
  const label = path.length > 0 ? fieldLabel(schema, path) : '';
  return `${label ? `${label}: ` : ''}${describeIssue(issue)}`;
}
