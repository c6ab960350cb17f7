import { z } from 'zod';
import type { FieldMeta } from '../schemas/meta.ts';
import { metaOfNode, propertiesOf, schemaTree, type TreeNode } from '../schemas/tree.ts';

/**
 * A plain description of a zod schema, enough to build a form from it and to
 * check a form against it. Read from the schema tree (src/schemas/tree.ts).
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

const ISO_DATE_SOURCE = String.raw`^\d{4}-\d{2}-\d{2}$`;

function describeString(node: TreeNode): SchemaNode {
  if (node.pattern === ISO_DATE_SOURCE) return { kind: 'date' };
  const { minLength, maxLength, pattern } = node;
  return {
    kind: 'string',
    ...(minLength !== undefined && { minLength }),
    ...(maxLength !== undefined && { maxLength }),
    ...(pattern !== undefined && {
      pattern: { source: pattern, message: node['x-pattern-message'] ?? '' },
    }),
    multiline: node['x-multiline'] === true,
  };
}

function describeNumber(node: TreeNode): SchemaNode {
  const min = node.minimum ?? node.exclusiveMinimum;
  const max = node.maximum ?? node.exclusiveMaximum;
  return {
    kind: 'number',
    ...(min !== undefined && { min }),
    ...(max !== undefined && { max }),
    integer: node.type === 'integer',
  };
}

function describeNode(node: TreeNode): SchemaNode {
  if (node.enum) return { kind: 'enum', values: node.enum.map(String) };
  if (node.const !== undefined) return { kind: 'literal', value: node.const };
  switch (node.type) {
    case 'string':
      return describeString(node);
    case 'number':
    case 'integer':
      return describeNumber(node);
    case 'boolean':
      return { kind: 'boolean' };
    case 'array':
      if (!node.items) break;
      return {
        kind: 'array',
        // An item is a position in the list, present by definition.
        item: fieldOf(node.items, true),
        ...(node.minItems !== undefined && { minItems: node.minItems }),
        ...(node.maxItems !== undefined && { maxItems: node.maxItems }),
      };
    case 'object':
      if (node.properties) {
        return {
          kind: 'object',
          fields: Object.fromEntries(
            propertiesOf(node).map((field) => [field.key, fieldOf(field.node, field.required)]),
          ),
        };
      }
      if (typeof node.additionalProperties === 'object') {
        return { kind: 'record', value: fieldOf(node.additionalProperties, true) };
      }
      break;
  }
  throw new Error(`Kiểu dữ liệu "${node.type ?? 'không rõ'}" chưa được hỗ trợ khi dựng biểu mẫu.`);
}

function fieldOf(node: TreeNode, required: boolean): SchemaField {
  const meta = metaOfNode(node);
  return {
    node: describeNode(node),
    required,
    // A copy: the tree is shared, the form may keep and change its defaults.
    ...(node.default !== undefined && { defaultValue: structuredClone(node.default) }),
    ...(meta && { meta }),
  };
}

/** Describe one field: its type, its label, whether a file must have it. */
export function describeField(schema: z.ZodType): SchemaField {
  // Outside an object, "optional or defaulted" is whether the schema accepts nothing.
  return fieldOf(schemaTree(schema), !z.safeParse(schema, undefined).success);
}

/** The fields of an object schema (refined or not), in declaration order. */
export function describeObject(schema: z.ZodType): Record<string, SchemaField> {
  const node = describeNode(schemaTree(schema));
  if (node.kind !== 'object') throw new Error('Lược đồ không phải một đối tượng.');
  return node.fields;
}
