import type { Problem } from '../model/problems.ts';
import type { Campaign, Organiser, ScopeLevel, Unit } from '../schemas/index.ts';

export type { Problem, Severity } from '../model/problems.ts';

export interface FileReport {
  /** Path relative to the repository root, forward slashes. */
  path: string;
  ok: boolean;
  problems: Problem[];
}

export interface ValidationReport {
  files: FileReport[];
  totals: { files: number; errors: number; warnings: number; fixed: number };
}

export interface ValidateOptions {
  /** Repository root (the folder holding `content/`); default: the current folder. */
  root?: string;
  /** Files or folders to check, relative to root or absolute; default: the whole content tree. */
  paths?: string[];
  /** Pull-request mode: check only what changed since this git ref. */
  changedSince?: string;
  /**
   * In pull-request mode, require the changes to stay inside one entry folder (a submission).
   * Default true; false for the committee's and maintainers' pull requests.
   */
  onlyEntryFolder?: boolean;
  /** Rewrite files to NFC before checking. */
  fix?: boolean;
  /** "Today" (YYYY-MM-DD, Asia/Ho_Chi_Minh) for the deadline of new entries; default: the real date. */
  today?: string;
  /**
   * New initiatives checked outside pull-request mode (the committee's report and review of
   * pending submissions), by slug, with the day each was sent (YYYY-MM-DD, Asia/Ho_Chi_Minh):
   * each must have been sent by its campaign's deadline, as a pull request is checked on the
   * day it is opened.
   */
  sent?: Readonly<Record<string, string>>;
  /**
   * Reuse single-file results of unchanged initiatives from
   * node_modules/.cache/kho-validate (default false; the CLI turns it on).
   */
  cache?: boolean;
  /** Worker threads for large trees; 0 or 1 checks in the calling thread. Default: automatic. */
  workers?: number;
}

/** What the cross-file rules need to know about one initiative. */
export interface InitiativeFacts {
  slug: string;
  path: string;
  title?: string;
  campaign?: string;
  unit?: string;
  submitted?: string;
  authorNames: string[];
  /** Units named by authors and trial participants, with their field paths. */
  personUnits: { unit: string; field: string }[];
  adaptedFrom: string[];
  /** File line of each field path used by cross-file rules. */
  lines: Record<string, number>;
  /** The title's folded syllables for the duplicate index, computed in the thread that checked the entry. */
  titleTokens?: string[];
}

/**
 * What cross-file rules know about the repository: units, campaigns, initiatives. A plain
 * type, here rather than beside the code that fills it from disk (context.ts), so that the
 * browser-safe rules (entry-rules.ts) can name it.
 */
export interface Context {
  root: string;
  /** Units by id; undefined when units.yaml is missing or invalid (unit checks are then skipped). */
  units: Map<string, Unit> | undefined;
  scopeLevels: Map<string, ScopeLevel> | undefined;
  /** Every organiser file id, valid or not (a broken organiser does not flood its campaigns). */
  organiserIds: Set<string>;
  /** Valid organisers by id. */
  organisers: Map<string, Organiser>;
  /** Every campaign file id, valid or not (so that a broken campaign does not flood entries). */
  campaignIds: Set<string>;
  /** Valid campaigns by id. */
  campaigns: Map<string, Campaign>;
  /** Every initiative folder that holds an index.md. */
  initiativeSlugs: Set<string>;
  /** Facts of initiatives already read. */
  facts: Map<string, InitiativeFacts>;
  /** "Today" in Asia/Ho_Chi_Minh, YYYY-MM-DD. */
  today: string;
}

/** A usage mistake (bad option, unknown ref): exit code 2 with this message. */
export class UsageError extends Error {
  override name = 'UsageError';
}
