/**
 * The one place the committee scripts call the validator, so that the report,
 * the review command and the pull-request feedback share one view of its result.
 */
import { isAbsolute, join } from 'node:path';
import { type ValidationReport as RawReport, validate } from '../../src/validator/index.ts';

export interface Finding {
  file: string;
  severity: 'error' | 'warning';
  field?: string;
  line?: number;
  message: string;
}

export interface ValidationReport {
  ok: boolean;
  findings: Finding[];
}

export interface ValidateRequest {
  /** Repository root. */
  root: string;
  /** Files or folders to check, relative to the root; all content when absent. */
  paths?: string[];
  /** A git ref: check only what changed since it (pull-request mode). */
  changedSince?: string;
  /** Pull-request mode: a submission must stay in one entry folder (default true). */
  onlyEntryFolder?: boolean;
  /** New initiatives by slug, with the day each was sent (see the validator's `sent`). */
  sent?: Record<string, string>;
}

/** The validator's report as findings, one per problem. */
export function findingsOf(report: RawReport): Finding[] {
  return report.files.flatMap((file) =>
    file.problems.map((problem) => ({
      file: file.path,
      severity: problem.severity,
      ...(problem.field === undefined ? {} : { field: problem.field }),
      ...(problem.line === undefined ? {} : { line: problem.line }),
      message: problem.message,
    })),
  );
}

export async function runValidator(request: ValidateRequest): Promise<ValidationReport> {
  // The validator resolves relative paths against the current folder, not the root.
  const paths = request.paths?.map((path) => (isAbsolute(path) ? path : join(request.root, path)));
  const report = await validate({ ...request, ...(paths ? { paths } : {}), workers: 0 });
  const findings = findingsOf(report);
  return { ok: findings.every((finding) => finding.severity !== 'error'), findings };
}
