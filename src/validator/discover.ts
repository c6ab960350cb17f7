/** Which files the validator checks, and what each one is. */

import { type Dirent, readdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { toPosix } from '../core/positions.ts';
import {
  CONTENT_ROOT,
  collectionRows,
  collections,
  type Kind,
  locate,
} from '../model/collections.ts';
import { isDirectory, isFile, kindOf, listDir, symlinkMessage } from '../model/files.ts';
import { error, type Problem, warning } from '../model/problems.ts';

import { UsageError } from './types.ts';

export type { Kind } from '../model/collections.ts';

export interface Target {
  kind: Kind;
  /** Path relative to root, forward slashes. */
  path: string;
}

export interface Misplaced {
  path: string;
  problem: Problem;
}

export type Classified = { target: Target } | { misplaced: Misplaced } | { ignored: true };

const INITIATIVES = `${collections.initiatives.folder}/`;

/** Classify one repository-relative path (file may be missing: a deletion in a pull request). */
export function classify(path: string): Classified {
  const located = locate(path);
  if ('ignored' in located) return located;
  if ('misplaced' in located) {
    const make = located.code === 'entry.unknown' ? warning : error;
    return { misplaced: { path, problem: make(located.code, located.misplaced) } };
  }
  // Every file of an entry folder is checked through its index.md (attachments rule).
  return { target: { kind: located.row.kind as Kind, path: located.entryPath } };
}

export interface Discovery {
  targets: Target[];
  misplaced: Misplaced[];
}

function add(discovery: Discovery, seen: Set<string>, classified: Classified): void {
  if ('target' in classified) {
    if (seen.has(classified.target.path)) return;
    seen.add(classified.target.path);
    discovery.targets.push(classified.target);
  } else if ('misplaced' in classified) {
    discovery.misplaced.push(classified.misplaced);
  }
}

/** Initiative folders: `index.md` expected; an `index.mdx` or an empty folder is an error. */
function initiativeFolder(root: string, slug: string): Classified {
  const folder = `${INITIATIVES}${slug}`;
  const kind = kindOf(join(root, folder, 'index.md'));
  // A linked index.md is still the entry's file: the reader refuses it and says why.
  if (kind === 'file' || kind === 'symlink') {
    return { target: { kind: 'initiative', path: `${folder}/index.md` } };
  }
  const names = listDir(join(root, folder));
  const other = names.find((name) => /^index\./i.test(name));
  return {
    misplaced: {
      path: other ? `${folder}/${other}` : folder,
      problem: error(
        other ? 'safety.entry-extension' : 'entry.missing-index',
        other
          ? `Nội dung sáng kiến phải là tệp index.md (Markdown thuần); "${other}" không được chấp nhận.`
          : 'Thư mục sáng kiến thiếu tệp index.md.',
      ),
    },
  };
}

/** A symbolic link inside content/: never followed, always an error (see src/model/files.ts). */
export function linked(path: string): { misplaced: Misplaced } {
  const name = path.split('/').at(-1) ?? path;
  return { misplaced: { path, problem: error('file.symlink', symlinkMessage(name)) } };
}

/**
 * The first symbolic link on a repository-relative path, below its first part (the
 * content folder itself may be a link: the benchmark links a generated tree).
 */
function linkOnPath(root: string, path: string): string | undefined {
  const parts = path.split('/');
  for (let end = 2; end <= parts.length; end += 1) {
    const prefix = parts.slice(0, end).join('/');
    if (kindOf(join(root, prefix)) === 'symlink') return prefix;
  }
  return undefined;
}

/** The whole content tree. */
export function discoverAll(root: string): Discovery {
  const discovery: Discovery = { targets: [], misplaced: [] };
  const seen = new Set<string>();
  const walk = (folder: string) => {
    for (const name of listDir(join(root, folder))) {
      const path = `${folder}/${name}`;
      if (name.startsWith('.')) continue;
      if (path === collections.initiatives.folder) {
        let entries: Dirent[] = [];
        try {
          entries = readdirSync(join(root, path), { withFileTypes: true });
        } catch {
          // Not a folder: nothing to list.
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const entry of entries) {
          if (entry.name.startsWith('.')) continue;
          if (entry.isSymbolicLink()) add(discovery, seen, linked(`${path}/${entry.name}`));
          else if (entry.isDirectory()) add(discovery, seen, initiativeFolder(root, entry.name));
          else add(discovery, seen, classify(`${path}/${entry.name}`));
        }
      } else if (kindOf(join(root, path)) === 'symlink') {
        // A linked data file is still read as that file, so that its reader refuses it.
        const classified = classify(path);
        add(discovery, seen, 'target' in classified ? classified : linked(path));
      } else if (isDirectory(join(root, path))) {
        walk(path);
      } else {
        add(discovery, seen, classify(path));
      }
    }
  };
  walk(CONTENT_ROOT);
  // The lists (units, scope levels) are required: a missing one is reported, not skipped.
  for (const row of collectionRows) {
    if (row.layout === 'list')
      add(discovery, seen, { target: { kind: row.kind as Kind, path: row.file } });
  }
  return discovery;
}

/** Paths given on the command line: files or folders, relative to the current folder or root. */
export function discoverPaths(
  root: string,
  paths: readonly string[],
  cwd = process.cwd(),
): Discovery {
  const discovery: Discovery = { targets: [], misplaced: [] };
  const seen = new Set<string>();
  const all = discoverAll(root);
  for (const given of paths) {
    // Relative paths are read from the current folder, or else from the root (with --root).
    const candidates = isAbsolute(given) ? [given] : [resolve(cwd, given), resolve(root, given)];
    const inside = (path: string) => {
      const rel = relative(root, path);
      return !rel.startsWith('..') && !isAbsolute(rel);
    };
    const exists = (path: string) => kindOf(path) !== undefined;
    const absolute =
      candidates.find((path) => inside(path) && exists(path)) ?? (candidates[0] as string);
    const relativePath = toPosix(relative(root, absolute));
    if (relativePath.startsWith('..') || isAbsolute(relativePath)) {
      throw new UsageError(`Đường dẫn "${given}" nằm ngoài kho nội dung.`);
    }
    if (!exists(absolute)) {
      throw new UsageError(`Không tìm thấy "${given}".`);
    }
    // A linked folder is never walked into: the link itself is the error. A linked file of
    // an entry is checked with its entry, whose rules refuse it.
    const link = linkOnPath(root, relativePath);
    if (link !== undefined && (link !== relativePath || !('target' in classify(link)))) {
      add(discovery, seen, linked(link));
      continue;
    }
    if (isDirectory(absolute)) {
      let matched = false;
      const prefix = relativePath === '' ? '' : `${relativePath}/`;
      for (const target of all.targets) {
        const folder =
          target.kind === 'initiative' ? target.path.replace(/index\.md$/, '') : target.path;
        if (target.path.startsWith(prefix) || prefix.startsWith(folder)) {
          matched = true;
          add(discovery, seen, { target });
        }
      }
      for (const misplaced of all.misplaced) {
        if (misplaced.path.startsWith(prefix) || `${misplaced.path}/` === prefix) {
          matched = true;
          discovery.misplaced.push(misplaced);
        }
      }
      // A folder named on the command line whose files are never checked is said, not passed
      // as "0 files checked": a hidden folder (".an"), or one outside the content. An empty
      // folder of the content (no initiative yet) is only empty.
      if (!matched) {
        if (relativePath.split('/').some((segment) => segment.startsWith('.'))) {
          throw new UsageError(
            `"${given}" không được kiểm tra: tệp và thư mục có tên bắt đầu bằng dấu chấm không thuộc kho nội dung.`,
          );
        }
        if (relativePath !== '' && !`${relativePath}/`.startsWith(`${CONTENT_ROOT}/`)) {
          throw new UsageError(`"${given}" không phải thư mục nội dung (${CONTENT_ROOT}/…).`);
        }
      }
    } else {
      const classified = classify(relativePath);
      if ('ignored' in classified) {
        throw new UsageError(`"${given}" không phải tệp nội dung (${CONTENT_ROOT}/…).`);
      }
      if (
        'target' in classified &&
        classified.target.kind === 'initiative' &&
        !isFile(join(root, classified.target.path))
      ) {
        add(
          discovery,
          seen,
          initiativeFolder(root, classified.target.path.split('/').at(-2) ?? ''),
        );
      } else {
        add(discovery, seen, classified);
      }
    }
  }
  return discovery;
}
