/**
 * The committee's review on a local repository, without GitHub: the same steps
 * a pull request takes (validation, change scope, merge into main) applied to
 * the `cms/` branches that decap-server's git mode leaves behind.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workflowStatusNames } from '../../src/core/workflow.ts';
import { collections, pathOf } from '../../src/model/collections.ts';
import { parseEntryText } from '../../src/model/read.ts';
import { initiativeSchema } from '../../src/schemas/index.ts';
import { UserError } from '../github/client.ts';
import type { Finding, ValidationReport } from '../github/validator.ts';
import { changedFilesFromGit } from '../guard/changes.ts';
import { checkChanges, type GuardProblem } from '../guard/rules.ts';
import { UsageError } from '../lib/cli.ts';
import { statusNames } from '../report/build.ts';
import { LocalGitSource } from '../report/local-source.ts';
import { branchOfSlug, type PendingSubmission, type WorkflowStatus } from '../report/source.ts';
import { validatePending } from '../report/validate-pending.ts';

export interface PendingReview {
  slug: string;
  branch: string;
  status: WorkflowStatus;
  title: string;
  errors: Finding[];
  warnings: Finding[];
  scope: GuardProblem[];
  /** Valid, within its folder, and marked ready by the CMS. */
  publishable: boolean;
}

function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

function titleOf(submission: PendingSubmission): string {
  const index = submission.files.get(pathOf(collections.initiatives, submission.slug));
  if (!index) return '';
  const data = parseEntryText(index.toString('utf8')).data;
  const parsed = initiativeSchema.safeParse(data);
  if (parsed.success) return parsed.data.title;
  return typeof data?.title === 'string' ? data.title : '';
}

async function review(
  source: LocalGitSource,
  submission: PendingSubmission,
  validation: ValidationReport,
): Promise<PendingReview> {
  const changed = changedFilesFromGit(source.root, source.base, submission.branch);
  const scope = checkChanges({
    files: changed,
    author: 'cms',
    isMember: false,
    headRef: submission.branch,
  }).problems;
  const errors = validation.findings.filter((finding) => finding.severity === 'error');
  return {
    slug: submission.slug,
    branch: submission.branch,
    status: submission.status,
    title: titleOf(submission),
    errors,
    warnings: validation.findings.filter((finding) => finding.severity === 'warning'),
    scope,
    publishable:
      errors.length === 0 && scope.length === 0 && submission.status === 'pending_publish',
  };
}

/** Every `cms/initiatives/<slug>/index` branch with its status, validation and change scope. */
export async function listPending(root: string, base = 'main'): Promise<PendingReview[]> {
  const source = new LocalGitSource(root, base);
  const scratch = mkdtempSync(join(tmpdir(), 'kho-review-'));
  try {
    const snapshot = join(scratch, 'base');
    await source.snapshot(snapshot);
    const pending = await source.pending();
    const validation = await validatePending(snapshot, pending, scratch);
    const out: PendingReview[] = [];
    for (const submission of pending) {
      out.push(
        await review(
          source,
          submission,
          validation.get(submission.slug) ?? { ok: true, findings: [] },
        ),
      );
    }
    return out.sort((a, b) => a.slug.localeCompare(b.slug));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export interface PublishResult {
  slug: string;
  branch: string;
  commit: string;
  forced: boolean;
}

/**
 * Merge a submission into `base` as decap-server's Publish does, after the
 * checks a pull request must pass. `force` publishes an entry whose CMS status
 * is not "ready" yet; it never publishes an invalid one.
 */
export async function publish(
  root: string,
  slug: string,
  options: { base?: string; force?: boolean } = {},
): Promise<PublishResult> {
  const base = options.base ?? 'main';
  const pending = await listPending(root, base);
  const item = pending.find((entry) => entry.slug === slug);
  if (!item) {
    const known = pending.map((entry) => entry.slug).join(', ') || '(không có)';
    // The command line names an entry that is not waiting: a usage problem, like a wrong campaign.
    throw new UsageError(
      `Không có bài chờ duyệt "${slug}" (nhánh ${branchOfSlug(slug)}). Các bài đang chờ: ${known}.`,
    );
  }
  const { branch } = item;
  if (item.errors.length > 0) {
    throw new UserError(
      `Không công bố "${slug}": bài còn ${item.errors.length} lỗi.\n${item.errors.map((finding) => `- ${finding.field ? `${finding.field}: ` : ''}${finding.message}`).join('\n')}`,
    );
  }
  if (item.scope.length > 0) {
    throw new UserError(
      `Không công bố "${slug}": nhánh thay đổi ngoài thư mục của sáng kiến.\n${item.scope.map((problem) => `- ${problem.file ? `${problem.file}: ` : ''}${problem.message}`).join('\n')}`,
    );
  }
  if (item.status !== 'pending_publish' && !options.force) {
    throw new UserError(
      `Không công bố "${slug}": trạng thái là "${statusName(item.status)}", chưa "${workflowStatusNames.pending_publish}". Chuyển trạng thái trong trang quản trị, hoặc dùng --force.`,
    );
  }
  const current = git(root, 'rev-parse', '--abbrev-ref', 'HEAD');
  if (current !== base)
    throw new UserError(
      `Kho "${root}" đang ở nhánh "${current}", không phải "${base}": không công bố.`,
    );
  if (git(root, 'status', '--porcelain', '--untracked-files=no') !== '') {
    throw new UserError(`Kho "${root}" có thay đổi chưa ghi (commit): không công bố.`);
  }
  try {
    git(root, 'merge', '--no-ff', '--no-edit', '-m', `Công bố sáng kiến ${slug}`, branch);
  } catch {
    try {
      git(root, 'merge', '--abort');
    } catch {
      // nothing to abort
    }
    throw new UserError(
      `Không hợp nhất được nhánh ${branch} vào ${base} (xung đột); kho được giữ nguyên.`,
    );
  }
  // decap-server deletes the branch after publishing; git drops its description with it.
  git(root, 'branch', '-D', branch);
  return {
    slug,
    branch,
    commit: git(root, 'rev-parse', 'HEAD'),
    forced: item.status !== 'pending_publish',
  };
}

export function statusName(status: WorkflowStatus): string {
  return statusNames[status];
}
