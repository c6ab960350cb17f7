/**
 * Pull-request mode: only what changed since a git ref is checked, and a
 * submission may change only its own entry folder
 * (the initiative's own folder): anything else is the committee's or the
 * maintainers' business and must come through their own pull requests.
 */

import { join, relative } from 'node:path';
import {
  type ChangedFile,
  changedFilesSince,
  GitError,
  isGitRepository,
  refExists,
  topLevel,
} from '../core/git.ts';
import { toPosix } from '../core/positions.ts';
import { collections, initiativeIdOf, pathOf, placeOf } from '../model/collections.ts';
import { kindOf } from '../model/files.ts';
import { error, type Problem } from '../model/problems.ts';

import { classify, type Discovery, linked } from './discover.ts';
import { UsageError } from './types.ts';

export interface ChangedDiscovery extends Discovery {
  /** Slugs of initiatives whose index.md is new since the ref. */
  added: Set<string>;
  /** Problems for changed paths, keyed by path (outside-folder rule). */
  extra: Map<string, Problem[]>;
  changes: ChangedFile[];
}

/**
 * `onlyEntryFolder: false` is for the committee's and maintainers' pull requests (decisions,
 * campaigns, site code): what they may change is the guard's business, not the validator's.
 */
export function discoverChanged(
  root: string,
  ref: string,
  { onlyEntryFolder = true }: { onlyEntryFolder?: boolean } = {},
): ChangedDiscovery {
  if (!isGitRepository(root)) {
    throw new UsageError('--changed-since cần chạy trong một kho git.');
  }
  if (!refExists(root, ref)) {
    throw new UsageError(`Không tìm thấy mốc git "${ref}" (nhánh, thẻ hoặc mã commit).`);
  }
  let changes: ChangedFile[];
  let prefix: string;
  try {
    prefix = toPosix(relative(topLevel(root), root));
    changes = changedFilesSince(root, ref);
  } catch (cause) {
    if (cause instanceof GitError) throw new UsageError(`Lỗi git: ${cause.message}`);
    throw cause;
  }
  const inRoot =
    prefix === ''
      ? changes
      : changes
          .filter((change) => change.path.startsWith(`${prefix}/`))
          .map((change) => ({ ...change, path: change.path.slice(prefix.length + 1) }));
  const discovery: ChangedDiscovery = {
    targets: [],
    misplaced: [],
    added: new Set(),
    extra: new Map(),
    changes: inRoot,
  };
  const folders = new Set<string>();
  for (const change of inRoot) {
    const slug = initiativeIdOf(change.path);
    if (slug) folders.add(slug);
  }
  const push = (path: string, problem: Problem) => {
    const list = discovery.extra.get(path);
    if (list) list.push(problem);
    else discovery.extra.set(path, [problem]);
  };
  const firstFolder = [...folders].sort()[0];
  for (const change of onlyEntryFolder ? inRoot : []) {
    const slug = initiativeIdOf(change.path);
    if (!slug) {
      push(
        change.path,
        error(
          'changed-since.outside-entry',
          `Bài nộp chỉ được thay đổi thư mục của một sáng kiến (${placeOf(collections.initiatives, '<mã>')}/); tệp này nằm ngoài${change.status === 'D' ? ' (bị xóa)' : ''}.`,
        ),
      );
    } else if (folders.size > 1 && slug !== firstFolder) {
      push(
        change.path,
        error(
          'changed-since.several-entries',
          `Bài nộp thay đổi nhiều sáng kiến (${[...folders].sort().join(', ')}); mỗi bài nộp chỉ một sáng kiến.`,
        ),
      );
    }
  }
  // Apart from the targets below, which skip a path once seen: an attachment that sorts before
  // index.md makes the entry a target first, and the new entry must still meet the deadline.
  for (const change of inRoot) {
    const slug = initiativeIdOf(change.path);
    if (slug && change.status === 'A' && change.path === pathOf(collections.initiatives, slug)) {
      discovery.added.add(slug);
    }
  }
  const seen = new Set<string>();
  for (const change of inRoot) {
    if (change.status === 'D' && initiativeIdOf(change.path) === undefined) continue;
    const classified = classify(change.path);
    if ('target' in classified) {
      const { target } = classified;
      // lstat, not exists: a dangling link is still a file of the entry, to be refused.
      if (seen.has(target.path) || kindOf(join(root, target.path)) === undefined) continue;
      seen.add(target.path);
      discovery.targets.push(target);
    } else if ('misplaced' in classified && change.status !== 'D') {
      // git records a linked folder as one file: say it is a link, not a misplaced file.
      discovery.misplaced.push(
        kindOf(join(root, change.path)) === 'symlink'
          ? linked(change.path).misplaced
          : classified.misplaced,
      );
    }
  }
  return discovery;
}
