import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collections, placeOf } from '../../src/model/collections.ts';
import { UserError } from '../github/client.ts';
import {
  type PendingSubmission,
  type SubmissionSource,
  slugOfBranch,
  statusOfLabel,
} from './source.ts';

function gitBuffer(root: string, args: string[]): Buffer {
  return execFileSync('git', ['-c', 'core.quotepath=false', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 512 * 1024 * 1024,
  });
}
function gitText(root: string, args: string[]): string {
  return gitBuffer(root, args).toString('utf8');
}

/**
 * Files and symbolic links of a folder on a ref, read from git objects (no checkout). The mode
 * tells a link (120000) from a file: `git show` of a link gives its target as if it were text.
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
    .filter(Boolean);
  for (const entry of entries) {
    const tab = entry.indexOf('\t');
    const [mode] = entry.slice(0, tab).split(' ');
    const name = entry.slice(tab + 1);
    const bytes = gitBuffer(root, ['show', `${ref}:${name}`]);
    if (mode === '120000') links.set(name, bytes.toString('utf8'));
    else files.set(name, bytes);
  }
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
    const archive = gitBuffer(this.root, ['archive', '--format=tar', this.base, '--', 'content']);
    const scratch = mkdtempSync(join(tmpdir(), 'kho-archive-'));
    try {
      writeFileSync(join(scratch, 'content.tar'), archive);
      mkdirSync(dir, { recursive: true });
      execFileSync('tar', ['-xf', join(scratch, 'content.tar'), '-C', dir]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
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
      out.push({
        slug,
        branch,
        status: statusOfLabel(description) ?? 'unknown',
        ...filesAt(this.root, branch, placeOf(collections.initiatives, slug)),
      });
    }
    return out;
  }
}
