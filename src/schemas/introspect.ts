import type { z } from 'zod';

/**
 * The parts of zod 4's schema definitions (`schema._zod.def`) that the form
 * builder, the model documentation and `metaOf` read. One typed view, so that a
 * zod upgrade that moves them breaks in one place.
 */
export interface SchemaDef {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  innerType?: z.ZodType;
  defaultValue?: unknown;
  in?: z.ZodType;
  out?: z.ZodType;
  schema?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  entries?: Record<string, string>;
  values?: unknown[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  [key: string]: unknown;
}

/** One refinement of a string or number schema (length, pattern, bounds). */
export interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  /** The Vietnamese message given with the check, as a function of the issue. */
  error?: (issue: unknown) => unknown;
}

export function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

export function checksOfDef(def: SchemaDef): CheckDef[] {
  return (def.checks ?? []).map((check) => check._zod.def);
}

export function checksOf(schema: z.ZodType): CheckDef[] {
  return checksOfDef(defOf(schema));
}
