/**
 * The consolidated list ("tổng hợp") of a campaign: one row per initiative,
 * pending or merged, with what the committee needs to sort, check and score.
 */

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gradeName } from '../../src/core/committee.ts';
import { describeIndicator } from '../../src/core/indicators.ts';
import { committeeOf } from '../../src/core/organisers.ts';
import { viCollator } from '../../src/core/text.ts';
import { workflowStatusNames } from '../../src/core/workflow.ts';
import { collections, pathOf, placeOf } from '../../src/model/collections.ts';
import { kindOf, loadContent, sharingParses } from '../../src/model/files.ts';
import { parseEntryText } from '../../src/model/read.ts';
import { rosterPlace } from '../../src/model/roster.ts';
import {
  applicationFields,
  type Campaign,
  type Decision,
  type Initiative,
  initiativeSchema,
  reformAreas,
  themeGoals,
} from '../../src/schemas/index.ts';
import { type Finding, runValidator } from '../github/validator.ts';
import { UsageError, unknownCampaign } from '../lib/cli.ts';
import { inEntryFolder, type SubmissionSource, type WorkflowStatus } from './source.ts';
import { validatePending } from './validate-pending.ts';

export type ReviewStatus = WorkflowStatus | 'published';

export interface ReportRow {
  slug: string;
  title: string;
  unit: string;
  authors: { name: string; share?: number }[];
  areas: string[];
  fields: string[];
  goals: string[];
  indicators: string[];
  submitted?: string;
  /** "Yêu cầu hợp nhất #12", "Nhánh cms/initiatives/x" or "Đã công bố (main)". */
  origin: string;
  url?: string;
  status: ReviewStatus;
  /** Outcome recorded in the campaign's decision file, if any. */
  decision?: string;
  errors: Finding[];
  warnings: Finding[];
  /** Pre-filled scoring columns (from an existing decision), keyed by criterion id. */
  scores: Record<string, number>;
  votesFor?: number;
  votesAgainst?: number;
  recognised?: boolean;
  scope?: string;
  replicate?: boolean;
  note?: string;
}

export interface Report {
  campaignId: string;
  campaign: Campaign;
  source: string;
  generatedAt: string;
  rows: ReportRow[];
  decision?: Decision;
  /** Scope levels (id → name) for the scoring sheet's choices. */
  scopes: { id: string; name: string }[];
  /** Where the committee is written (or would be), for messages. */
  rosterPlace: string;
}

export const statusNames: Record<ReviewStatus, string> = {
  ...workflowStatusNames,
  published: 'Đã công bố',
  unknown: 'Chưa rõ trạng thái',
};

const nameOf = (list: readonly { id: string; short: string }[], id: string) =>
  list.find((item) => item.id === id)?.short ?? id;

/** Whatever can be read from a front matter that failed the schema, for the row. */
function loose(data: Record<string, unknown> | undefined) {
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
  return {
    title: typeof data?.title === 'string' ? data.title : '',
    campaign: typeof data?.campaign === 'string' ? data.campaign : '',
    unit: typeof data?.unit === 'string' ? data.unit : '',
    authors: Array.isArray(data?.authors)
      ? data.authors.flatMap((author) =>
          author &&
          typeof author === 'object' &&
          typeof (author as { name?: unknown }).name === 'string'
            ? [{ name: (author as { name: string }).name }]
            : [],
        )
      : [],
    areas: strings(data?.areas),
    fields: strings(data?.fields),
    goals: strings(data?.goals),
    submitted: typeof data?.submitted === 'string' ? data.submitted : undefined,
  };
}

function rowFromEntry(text: string, unitNames: Map<string, string>) {
  const file = parseEntryText(text);
  const parsed = initiativeSchema.safeParse(file.data);
  return rowFromData(parsed.success ? parsed.data : undefined, file.data, unitNames);
}

