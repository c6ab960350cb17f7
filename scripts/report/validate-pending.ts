import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { todayInVietnam } from '../../src/core/dates.ts';
import { collections, pathOf, placeOf } from '../../src/model/collections.ts';
import { runValidator, type ValidationReport } from '../github/validator.ts';
import { inEntryFolder, type PendingSubmission } from './source.ts';

/** The day a submission was sent, in Viet Nam; today when its source cannot say. */
function sentOn(submission: PendingSubmission): string {
  return todayInVietnam(submission.sentAt ?? new Date());
}

/**
 * Validate unmerged submissions as they would be once merged: one copy of the
 * base branch's content with every submission's folder laid over it, checked in
 * one validator run (so duplicates between submissions are seen too).
 */
export async function validatePending(
  base: string,
  submissions: PendingSubmission[],
  scratch: string,
): Promise<Map<string, ValidationReport>> {
  const results = new Map<string, ValidationReport>();
  const present = submissions.filter((submission) => {
    const index = pathOf(collections.initiatives, submission.slug);
    const folder = placeOf(collections.initiatives, submission.slug);
    // A link at the entry's place (its index.md, or the folder itself) is for the validator to name.
    const linked = [...(submission.links?.keys() ?? [])].some((path) =>
      inEntryFolder(path, folder),
    );
    if (submission.files.has(index) || linked) return true;
    results.set(submission.slug, {
      ok: false,
      findings: [{ file: index, severity: 'error', message: 'Thiếu tệp index.md của sáng kiến.' }],
    });
    return false;
  });
  if (present.length === 0) return results;
  // New entries, as a pull request's check sees them: held to the deadline on the day sent.
  const newOnes = present.filter(
    (submission) => !existsSync(join(base, pathOf(collections.initiatives, submission.slug))),
  );
  const overlay = mkdtempSync(join(scratch, 'overlay-'));
  try {
    cpSync(join(base, 'content'), join(overlay, 'content'), { recursive: true });
    for (const submission of present) {
      if (submission.partial) {
        for (const path of submission.removed ?? []) rmSync(join(overlay, path), { force: true });
      } else {
        // The branch's whole folder replaces the base's one, so files it deleted are gone too.
        rmSync(join(overlay, placeOf(collections.initiatives, submission.slug)), {
          recursive: true,
          force: true,
        });
      }
      // Whatever the base holds at a path is replaced, never written through (it may be a link);
      // a link stays a link, never followed here: the validator names it and refuses it.
      for (const [path, bytes] of submission.files) {
        mkdirSync(dirname(join(overlay, path)), { recursive: true });
        rmSync(join(overlay, path), { force: true });
        writeFileSync(join(overlay, path), bytes);
      }
      for (const [path, target] of submission.links ?? []) {
        mkdirSync(dirname(join(overlay, path)), { recursive: true });
        rmSync(join(overlay, path), { force: true });
        symlinkSync(target, join(overlay, path));
      }
    }
    const report = await runValidator({
      root: overlay,
      paths: present.map((submission) => placeOf(collections.initiatives, submission.slug)),
      sent: Object.fromEntries(newOnes.map((submission) => [submission.slug, sentOn(submission)])),
    });
    for (const submission of present) {
      const findings = report.findings.filter((finding) =>
        inEntryFolder(finding.file, placeOf(collections.initiatives, submission.slug)),
      );
      results.set(submission.slug, {
        ok: findings.every((finding) => finding.severity !== 'error'),
        findings,
      });
    }
    return results;
  } finally {
    rmSync(overlay, { recursive: true, force: true });
  }
}
