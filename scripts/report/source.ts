/**
 * Where submissions come from. The same report is built from GitHub (open
 * pull requests from `cms/` branches) or from a local repository (the `cms/`
 * branches decap-server creates in git mode), through this one interface.
 */
import { collections } from '../../src/model/collections.ts';

/** Decap's editorial-workflow states, plus `unknown` for a branch without one. */
export type WorkflowStatus = 'draft' | 'pending_review' | 'pending_publish' | 'unknown';

export interface PendingSubmission {
  slug: string;
  /** Branch name, e.g. `cms/initiatives/<slug>/index`. */
  branch: string;
  status: WorkflowStatus;
  /** Pull request number and address on GitHub. */
  pullRequest?: number;
  url?: string;
  /** Who opened it (GitHub login), when known. */
  opener?: string;
  /** The entry folder's files on the branch: path relative to the repository root → bytes. */
  files: Map<string, Buffer>;
  /**
   * The folder's symbolic links on the branch: path → the link's target. They are laid over
   * as links, so that the validator refuses them as it does in a checkout; read as files,
   * a link would pass for a file holding the text of its target.
   */
  links?: Map<string, string>;
  /**
   * True when `files` holds only what the branch changed (GitHub lists changed files);
   * the base branch's other files of the folder then still apply, less `removed`.
   */
  partial?: boolean;
  /** Files of the folder the branch deletes (with `partial`). */
  removed?: string[];
  /**
   * When it was sent: its pull request opened (GitHub), or the first commit of its branch after
   * the base (a local repository). A new entry is held to its campaign's deadline on that day.
   */
  sentAt?: Date;
}

export interface SubmissionSource {
  /** Vietnamese description for the report's header, e.g. "kho GitHub so-noi-vu/kho". */
  readonly label: string;
  /** The branch entries are merged into (usually `main`). */
  readonly base: string;
  /** Write the base branch's `content/` folder into `dir` (merged entries and context). */
  snapshot(dir: string): Promise<void>;
  /**
   * A repository root whose `content/` already is, byte for byte, what `snapshot` would write:
   * read in place, without the copy. Undefined when there is none (then the snapshot is taken).
   */
  inPlace?(): string | undefined;
  /** Submissions not merged yet. */
  pending(): Promise<PendingSubmission[]>;
}

/**
 * The branch Decap's editorial workflow makes for an initiative: `cms/` + collection + `/` +
 * entry slug, and an initiative's entry slug is its path template `{{slug}}/index`
 * (src/admin/config.ts), so the branch ends in `/index`. Open authoring adds the fork's
 * `owner/repo/` after `cms/`. Anchored at both ends: a branch that merely starts like one
 * (`…/index/x`) or lacks `/index` is not the UI's.
 */
export const INITIATIVE_BRANCH = new RegExp(
  `^cms/(?:[A-Za-z0-9-]+/[A-Za-z0-9._-]+/)?${collections.initiatives.name}/([a-z0-9]+(?:-[a-z0-9]+)*)/index$`,
);

/** `cms/initiatives/<slug>/index` → slug; other branches are not initiative submissions. */
export function slugOfBranch(branch: string): string | undefined {
  return INITIATIVE_BRANCH.exec(branch)?.[1];
}

/** The branch the admin saves an initiative on (in the repository itself, not a fork). */
export function branchOfSlug(slug: string): string {
  return `cms/${collections.initiatives.name}/${slug}/index`;
}

/** Decap stores the status as `decap-cms/<status>` (git config or a pull-request label). */
export function statusOfLabel(label: string | undefined): WorkflowStatus | undefined {
  const status = /^decap-cms\/(draft|pending_review|pending_publish)$/.exec(
    (label ?? '').trim(),
  )?.[1];
  return status as WorkflowStatus | undefined;
}

/**
 * Whether a validator finding is about an entry's folder: a file in it, or the folder itself
 * (a folder that is a link, or that lacks its index.md, is reported under its own path).
 */
export function inEntryFolder(file: string, folder: string): boolean {
  return file === folder || file.startsWith(`${folder}/`);
}
