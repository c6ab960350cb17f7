/**
 * The one place the committee scripts call the validator. The validator's
 * result is read defensively (files with problems, or a flat problem list) so
 * that the report, review and pull-request feedback share one view of it.
 */
import { execFileSync } from 'node:child_process';
import { initiativeSchema } from '../../src/schemas/index.ts';
import { readEntryFile } from '../lib/entries.ts';
import { formatFieldPath } from '../lib/problems.ts';

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
  /** Files to check, relative to the root; all content when absent. */
  paths?: string[];
  /** A git ref: check only what changed since it (pull-request mode). */
  changedSince?: string;
}

type ValidateFn = (request: ValidateRequest) => unknown;

let cached: ValidateFn | null | undefined;

async function loadValidator(): Promise<ValidateFn | null> {
  if (cached !== undefined) return cached;
  try {
    const module = (await import('../validate/index.ts')) as { validate?: ValidateFn };
    cached = typeof module.validate === 'function' ? module.validate : null;
  } catch {
    cached = null;
  }
  return cached;
}

export async function runValidator(request: ValidateRequest): Promise<ValidationReport> {
  const validate = await loadValidator();
  const raw = validate ? await validate(request) : fallbackValidate(request);
  return normalise(raw);
}

/** Read whatever shape the validator returns into findings. */
export function normalise(raw: unknown): ValidationReport {
  const findings: Finding[] = [];
  const visit = (value: unknown, file?: string) => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, file);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const here = pickString(record, ['file', 'path', 'filePath']) ?? file;
    if (typeof record.message === 'string') {
      const severity =
        pickString(record, ['severity', 'level']) === 'warning' ? 'warning' : 'error';
      const field = Array.isArray(record.field)
        ? formatFieldPath(record.field as (string | number)[])
        : pickString(record, ['field', 'pointer']);
      findings.push({
        file: here ?? '',
        severity,
        ...(field ? { field } : {}),
        ...(typeof record.line === 'number' ? { line: record.line } : {}),
        message: record.message,
      });
      return;
    }
    for (const key of [
      'files',
      'results',
      'entries',
      'problems',
      'issues',
      'findings',
      'errors',
      'warnings',
      'diagnostics',
    ]) {
      if (key in record) visit(record[key], here);
    }
  };
  visit(raw);
  return { ok: findings.every((finding) => finding.severity !== 'error'), findings };
}

function pickString(record: Record<string, unknown>, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/** Schema check of initiative files, used only while the full validator is unavailable. */
function fallbackValidate({ root, paths, changedSince }: ValidateRequest): Finding[] {
  let files = paths ?? [];
  if (changedSince) {
    files = execFileSync('git', ['diff', '--name-only', `${changedSince}...HEAD`], {
      cwd: root,
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
  }
  const findings: Finding[] = [];
  for (const file of files.filter((name) =>
    /^content\/initiatives\/[^/]+\/index\.md$/.test(name),
  )) {
    const entry = readEntryFile(`${root}/${file}`);
    for (const problem of entry.problems) findings.push({ file, ...problem });
    if (!entry.data) continue;
    const result = initiativeSchema.safeParse(entry.data);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = formatFieldPath(issue.path as (string | number)[]);
        findings.push({
          file,
          severity: 'error',
          field,
          line: entry.lineOf(issue.path as (string | number)[]),
          message: issue.message,
        });
      }
    }
  }
  return findings;
}