function rowFromData(
  entry: Initiative | undefined,
  data: Record<string, unknown> | undefined,
  unitNames: Map<string, string>,
) {
  const fallback = loose(data);
  return {
    campaign: entry?.campaign ?? fallback.campaign,
    title: entry?.title ?? fallback.title,
    unit: unitNames.get(entry?.unit ?? fallback.unit) ?? entry?.unit ?? fallback.unit,
    authors:
      entry?.authors.map((author) => ({ name: author.name, share: author.share })) ??
      fallback.authors,
    areas: (entry?.areas ?? fallback.areas).map((id) => nameOf(reformAreas, id)),
    fields: (entry?.fields ?? fallback.fields).map((id) => nameOf(applicationFields, id)),
    goals: (entry?.goals ?? fallback.goals).map((id) => nameOf(themeGoals, id)),
    indicators: entry?.indicators.map(describeIndicator) ?? [],
    submitted: entry?.submitted ?? fallback.submitted,
  };
}

/**
 * Entry folders the one reader leaves out (src/model/files.ts): a folder or an index.md that
 * is a symbolic link, a folder without its index.md. The validator refuses them, and so does
 * the build, so the committee's list must show them too.
 */
function unreadEntries(base: string): string[] {
  const folder = join(base, collections.initiatives.folder);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names.filter((name) => {
    if (name.startsWith('.')) return false;
    const kind = kindOf(join(folder, name));
    if (kind === 'symlink') return true;
    return (
      kind === 'directory' && kindOf(join(base, pathOf(collections.initiatives, name))) !== 'file'
    );
  });
}

export interface BuildOptions {
  /**
   * Read the base content in place when the source vouches for it, and take merged entries as
   * the one reader already parsed them (default). False takes the plain way every time: a
   * snapshot copy, each entry parsed again; the tests hold both to the same report.
   */
  fast?: boolean;
}

export async function buildReport(
  source: SubmissionSource,
  campaignId?: string,
  options: BuildOptions = {},
): Promise<Report> {
  const fast = options.fast ?? true;
  // The validator reads the merged entries loadContent has just parsed.
  return fast
    ? sharingParses(() => build(source, fast, campaignId))
    : build(source, fast, campaignId);
}

