/**
 * Vietnamese names of front-matter fields, read from the schemas' `metaOf()`
 * labels so that the validator speaks the same words as the form.
 */
import type { z } from 'zod';
import { metaOf } from '../schemas/index.ts';
import type { FieldPath } from './problems.ts';

type Def = Record<string, unknown> & { type?: string };

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Step from a schema to the schema of one child (object key or array item). */
function child(schema: z.ZodType, segment: string | number): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (let depth = 0; current && depth < 10; depth += 1) {
    const def = defOf(current);
    if (def.type === 'object') {
      const shape = def.shape as Record<string, z.ZodType> | undefined;
      return typeof segment === 'string' && shape && Object.hasOwn(shape, segment)
        ? shape[segment]
        : undefined;
    }
    if (def.type === 'array')
      return typeof segment === 'number' ? (def.element as z.ZodType) : undefined;
    if (def.type === 'record') return def.valueType as z.ZodType;
    if (def.type === 'pipe') {
      const out = def.out as z.ZodType;
      current = defOf(out).type === 'transform' ? (def.in as z.ZodType) : out;
      continue;
    }
    current = (def.innerType ?? def.schema) as z.ZodType | undefined;
  }
  return undefined;
}

/**
 * "Tác giả thứ 2 › Tỷ lệ đóng góp (%)" for `['authors', 1, 'share']`. Falls
 * back to the raw key for unknown fields.
 */
export function fieldLabel(schema: z.ZodType, path: FieldPath): string {
  const parts: string[] = [];
  let current: z.ZodType | undefined = schema;
  for (const segment of path) {
    const next: z.ZodType | undefined = current ? child(current, segment) : undefined;
    if (typeof segment === 'number') {
      const last = parts.pop();
      parts.push(last ? `${last} thứ ${segment + 1}` : `mục thứ ${segment + 1}`);
    } else {
      const label = next ? metaOf(next)?.label : undefined;
      parts.push(label ?? `"${segment}"`);
    }
    current = next;
  }
  return parts.join(' › ');
}
