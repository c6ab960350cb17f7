import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runValidator, type ValidationReport } from '../github/validator.ts';
import type { PendingSubmission } from './source.ts';

/**
 * Validate an unmerged submission as it would be after merging: a copy of the
 * base branch's content with the submission's files laid over it.
 */
export async function validatePending(
  base: string,
  submission: PendingSubmission,
  scratch: string,
): Promise<ValidationReport> {
  const entry = `content/initiatives/${submission.slug}`;
  if (!submission.files.has(`${entry}/index.md`)) {
    return {
      ok: false,
      findings: [
        {
          file: `${entry}/index.md`,
          severity: 'error',
          message: 'Thiếu tệp index.md của sáng kiến.',
        },
      ],
    };
  }
  const overlay = mkdtempSync(join(scratch, 'overlay-'));
  try {
    cpSync(join(base, 'content'), join(overlay, 'content'), { recursive: true });
    // The branch's folder replaces the base's one, so files it deleted are gone here too.
    rmSync(join(overlay, entry), { recursive: true, force: true });
    for (const [path, bytes] of submission.files) {
      mkdirSync(dirname(join(overlay, path)), { recursive: true });
      writeFileSync(join(overlay, path), bytes);
    }
    return await runValidator({ root: overlay, paths: [entry] });
  } finally {
    rmSync(overlay, { recursive: true, force: true });
  }
}
