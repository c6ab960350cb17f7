import { committeeOwnedPaths, contentPaths } from '../../src/model/collections.ts';

export interface ChangedFile {
  path: string;
  status: 'added' | 'modified' | 'removed' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  /** The old path of a renamed file. */
  previousPath?: string;
  /**
   * Git mode after the change: 100644 a file, 100755 an executable, 120000 a symbolic link,
   * 160000 a submodule. Absent when the source does not say.
   */
  mode?: string;
  previousMode?: string;
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
  /**
   * Initiative folders that already hold an entry on the base branch. Unknown when absent
   * (the local review, where the committee itself runs the CMS).
   */
  existingEntries?: ReadonlySet<string>;
  /** How membership was decided, said in messages to someone found outside the committee. */
  how?: string;
}

const INITIATIVE = new RegExp(`^${contentPaths.initiatives}/([a-z0-9]+(?:-[a-z0-9]+)*)/(.+)$`);

/** Git modes that are not a file's bytes: what they point at is outside the folder. */
const NOT_A_FILE: Record<string, string> = {
  '120000':
    'liên kết tượng trưng (symlink): git chỉ lưu một đường dẫn trỏ tới nơi khác (tệp của bài khác, thư mục .github hay tệp trên máy dựng trang), không lưu nội dung. Hãy tải lên chính tệp.',
  '160000':
    'mô-đun con git (submodule): thư mục này trỏ tới một kho khác, nội dung không nằm trong kho sáng kiến.',
};

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

function notAFile(file: ChangedFile): GuardProblem | undefined {
  const kind = file.status === 'removed' ? undefined : NOT_A_FILE[file.mode ?? ''];
  if (!kind) return undefined;
  if (/\/index\.md$/.test(file.path) && INITIATIVE.test(file.path)) {
    return {
      file: file.path,
      message: `Bài sáng kiến (index.md) bị thay bằng một ${kind}`,
    };
  }
  return { file: file.path, message: `Không được thêm ${kind}` };
}

/**
 * A pull request from someone outside the committee, or any `cms/` branch, is a
 * submission: it may create one initiative folder and nothing else. Committee
 * members may change everything else. Whether the author is a member comes from a
 * trusted source (the base branch's roster, the team), never from the branch's name:
 * a `cms/` name only makes a member's pull request stricter.
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
  // The site, the validator and the build read content as files: a link in content would
  // let them read whatever it points at, whoever added it.
  for (const file of input.files) {
    if (!submission && !file.path.startsWith(`${contentPaths.root}/`)) continue;
    const problem = notAFile(file);
    if (problem) problems.push(problem);
  }
  if (!submission) return { ok: problems.length === 0, problems };

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
        : `Tài khoản ${input.author} không thuộc Hội đồng${input.how ? ` (${input.how})` : ''}; ${describeOwner(path)}`,
    });
  }
  if (slugs.size > 1) {
    problems.push({
      message: `Yêu cầu thay đổi ${slugs.size} sáng kiến (${[...slugs].sort().join(', ')}): mỗi yêu cầu chỉ gửi một sáng kiến.`,
    });
  }
  for (const file of input.files) {
    if (file.status === 'removed') continue;
    const match = INITIATIVE.exec(file.path);
    const hidden = match?.[2]?.split('/').find((part) => part.startsWith('.'));
    if (hidden) {
      problems.push({
        file: file.path,
        message: `Không được thêm tệp ẩn "${hidden}" (tên bắt đầu bằng dấu chấm) vào thư mục sáng kiến: các tệp như .gitattributes, .gitignore thay đổi cách git đọc, ghi và so sánh tệp của kho.`,
      });
    }
  }
  for (const file of input.files) {
    if (file.status === 'removed' && /\/index\.md$/.test(file.path) && INITIATIVE.test(file.path)) {
      problems.push({
        file: file.path,
        message: 'Không được xóa bài sáng kiến; hãy liên hệ Hội đồng nếu cần rút bài.',
      });
    }
  }
  // A published entry is someone's submission that the committee has received: whoever
  // sends a pull request may not rewrite it, with or without the deadline. Who sent an
  // entry is not recorded anywhere a pull request cannot forge, so corrections to an entry
  // on the base branch go through the committee.
  if (!input.isMember && input.existingEntries) {
    for (const slug of [...slugs].sort()) {
      if (!input.existingEntries.has(slug)) continue;
      problems.push({
        message: `Sáng kiến "${slug}" đã có trên nhánh chính: người gửi không được sửa bài đã nộp (của người khác hay của mình, trước hay sau hạn nộp). Nếu cần đính chính, hãy liên hệ Hội đồng.`,
      });
      for (const file of input.files) {
        if (file.status !== 'removed' || /\/index\.md$/.test(file.path)) continue;
        if (INITIATIVE.exec(file.path)?.[1] !== slug) continue;
        problems.push({
          file: file.path,
          message: 'Không được xóa tệp đính kèm của một sáng kiến đã có trên nhánh chính.',
        });
      }
    }
  }
  if (input.files.length === 0) problems.push({ message: 'Yêu cầu không thay đổi tệp nào.' });
  return {
    ok: problems.length === 0,
    slug: slugs.size === 1 ? [...slugs][0] : undefined,
    problems,
  };
}
