import { z } from 'zod';
import { defOf } from './introspect.ts';

/**
 * Vietnamese label and guidance attached to every field of the content model.
 * The same text feeds the CMS form (label, hint), the model tables of docs/model.md and
 * the validator's messages, so it is written once, here.
 */
export interface FieldMeta {
  /** Short Vietnamese label, as shown above a form field. */
  label: string;
  /** What the committee expects in this field; becomes the CMS hint. */
  hint?: string;
  /** Example value shown in docs and used as a placeholder. */
  example?: string;
}

export const fieldMeta = z.registry<FieldMeta>();

/**
 * Attach a label and hint to a copy of a schema. The copy matters: shared
 * primitives (a slug, a date) are used by many fields, each with its own label.
 */
export function describe<T extends z.ZodType>(schema: T, meta: FieldMeta): T {
  const copy = schema.clone() as T;
  fieldMeta.add(copy as z.ZodType, meta);
  return copy;
}

/** Read the label of a schema, unwrapping optional/default/pipe wrappers. */
export function metaOf(schema: z.ZodType): FieldMeta | undefined {
  let current: z.ZodType | undefined = schema;
  for (let depth = 0; current && depth < 8; depth += 1) {
    const found = fieldMeta.get(current);
    if (found) return found;
    const def = defOf(current);
    current = def.innerType ?? def.in ?? def.schema;
  }
  return undefined;
}

/** The Vietnamese label of a field, or "" when it has none: for headers, facts and columns. */
export function labelOf(schema: z.ZodType): string {
  return metaOf(schema)?.label ?? '';
}
