import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { collections, placeOf } from '../../src/model/collections.ts';
import { UserError } from '../github/client.ts';
import { workingTreeMatches } from './checked-out.ts';
import {
  type PendingSubmission,
  type SubmissionSource,
  slugOfBranch,
  statusOfLabel,
} from './source.ts';

function gitBuffer(root: string, args: string[], input?: string): Buffer {
  return execFileSync('git', ['-c', 'core.quotepath=false', ...args], {
    cwd: root,
    input,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    maxBuffer: 512 * 1024 * 1024,
  });
}
function gitText(root: string, args: string[]): string {
  return gitBuffer(root, args).toString('utf8');
}

/** The bytes of each object, in order, through one `git cat-file --batch`. */
function readBlobs(root: string, objects: readonly string[]): Buffer[] {
  if (objects.length === 0) return [];
  const output = gitBuffer(root, ['cat-file', '--batch'], `${objects.join('\n')}\n`);
  const blobs: Buffer[] = [];
  let at = 0;
  for (const object of objects) {
    const headerEnd = output.indexOf(0x0a, at);
    const [, type, size] = output.subarray(at, headerEnd).toString('utf8').split(' ');
    if (type !== 'blob') throw new Error(`git cat-file: ${object} không phải blob.`);
    const start = headerEnd + 1;
    blobs.push(output.subarray(start, start + Number(size)));
    at = start + Number(size) + 1;
  }
  return blobs;
}

/**
 * Files and symbolic links of a folder on a ref, read from git objects as they are stored (no
 * checkout, no `git archive`). The mode tells a link (120000) from a file: read as a file, a
 * link gives its target as if it were text. Attributes are not applied: a `.gitattributes` in
 * the folder could otherwise leave files out (`export-ignore`) or rewrite them (`export-subst`),
 * so that the report would judge other files than a checkout holds.
 */
export function filesAt(
  root: string,
  ref: string,
  folder: string,
): { files: Map<string, Buffer>; links: Map<string, string> } {
  const files = new Map<string, Buffer>();
  const links = new Map<string, string>();
  // The folder without a trailing slash: a folder that is itself a link is listed too.
  const entries = gitText(root, ['ls-tree', '-r', '-z', ref, '--', folder])
    .split('\0')
    .filter(Boolean)
    .map((entry) => {
      const tab = entry.indexOf('\t');
      const [mode, type, object] = entry.slice(0, tab).split(' ');
      return { mode, type, object: object as string, name: entry.slice(tab + 1) };
    })
    // A submodule (type commit) has no bytes in this repository.
    .filter((entry) => entry.type === 'blob');
  const blobs = readBlobs(
    root,
    entries.map((entry) => entry.object),
  );
  entries.forEach((entry, index) => {
    const bytes = blobs[index] as Buffer;
    if (entry.mode === '120000') links.set(entry.name, bytes.toString('utf8'));
    else files.set(entry.name, bytes);
  });
  return { files, links };
}

/**
 * A local repository as decap-server's git mode leaves it: `main` holds the
 * published entries, each unpublished entry sits on `cms/<collection>/<entry slug>`,
 * its status in `git config branch.<name>.description`.
 */
export class LocalGitSource implements SubmissionSource {
  readonly label: string;
  readonly root: string;
  readonly base: string;

  constructor(root: string, base = 'main') {
    this.root = root;
    this.base = base;
    this.label = `kho git trên máy (nhánh ${base})`;
    try {
      gitText(root, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]);
    } catch {
      throw new UserError(`"${root}" không phải kho git có nhánh "${base}".`);
    }
  }

  async snapshot(dir: string): Promise<void> {
    const { files, links } = filesAt(this.root, this.base, 'content');
    for (const [path, bytes] of files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), bytes);
    }
    // Links stay links, never followed: the validator refuses them as in a checkout.
    for (const [path, target] of links) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      symlinkSync(target, join(dir, path));
    }
    mkdirSync(join(dir, 'content'), { recursive: true });
  }

  /** The checkout itself, when its `content/` is the base branch's unchanged. */
  inPlace(): string | undefined {
    return workingTreeMatches(this.root, this.base) ? this.root : undefined;
  }

  async pending(): Promise<PendingSubmission[]> {
    const branches = gitText(this.root, [
      'for-each-ref',
      '--format=%(refname:short)',
      'refs/heads/cms/',
    ])
      .split('\n')
      .filter(Boolean);
    const out: PendingSubmission[] = [];
    for (const branch of branches) {
      const slug = slugOfBranch(branch);
      if (!slug) continue;
      let description = '';
      try {
        description = gitText(this.root, ['config', '--get', `branch.${branch}.description`]);
      } catch {
        // No description: a branch made by hand rather than by the CMS.
      }
      // The oldest commit of the branch that the base lacks: the CMS's first save of the entry.
      // Its author date: a replay onto the base (decap-server's on every save, the gate's when a
      // draft is opened) gives each commit a new committer date, and an entry sent on time
      // would look late.
      const first = gitText(this.root, [
        'log',
        '--reverse',
        '--format=%aI',
        `${this.base}..${branch}`,
      ])
        .split('\n')
        .find(Boolean);
      out.push({
        slug,
        branch,
        status: statusOfLabel(description) ?? 'unknown',
        ...filesAt(this.root, branch, placeOf(collections.initiatives, slug)),
        ...(first ? { sentAt: new Date(first) } : {}),
      });
    }
    return out;
  }
}
