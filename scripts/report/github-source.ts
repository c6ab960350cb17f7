import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { RequestError } from 'octokit';
import { collections, placeOf } from '../../src/model/collections.ts';
import type { GitHub, RepoRef } from '../github/client.ts';
import { plainContent } from './checked-out.ts';
import {
  type PendingSubmission,
  type SubmissionSource,
  slugOfBranch,
  statusOfLabel,
} from './source.ts';

/**
 * GitHub: open pull requests into the base branch whose head is a
 * `cms/initiatives/<slug>/index` branch (or its open-authoring form in a fork), their
 * status from Decap's `decap-cms/<status>` label and their files read at the head commit. Merged entries come from the local
 * checkout of the base branch (`root`), which is where the report runs.
 */
export class GitHubSource implements SubmissionSource {
  readonly label: string;
  readonly github: GitHub;
  readonly repo: RepoRef;
  readonly root: string;
  readonly base: string;

  constructor(github: GitHub, repo: RepoRef, root: string, base = 'main') {
    this.github = github;
    this.repo = repo;
    this.root = root;
    this.base = base;
    this.label = `kho GitHub ${repo.owner}/${repo.repo} (nhánh ${base})`;
  }

  async snapshot(dir: string): Promise<void> {
    const content = join(this.root, 'content');
    if (existsSync(content)) cpSync(content, join(dir, 'content'), { recursive: true });
  }

  /** The checkout itself, which the snapshot copies as it is when it holds no links. */
  inPlace(): string | undefined {
    return plainContent(this.root) ? this.root : undefined;
  }

  async pending(): Promise<PendingSubmission[]> {
    const pulls = await this.github.paginate(this.github.rest.pulls.list, {
      ...this.repo,
      state: 'open',
      base: this.base,
      per_page: 100,
    });
    const out: PendingSubmission[] = [];
    for (const pull of pulls) {
      const slug = slugOfBranch(pull.head.ref);
      if (!slug || pull.base.ref !== this.base) continue;
      const status =
        pull.labels
          .map((label) => statusOfLabel(label.name))
          .find((value) => value !== undefined) ?? 'unknown';
      const listed = await this.github.paginate(this.github.rest.pulls.listFiles, {
        ...this.repo,
        pull_number: pull.number,
        per_page: 100,
      });
      const folder = `${placeOf(collections.initiatives, slug)}/`;
      const files = new Map<string, Buffer>();
      const links = new Map<string, string>();
      const removed: string[] = [];
      for (const file of listed) {
        if (file.previous_filename?.startsWith(folder)) removed.push(file.previous_filename);
        if (!file.filename.startsWith(folder)) continue;
        if (file.status === 'removed') {
          removed.push(file.filename);
          continue;
        }
        const { data } = await this.github.rest.repos.getContent({
          ...this.repo,
          path: file.filename,
          ref: pull.head.sha,
        });
        if (!Array.isArray(data) && data.type === 'file' && 'content' in data) {
          files.set(file.filename, Buffer.from(data.content, 'base64'));
        } else if (!Array.isArray(data) && data.type === 'symlink' && 'target' in data) {
          links.set(file.filename, data.target);
        }
      }
      // The entry file itself is needed for the row even when the pull request left it unchanged.
      const index = `${folder}index.md`;
      if (!files.has(index) && !removed.includes(index)) {
        try {
          const { data } = await this.github.rest.repos.getContent({
            ...this.repo,
            path: index,
            ref: pull.head.sha,
          });
          if (!Array.isArray(data) && data.type === 'file' && 'content' in data) {
            files.set(index, Buffer.from(data.content, 'base64'));
          }
        } catch (error) {
          if (!(error instanceof RequestError && error.status === 404)) throw error;
        }
      }
      out.push({
        slug,
        branch: pull.head.ref,
        status,
        pullRequest: pull.number,
        url: pull.html_url,
        opener: pull.user?.login,
        files,
        links,
        partial: true,
        removed,
        sentAt: new Date(pull.created_at),
      });
    }
    return out;
  }
}
