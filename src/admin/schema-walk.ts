import type { z } from 'zod';
import { type CheckDef, checksOfDef, defOf, type SchemaDef } from '../schemas/introspect.ts';
import type { FieldMeta } from '../schemas/meta.ts';
import { metaOf } from '../schemas/tree.ts';

/**
 * A plain description of a zod schema, enough to build a form from it and to
 * check a form against it. Reads zod 4's public `_zod.def` structure.
 */
export type SchemaNode =
  | {
      kind: 'string';
      minLength?: number;
      maxLength?: number;
      pattern?: { source: string; message: string };
      multiline: boolean;
    }
  | { kind: 'date' }
  | { kind: 'number'; min?: number; max?: number; integer: boolean }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: string[] }
  | { kind: 'literal'; value: unknown }
  | { kind: 'array'; item: SchemaField; minItems?: number; maxItems?: number }
  | { kind: 'object'; fields: Record<string, SchemaField> }
  | { kind: 'record'; value: SchemaField };

export interface SchemaField {
  node: SchemaNode;
  /** Must be present in the file: neither optional nor defaulted. */
  required: boolean;
  defaultValue?: unknown;
  meta?: FieldMeta;
}

type Def = SchemaDef;
const checksOf = checksOfDef;

const ISO_DATE_SOURCE = String.raw`^\d{4}-\d{2}-\d{2}$`;

function messageOf(check: CheckDef): string {
  const message = check.error?.({});
  return typeof message === 'string' ? message : '';
}

function describeString(schema: z.ZodType, def: Def): SchemaNode {
  const checks = checksOf(def);
  const regex = checks.find((check) => check.format === 'regex' && check.pattern);
  if (regex?.pattern?.source === ISO_DATE_SOURCE) return { kind: 'date' };
  const minLength = checks.find((check) => check.check === 'min_length')?.minimum;
  const maxLength = checks.find((check) => check.check === 'max_length')?.maximum;
  // A one-line field refuses a line break; ask the schema instead of guessing from its shape.
  const sample = `${'a'.repeat(Math.max(minLength ?? 1, 2))}\nb`;
  const multiline = !regex && schema.safeParse(sample).success;
  return {
    kind: 'string',
    ...(minLength !== undefined && { minLength }),
    ...(maxLength !== undefined && { maxLength }),
    ...(regex?.pattern && {
      pattern: { source: regex.pattern.source, message: messageOf(regex) },
    }),
    multiline,
  };
}

function describeNumber(def: Def): SchemaNode {
  const checks = checksOf(def);
  const min = checks.find((check) => check.check === 'greater_than')?.value;
  const max = checks.find((check) => check.check === 'less_than')?.value;
  const integer = checks.some((check) => check.format === 'safeint' || check.format === 'int32');
  return {
    kind: 'number',
    ...(min !== undefined && { min }),
    ...(max !== undefined && { max }),
    integer,
  };
}

function describeNode(schema: z.ZodType): SchemaNode {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return describeString(schema, def);
    case 'number':
      return describeNumber(def);
    case 'boolean':
      return { kind: 'boolean' };
    case 'enum':
      return { kind: 'enum', values: Object.values(def.entries as Record<string, string>) };
    case 'literal':
      return { kind: 'literal', value: (def.values as unknown[])[0] };
    case 'array': {
      const checks = checksOf(def);
      const minItems = checks.find((check) => check.check === 'min_length')?.minimum;
      const maxItems = checks.find((check) => check.check === 'max_length')?.maximum;
      return {
        kind: 'array',
        item: describeField(def.element as z.ZodType),
        ...(minItems !== undefined && { minItems }),
        ...(maxItems !== undefined && { maxItems }),
      };
    }
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      return {
        kind: 'object',
        fields: Object.fromEntries(
          Object.entries(shape).map(([key, value]) => [key, describeField(value)]),
        ),
      };
    }
    case 'record':
      return { kind: 'record', value: describeField(def.valueType as z.ZodType) };
    case 'pipe':
      // z.preprocess(fn, schema): the stored value is what the output schema accepts.
      return describeNode(def.out as z.ZodType);
    default:
      throw new Error(`Kiểu dữ liệu "${def.type}" chưa được hỗ trợ khi dựng biểu mẫu.`);
  }
}

/** Describe one field: unwrap optional/default, keep the label found on any wrapper. */
export function describeField(schema: z.ZodType): SchemaField {
  const meta = metaOf(schema);
  let current = schema;
  let required = true;
  let defaultValue: unknown;
  for (;;) {
    const def = defOf(current);
    if (def.type === 'optional') {
      required = false;
      current = def.innerType as z.ZodType;
    } else if (def.type === 'default') {
      required = false;
      const value = def.defaultValue;
      defaultValue = typeof value === 'function' ? (value as () => unknown)() : value;
      current = def.innerType as z.ZodType;
    } else break;
  }
  return {
    node: describeNode(current),
    required,
    ...(defaultValue !== undefined && { defaultValue }),
    ...(meta && { meta }),
  };
}

/** The fields of an object schema (refined or not), in declaration order. */
export function describeObject(schema: z.ZodType): Record<string, SchemaField> {
  const node = describeNode(schema);
  if (node.kind !== 'object') throw new Error('Lược đồ không phải một đối tượng.');
  return node.fields;
}
