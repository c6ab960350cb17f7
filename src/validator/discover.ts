/** Which files the validator checks, and what each one is. */
import { type Dirent, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { toPosix } from '../../scripts/lib/text.ts';
import { error, type Problem, warning } from '../model/problems.ts';
import { contentPaths } from '../schemas/index.ts';
import { UsageError } from './types.ts';

export type Kind = 'initiative' | 'campaign' | 'decision' | 'adoption' | 'units' | 'scope-levels';

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

const INITIATIVES = `${contentPaths.initiatives}/`;

/** Classify one repository-relative path (file may be missing: a deletion in a pull request). */
export function classify(path: string): Classified {
  if (path === contentPaths.units) return { target: { kind: 'units', path } };
  if (path === contentPaths.scopeLevels) return { target: { kind: 'scope-levels', path } };
  if (path.startsWith(INITIATIVES)) {
    const rest = path.slice(INITIATIVES.length).split('/');
    if (rest.length === 1) {
      return {
        misplaced: {
          path,
          problem: error(
            'entry.misplaced',
            'Sáng kiến phải nằm trong thư mục riêng: content/initiatives/<mã-sáng-kiến>/index.md.',
          ),
        },
      };
    }
    // Every file of an entry folder is checked through its index.md (attachments rule).
    return {
      target: { kind: 'initiative', path: `${INITIATIVES}${rest[0]}/index.md` },
    };
  }
  for (const [folder, kind, extension] of [
    [contentPaths.campaigns, 'campaign', '.md'],
    [contentPaths.decisions, 'decision', '.yaml'],
    [contentPaths.adoptions, 'adoption', '.yaml'],
  ] as const) {
    if (!path.startsWith(`${folder}/`)) continue;
    const name = path.slice(folder.length + 1);
    if (!name.includes('/') && name.endsWith(extension)) return { target: { kind, path } };
    if (name.startsWith('.')) return { ignored: true };
    return {
      misplaced: {
        path,
        problem: error(
          /\.mdx$/i.test(name) ? 'safety.entry-extension' : 'entry.misplaced',
          `Tệp không đúng chỗ hoặc sai loại: trong ${folder}/ chỉ có các tệp *${extension}${extension === '.md' ? ' (Markdown thuần, không MDX)' : ''}.`,
        ),
      },
    };
  }
  if (path.startsWith(`${contentPaths.root}/`)) {
    const name = path.split('/').at(-1) ?? '';
    if (name.startsWith('.')) return { ignored: true };
    return {
      misplaced: {
        path,
        problem: warning(
          'entry.unknown',
          'Tệp không thuộc loại nội dung nào; trang web bỏ qua tệp này.',
        ),
      },
    };
  }
  return { ignored: true };
}

function list(path: string): string[] {
  try {
    return readdirSync(path).sort();
  } catch {
    return [];
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
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
  if (isFile(join(root, folder, 'index.md'))) {
    return { target: { kind: 'initiative', path: `${folder}/index.md` } };
  }
  const names = list(join(root, folder));
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

/** The whole content tree. */
export function discoverAll(root: string): Discovery {
  const discovery: Discovery = { targets: [], misplaced: [] };
  const seen = new Set<string>();
  const walk = (folder: string) => {
    for (const name of list(join(root, folder))) {
      const path = `${folder}/${name}`;
      if (name.startsWith('.')) continue;
      if (path === contentPaths.initiatives) {
        let entries: Dirent[] = [];
        try {
          entries = readdirSync(join(root, path), { withFileTypes: true });
        } catch {
          // Not a folder: nothing to list.
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const entry of entries) {
          if (entry.name.startsWith('.')) continue;
          if (entry.isDirectory()) add(discovery, seen, initiativeFolder(root, entry.name));
          else add(discovery, seen, classify(`${path}/${entry.name}`));
        }
      } else if (isDirectory(join(root, path))) {
        walk(path);
      } else {
        add(discovery, seen, classify(path));
      }
    }
  };
  walk(contentPaths.root);
  // The unit and scope lists are required: a missing one is reported, not skipped.
  add(discovery, seen, { target: { kind: 'units', path: contentPaths.units } });
  add(discovery, seen, { target: { kind: 'scope-levels', path: contentPaths.scopeLevels } });
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
    const absolute =
      candidates.find((path) => inside(path) && (isFile(path) || isDirectory(path))) ??
      (candidates[0] as string);
    const relativePath = toPosix(relative(root, absolute));
    if (relativePath.startsWith('..') || isAbsolute(relativePath)) {
      throw new UsageError(`Đường dẫn "${given}" nằm ngoài kho nội dung.`);
    }
    if (!isFile(absolute) && !isDirectory(absolute)) {
      throw new UsageError(`Không tìm thấy "${given}".`);
    }
    if (isDirectory(absolute)) {
      const prefix = relativePath === '' ? '' : `${relativePath}/`;
      for (const target of all.targets) {
        const folder =
          target.kind === 'initiative' ? target.path.replace(/index\.md$/, '') : target.path;
        if (target.path.startsWith(prefix) || prefix.startsWith(folder))
          add(discovery, seen, { target });
      }
      for (const misplaced of all.misplaced) {
        if (misplaced.path.startsWith(prefix) || `${misplaced.path}/` === prefix) {
          discovery.misplaced.push(misplaced);
        }
      }
    } else {
      const classified = classify(relativePath);
      if ('ignored' in classified) {
        throw new UsageError(`"${given}" không phải tệp nội dung (content/…).`);
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
