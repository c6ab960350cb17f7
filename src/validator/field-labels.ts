/** Put the field's Vietnamese label in front of every message that names a field. */
import type { z } from 'zod';
import { fileSchemaOf, locate } from '../model/collections.ts';
import { fieldLabel } from '../model/labels.ts';
import type { FieldPath, Problem } from '../model/problems.ts';
import type { FileReport } from './types.ts';

export function parseFieldPath(field: string): FieldPath {
  const out: (string | number)[] = [];
  for (const match of field.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) {
    out.push(match[1] !== undefined ? Number(match[1]) : (match[2] as string));
  }
  return out;
}

export function schemaForPath(path: string): z.ZodType | undefined {
  const located = locate(path);
  return 'row' in located ? fileSchemaOf(located.row) : undefined;
}

/** The label of a problem's field, e.g. "Tác giả thứ 2 › Đơn vị công tác". */
export function labelOf(path: string, problem: Problem): string | undefined {
  if (!problem.field) return undefined;
  const schema = schemaForPath(path);
  return schema ? fieldLabel(schema, parseFieldPath(problem.field)) : undefined;
}

export function labelProblems(report: FileReport): void {
  for (const problem of report.problems) {
    const label = labelOf(report.path, problem);
    if (label && !problem.message.startsWith(label))
      problem.message = `${label}: ${problem.message}`;
  }
}
