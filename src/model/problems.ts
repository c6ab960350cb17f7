/** One finding of the validator, in the shape printed by `--format json`. */
export type Severity = 'error' | 'warning';

export interface Problem {
  /** Stable machine code, `family.rule` (e.g. `schema.invalid`, `safety.html`). */
  code: string;
  severity: Severity;
  /** Dotted path of the front-matter field (`authors[1].share`), when the problem is in one. */
  field?: string;
  /** 1-based line in the file. */
  line?: number;
  /** Vietnamese message for the submitter. */
  message: string;
}

export type FieldPath = readonly (string | number)[];

/** `['authors', 1, 'share']` → `authors[1].share`. */
export function formatFieldPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out;
}

export function error(code: string, message: string, extra: Partial<Problem> = {}): Problem {
  return { code, severity: 'error', ...extra, message };
}

export function warning(code: string, message: string, extra: Partial<Problem> = {}): Problem {
  return { code, severity: 'warning', ...extra, message };
}
