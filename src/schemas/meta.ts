import { z } from 'zod';

/**
 * Vietnamese label and guidance attached to every field of the content model.
 * The same text feeds the CMS form (label, hint), the model tables of docs/model.md and
 * the validator's messages, so it is written once, here, and read back through the
 * schema tree (`metaOf`, `labelOf` in tree.ts).
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