async function build(
  source: SubmissionSource,
  fast: boolean,
  campaignId?: string,
): Promise<Report> {
  const work = mkdtempSync(join(tmpdir(), 'kho-report-'));
  try {
    let base = (fast && source.inPlace?.()) || undefined;
    if (base === undefined) {
      base = join(work, 'base');
      await source.snapshot(base);
    }
    const content = await loadContent(base);
    const campaigns = content.campaigns.filter((item) => item.data);
    const chosen = campaignId
      ? campaigns.find((item) => item.id === campaignId)
      : campaigns.length === 1
        ? campaigns[0]
        : undefined;
    if (!chosen?.data) {
      const known = campaigns.map((item) => item.id);
      throw campaignId
        ? unknownCampaign(campaignId, known)
        : new UsageError(
            `Hãy chọn đợt phát động bằng --campaign. Các đợt hiện có: ${known.join(', ') || '(chưa có)'}.`,
          );
    }
    const organiser = content.organisers.find((item) => item.id === chosen.data?.organiser)?.data;
    // A campaign without its own committee is reviewed by its organiser's standing one.
    const campaign = { ...chosen.data, committee: committeeOf(chosen.data, organiser) };
    const unitNames = new Map(content.units.map((unit) => [unit.id, unit.name]));
    const decision = content.decisions.find((item) => item.id === chosen.id)?.data;
    const results = new Map(decision?.results.map((result) => [result.initiative, result]) ?? []);
    const rows: ReportRow[] = [];

    const split = (findings: Finding[]) => ({
      errors: findings.filter((finding) => finding.severity === 'error'),
      warnings: findings.filter((finding) => finding.severity === 'warning'),
    });
    const fromDecision = (slug: string) => {
      const result = results.get(slug);
      if (!result) return { scores: {} };
      return {
        decision: result.recognised
          ? `Được công nhận${result.grade ? ` – ${gradeName(campaign.rubric.grades, result.grade)}` : ''}`
          : 'Không được công nhận',
        scores: result.scores,
        votesFor: result.votesFor,
        votesAgainst: result.votesAgainst,
        recognised: result.recognised,
        scope: content.scopeLevels.find((level) => level.id === result.scope)?.name ?? result.scope,
        replicate: result.replicate,
        note: result.note,
      };
    };

    const pending = await source.pending();
    const pendingSlugs = new Set(pending.map((submission) => submission.slug));

    // Merged entries: validated together, in the snapshot of the base branch.
    const merged = content.initiatives.filter((item) => !pendingSlugs.has(item.id));
    const unread = unreadEntries(base).filter((slug) => !pendingSlugs.has(slug));
    const mergedValidation =
      merged.length + unread.length
        ? await runValidator({
            root: base,
            paths: [...merged.map((item) => item.id), ...unread].map((slug) =>
              placeOf(collections.initiatives, slug),
            ),
          })
        : { ok: true, findings: [] };
    // Grouped once by entry folder: a thousand entries times thousands of findings took seconds.
    const byFolder = new Map<string, typeof mergedValidation.findings>();
    const folders = [...merged.map((item) => item.id), ...unread].map((slug) =>
      placeOf(collections.initiatives, slug),
    );
    const folderOf = (file: string) => {
      const [root, ...rest] = file.split('/');
      for (let depth = rest.length; depth >= 0; depth -= 1) {
        const candidate = [root, ...rest.slice(0, depth)].join('/');
        if (folderSet.has(candidate) && inEntryFolder(file, candidate)) return candidate;
      }
      return undefined;
    };
    const folderSet = new Set(folders);
    for (const finding of mergedValidation.findings) {
      const folder = folderOf(finding.file);
      if (folder === undefined) continue;
      const list = byFolder.get(folder) ?? [];
      list.push(finding);
      byFolder.set(folder, list);
    }
    const findingsOf = (slug: string) => byFolder.get(placeOf(collections.initiatives, slug)) ?? [];
    for (const item of merged) {
      // What the reader parsed and the schema passed is the same entry a second parse would give;
      // anything else is read again as it stands, leniently.
      const facts =
        fast && item.data !== undefined
          ? rowFromData(item.data, item.raw as Record<string, unknown> | undefined, unitNames)
          : rowFromEntry(readFileSync(join(base, item.path), 'utf8'), unitNames);
      if (facts.campaign !== chosen.id) continue;
      const findings = findingsOf(item.id);
      rows.push({
        slug: item.id,
        ...facts,
        origin: `Đã công bố (nhánh ${source.base})`,
        status: 'published',
        ...split(findings),
        ...fromDecision(item.id),
      });
    }

    // Nothing of these can be read, not even their campaign: listed with what the validator says.
    for (const slug of unread) {
      rows.push({
        slug,
        title: '',
        unit: '',
        authors: [],
        areas: [],
        fields: [],
        goals: [],
        indicators: [],
        origin: `Đã công bố (nhánh ${source.base})`,
        status: 'published',
        ...split(findingsOf(slug)),
        ...fromDecision(slug),
      });
    }

    // Pending entries: validated together in a copy of the base content with their files laid over.
    const pendingValidation = await validatePending(base, pending, work);
    for (const submission of pending) {
      const index = submission.files.get(pathOf(collections.initiatives, submission.slug));
      const facts = index ? rowFromEntry(index.toString('utf8'), unitNames) : undefined;
      if (facts && facts.campaign !== chosen.id) continue;
      const validation = pendingValidation.get(submission.slug) ?? { ok: true, findings: [] };
      rows.push({
        slug: submission.slug,
        title: facts?.title ?? '',
        unit: facts?.unit ?? '',
        authors: facts?.authors ?? [],
        areas: facts?.areas ?? [],
        fields: facts?.fields ?? [],
        goals: facts?.goals ?? [],
        indicators: facts?.indicators ?? [],
        submitted: facts?.submitted,
        origin: submission.pullRequest
          ? `Yêu cầu hợp nhất #${submission.pullRequest}`
          : `Nhánh ${submission.branch}`,
        url: submission.url,
        status: submission.status,
        ...split(validation.findings),
        ...fromDecision(submission.slug),
      });
    }
    rows.sort((a, b) => viCollator.compare(a.unit, b.unit) || viCollator.compare(a.title, b.title));
    return {
      campaignId: chosen.id,
      campaign,
      source: source.label,
      generatedAt: new Date().toISOString(),
      rows,
      decision,
      scopes: content.scopeLevels.map((level) => ({ id: level.id, name: level.name })),
      rosterPlace: rosterPlace(chosen.id, chosen.data, organiser),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
