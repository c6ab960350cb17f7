/**
 * Whether a repository's working tree already holds, byte for byte, a ref's `content/` folder:
 * then the report reads it where it is instead of writing a copy of a thousand entry folders
 * into a temporary folder first. Anything the comparison cannot vouch for (a symbolic link, a
 * submodule, a file or folder git does not track, bytes that differ from the stored object)
 * answers no, and the caller takes the copy as before.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const CONTENT = 'content';

interface Tree {
  folders: Set<string>;
  files: Map<string, string>;
}

/** The ref's `content/` as git stores it; undefined when it holds what a plain folder cannot. */
function treeAt(root: string, ref: string): Tree | undefined {
  const listing = execFileSync('git', ['ls-tree', '-r', '-t', '-z', ref, '--', CONTENT], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 512 * 1024 * 1024,
  }).toString('utf8');
  const tree: Tree = { folders: new Set(), files: new Map() };
  for (const entry of listing.split('\0')) {
    if (!entry) continue;
    const tab = entry.indexOf('\t');
    const [mode, type, object] = entry.slice(0, tab).split(' ');
    const name = entry.slice(tab + 1);
    if (type === 'tree') tree.folders.add(name);
    else if (type === 'blob' && (mode === '100644' || mode === '100755'))
      tree.files.set(name, object as string);
    // A link or a submodule: the copy lays these out its own way.
    else return undefined;
  }
  tree.folders.delete(CONTENT);
  return tree;
}

/** The working tree's `content/`; undefined when it holds anything but folders and files. */
function diskAt(root: string): { folders: string[]; files: string[] } | undefined {
  const top = lstatSync(join(root, CONTENT), { throwIfNoEntry: false });
  if (!top?.isDirectory()) return undefined;
  const folders: string[] = [];
  const files: string[] = [];
  const pending = [CONTENT];
  while (pending.length > 0) {
    const folder = pending.pop() as string;
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      const path = `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        folders.push(path);
        pending.push(path);
      } else if (entry.isFile()) files.push(path);
      else return undefined;
    }
  }
  return { folders, files };
}

/**
 * Whether a folder's `content/` holds only folders and regular files, which a recursive copy
 * reproduces as they are (a copied link would point elsewhere than the original).
 */
export function plainContent(root: string): boolean {
  try {
    return diskAt(root) !== undefined;
  } catch {
    return false;
  }
}

export function workingTreeMatches(root: string, ref: string): boolean {
  try {
    const tree = treeAt(root, ref);
    const disk = tree && diskAt(root);
    if (!tree || !disk) return false;
    if (disk.folders.length !== tree.folders.size || disk.files.length !== tree.files.size)
      return false;
    if (!disk.folders.every((folder) => tree.folders.has(folder))) return false;
    if (!disk.files.every((file) => tree.files.has(file) && !file.includes('\n'))) return false;
    if (disk.files.length === 0) return true;
    // The bytes on disk, hashed as they are (no attributes, no line-ending conversion).
    const hashes = execFileSync('git', ['hash-object', '--no-filters', '--stdin-paths'], {
      cwd: root,
      input: `${disk.files.join('\n')}\n`,
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 512 * 1024 * 1024,
    })
      .toString('utf8')
      .split('\n');
    return disk.files.every((file, index) => hashes[index] === tree.files.get(file));
  } catch {
    return false;
  }
}
