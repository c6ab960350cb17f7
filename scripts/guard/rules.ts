export interface ChangedFile {
  path: string;
  status: 'added' | 'modified' | 'removed' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  /** The old path of a renamed file. */
  previousPath?: string;
}

export interface GuardProblem {
  file?: string;
  message: string;
}

export interface GuardVerdict {
  ok: boolean;
  /** The single initiative folder a submission touches, when there is one. */
  slug?: string;
  problems: GuardProblem[];
}

export interface GuardInput {
  files: ChangedFile[];
  author: string;
  isMember: boolean;
  /** The pull request's branch; `cms/…` marks a submission made through the CMS. */
  headRef?: string;
}

const INITIATIVE = new RegExp(`^${contentPaths.initiatives}/([a-z0-9]+(?:-[a-z0-9]+)*)/(.+)$`);

/** Where the project's code and configuration live: only the committee's maintainers change it. */
export function isSiteCode(path: string): boolean {
  return (
    !path.startsWith(`${contentPaths.root}/`) &&
    path !== 'README.md' &&
    !path.startsWith('docs/') &&
    !/^(LICENSE|CHANGELOG|CONTRIBUTING)(\.md)?$/.test(path)
  );
}

export function isCommitteeOwned(path: string): boolean {
  return committeeOwnedPaths.some((owned) => path === owned || path.startsWith(`${owned}/`));
}

function describeOwner(path: string): string {
  if (isCommitteeOwned(path)) {
    return 'tệp do Hội đồng quản lý (đợt phát động, thang điểm, quyết định, danh mục): chỉ thành viên Hội đồng được sửa.';
  }
  if (isSiteCode(path))
    return 'mã nguồn, cấu hình của hệ thống: chỉ thành viên Hội đồng (người quản trị) được sửa.';
  return 'tệp nằm ngoài thư mục sáng kiến: yêu cầu gửi sáng kiến chỉ được thay đổi thư mục của sáng kiến đó.';
}

/**
 * A pull request from someone outside the committee, or any `cms/` branch, is a
 * submission: it may change one initiative folder and nothing else. Committee
 * members may change everything else.
 */
export function checkChanges(input: GuardInput): GuardVerdict {
  const problems: GuardProblem[] = [];
  const submission = !input.isMember || (input.headRef ?? '').startsWith('cms/');
  const slugs = new Set<string>();
  const paths = input.files.flatMap((file) =>
    file.previousPath && file.previousPath !== file.path
      ? [file.path, file.previousPath]
      : [file.path],
  );
  if (!submission) return { ok: true, problems };

  for (const path of paths) {
    const match = INITIATIVE.exec(path);
    if (match?.[1]) {
      slugs.add(match[1]);
      continue;
    }
    problems.push({
      file: path,
      message: input.isMember
        ? 'Yêu cầu gửi sáng kiến (nhánh cms/) chỉ được thay đổi thư mục của một sáng kiến.'
        : `Tài khoản ${input.author} không thuộc Hội đồng; ${describeOwner(path)}`,
    });
  }
  if (slugs.size > 1) {
    problems.push({
      message: `Yêu cầu thay đổi ${slugs.size} sáng kiến (${[...slugs].sort().join(', ')}): mỗi yêu cầu chỉ gửi một sáng kiến.`,
    });
  }
  for (const file of input.files) {
    if (file.status === 'removed' && /\/index\.md$/.test(file.path) && INITIATIVE.test(file.path)) {
      problems.push({
        file: file.path,
        message: 'Không được xóa bài sáng kiến; hãy liên hệ Hội đồng nếu cần rút bài.',
      });
    }
  }
  if (input.files.length === 0) problems.push({ message: 'Yêu cầu không thay đổi tệp nào.' });
  return {
    ok: problems.length === 0,
    slug: slugs.size === 1 ? [...slugs][0] : undefined,
    problems,
  };
}

import { committeeOwnedPaths, contentPaths } from '../../src/model/collections.ts';
