/** Schema rule: the zod model in src/schemas is the only definition of a valid entry. */
import type { z } from 'zod';
import { error, type FieldPath, formatFieldPath, type Problem } from '../model/problems.ts';
import { formatIssue, issuePath, parseWithInput, relevantIssues } from '../model/zod-errors.ts';

export interface SchemaResult<T> {
  data: T | undefined;
  problems: Problem[];
}

export function checkSchema<T>(
  schema: z.ZodType<T>,
  data: unknown,
  lineOf: (path: FieldPath) => number | undefined,
  basePath: FieldPath = [],
): SchemaResult<T> {
  const result = parseWithInput(schema, data);
  if (result.success) return { data: result.data, problems: [] };
  const problems = relevantIssues(result.error.issues).map((issue) => {
    const fullPath = [...basePath, ...issuePath(issue)];
    return error('schema.invalid', formatIssue(schema, issue), {
      field: fullPath.length > 0 ? formatFieldPath(fullPath) : undefined,
      line: lineOf(fullPath),
    });
  });
  return { data: undefined, problems };
}
