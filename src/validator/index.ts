/**
 * Programmatic entry of the validator: `validate(options)` returns the report
 * that the CLI prints. Other scripts (reports, the CMS preview) call it too.
 */

import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isIsoDate, todayInVietnam } from '../core/dates.ts';
import { collections, contentPaths, locate, pathOf } from '../model/collections.ts';
import { listIds } from '../model/files.ts';
import { error, type Problem } from '../model/problems.ts';
import { quickTitle } from '../model/title.ts';
import { entryKey, ResultCache } from './cache.ts';
import { type ChangedDiscovery, discoverChanged } from './changed-since.ts';
import {
  checkAdoptionFile,
  checkCampaignFile,
  checkDecisionFile,
  checkOrganiserFile,
  checkScopeLevelsFile,
  checkUnitsFile,
  fileReport,
} from './check-file.ts';
import { type Context, factsOf, listFolders } from './context.ts';
import { checkCampaignStatus, checkDeadline } from './deadline.ts';
import { type Discovery, discoverAll, discoverPaths, type Target } from './discover.ts';
import { duplicateProblems, TitleIndex } from './duplicates.ts';
import { labelProblems } from './field-labels.ts';
import { checkInitiatives, type InitiativeResult } from './pool.ts';
import {
  checkAdoptionReferences,
  checkCampaignReferences,
  checkDecisionReferences,
  checkInitiativeReferences,
  checkOrganiserReferences,
  checkSiteOperator,
} from './references.ts';
import {
  type FileReport,
  UsageError,
  type ValidateOptions,
  type ValidationReport,
} from './types.ts';

export type {
  FileReport,
  InitiativeFacts,
  Problem,
  Severity,
  ValidateOptions,
  ValidationReport,
} from './types.ts';
export { UsageError } from './types.ts';

/** The record id of a content path (a file name without extension, or a folder name). */
function idOf(path: string): string {
  const located = locate(path);
  return 'row' in located ? located.id : '';
}

/** Run one file's checks; an unexpected exception becomes a problem of that file, not a crash. */
function safely<T extends object>(path: string, check: () => T): T | { crashed: FileReport } {
  try {
    return check();
  } catch {
    return {
      crashed: {
        path,
        ok: false,
        problems: [
          error(
            'internal',
            'Lỗi không mong đợi khi kiểm tra tệp này (tệp có cấu trúc bất thường).',
          ),
        ],
      },
    };
  }
}

/** Single-file checks of initiatives, reusing cached results of unchanged entries. */
async function checkWithCache(
  root: string,
  paths: string[],
  fix: boolean,
  options: ValidateOptions,
): Promise<InitiativeResult[]> {
  if (!options.cache) return checkInitiatives(root, paths, fix, options.workers);
  const cache = new ResultCache(root);
  const keys = paths.map((path) => entryKey(root, path, fix));
  const results: (InitiativeResult | undefined)[] = paths.map((path, index) =>
    cache.get(path, keys[index]),
  );
  const missing = paths.filter((_, index) => results[index] === undefined);
  const fresh = await checkInitiatives(root, missing, fix, options.workers);
  let next = 0;
  paths.forEach((path, index) => {
    if (results[index] !== undefined) return;
    const result = fresh[next++] as InitiativeResult;
    results[index] = result;
    // After --fix the folder changed: the key is taken again.
    cache.set(path, fix ? entryKey(root, path, false) : keys[index], result);
  });
  if (options.changedSince === undefined && !(options.paths && options.paths.length > 0)) {
    cache.retainOnly(new Set(paths));
  }
  // Saved now, before cross-file rules add their problems to these same reports.
  cache.save();
  return results as InitiativeResult[];
}

/** Run every rule on the chosen files; never throws on bad content (only on bad options). */
export async function validate(options: ValidateOptions = {}): Promise<ValidationReport> {
  const root = resolve(options.root ?? process.cwd());
  // The content folder itself may be a link (the benchmark links a generated tree);
  // nothing inside it is followed (see src/model/files.ts).
  if (!statSync(join(root, contentPaths.root), { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`Không thấy thư mục ${contentPaths.root}/ trong "${root}".`);
  }
  if (options.today !== undefined && !isIsoDate(options.today)) {
    throw new UsageError(
      `Ngày hôm nay phải là một ngày có thật, theo dạng YYYY-MM-DD (đang là "${options.today}").`,
    );
  }
  for (const [slug, day] of Object.entries(options.sent ?? {})) {
    if (!isIsoDate(day)) {
      throw new UsageError(`Ngày gửi của "${slug}" phải theo dạng YYYY-MM-DD (đang là "${day}").`);
    }
  }
  const fix = options.fix === true;
  let discovery: Discovery | ChangedDiscovery;
  if (options.changedSince !== undefined) {
    discovery = discoverChanged(root, options.changedSince, {
      onlyEntryFolder: options.onlyEntryFolder,
    });
  } else if (options.paths && options.paths.length > 0)
    discovery = discoverPaths(root, options.paths);
  else discovery = discoverAll(root);
  const added = 'added' in discovery ? discovery.added : new Set<string>();
  const extra = 'extra' in discovery ? discovery.extra : new Map<string, Problem[]>();

  const targetPaths = new Set(discovery.targets.map((target) => target.path));
  const reports = new Map<string, FileReport>();
  let fixed = 0;
  const record = (report: FileReport, wasFixed = false) => {
    reports.set(report.path, report);
    if (wasFixed) fixed += 1;
  };

  // Context files are read whether or not they are targets; targets get their report.
  const unitsChecked = checkUnitsFile(
    root,
    contentPaths.units,
    fix && targetPaths.has(contentPaths.units),
  );
  const scopeChecked = checkScopeLevelsFile(
    root,
    contentPaths.scopeLevels,
    fix && targetPaths.has(contentPaths.scopeLevels),
  );
  const context: Context = {
    root,
    units: unitsChecked.data
      ? new Map(unitsChecked.data.map((unit) => [unit.id, unit]))
      : undefined,
    scopeLevels: scopeChecked.data
      ? new Map(scopeChecked.data.map((level) => [level.id, level]))
      : undefined,
    organiserIds: new Set(),
    organisers: new Map(),
    campaignIds: new Set(),
    campaigns: new Map(),
    initiativeSlugs: new Set(),
    facts: new Map(),
    today: options.today ?? todayInVietnam(),
  };
  if (targetPaths.has(contentPaths.units)) record(unitsChecked.report, unitsChecked.fixed);
  if (targetPaths.has(contentPaths.scopeLevels)) record(scopeChecked.report, scopeChecked.fixed);

  const organiserTargets: {
    id: string;
    path: string;
    checked: ReturnType<typeof checkOrganiserFile>;
  }[] = [];
  for (const id of listIds(root, collections.organisers)) {
    const path = pathOf(collections.organisers, id);
    const isTarget = targetPaths.has(path);
    context.organiserIds.add(id);
    const checked = safely(path, () => checkOrganiserFile(root, path, fix && isTarget));
    if ('crashed' in checked) {
      if (isTarget) record(checked.crashed);
      continue;
    }
    if (checked.data) context.organisers.set(id, checked.data);
    if (isTarget) organiserTargets.push({ id, path, checked });
  }
  // Judged once every organiser is read: which of them runs the site is a rule across the files.
  for (const { id, path, checked } of organiserTargets) {
    if (checked.data) {
      checked.problems.push(...checkOrganiserReferences(checked.data, checked.file, context));
      checked.problems.push(...checkSiteOperator(id, checked.data, checked.file, context));
    }
    record(fileReport(path, checked.problems), checked.fixed);
  }

  for (const id of listIds(root, collections.campaigns)) {
    const path = pathOf(collections.campaigns, id);
    const isTarget = targetPaths.has(path);
    const checked = safely(path, () => checkCampaignFile(root, path, fix && isTarget));
    if ('crashed' in checked) {
      context.campaignIds.add(idOf(path));
      if (isTarget) record(checked.crashed);
      continue;
    }
    context.campaignIds.add(idOf(path));
    if (checked.data) context.campaigns.set(idOf(path), checked.data);
    if (isTarget) {
      if (checked.data) {
        checked.report.problems.push(
          ...checkCampaignReferences(checked.data, checked.file, context),
          ...checkCampaignStatus(
            checked.data,
            { field: 'status', line: checked.file.lineOf(['status']) },
            context.today,
          ),
        );
      }
      record(fileReport(path, checked.report.problems), checked.fixed);
    }
  }

  const byKind = (kind: Target['kind']) =>
    discovery.targets.filter((target) => target.kind === kind).map((target) => target.path);

  const initiativePaths = byKind('initiative');
  const results = await checkWithCache(root, initiativePaths, fix, options);
  for (const result of results) context.facts.set(result.facts.slug, result.facts);

  // Every initiative of the archive: for references and the near-duplicate index.
  const titles = new TitleIndex();
  const fullRun =
    options.changedSince === undefined && !(options.paths && options.paths.length > 0);
  if (fullRun) {
    for (const [slug, facts] of context.facts) {
      context.initiativeSlugs.add(slug);
      if (facts.title)
        titles.add({ slug, path: facts.path, title: facts.title }, facts.titleTokens);
    }
  } else {
    for (const slug of listFolders(join(root, collections.initiatives.folder))) {
      const path = pathOf(collections.initiatives, slug);
      const known = context.facts.get(slug);
      const quick = known ? { found: true, title: known.title } : quickTitle(join(root, path));
      if (!quick.found) continue;
      context.initiativeSlugs.add(slug);
      const title = quick.title ?? (known ? undefined : factsOf(context, slug)?.title);
      if (title) titles.add({ slug, path, title });
    }
  }

  // A full run joins all titles at once; a partial run looks up only the checked ones.
  const pairs = fullRun ? titles.allPairs() : undefined;
  for (const result of results) {
    const { facts } = result;
    const sentOn = added.has(facts.slug) ? context.today : options.sent?.[facts.slug];
    const checked = safely(result.report.path, () => {
      const problems = [...result.report.problems];
      problems.push(...checkInitiativeReferences(facts, context));
      problems.push(...checkDeadline(facts, context, sentOn));
      if (facts.title) {
        const matches = pairs
          ? (pairs.get(facts.slug) ?? [])
          : titles.similarTo(facts.title, facts.slug);
        problems.push(...duplicateProblems(matches, facts.lines.title));
      }
      return { problems };
    });
    // A rule that fails on one entry is that entry's problem; the other entries are still checked.
    if ('crashed' in checked) {
      const problems = [...result.report.problems, ...checked.crashed.problems];
      record(fileReport(result.report.path, problems), result.fixed);
    } else record(fileReport(result.report.path, checked.problems), result.fixed);
  }

  for (const path of byKind('decision')) {
    const checked = safely(path, () => checkDecisionFile(root, path, fix));
    if ('crashed' in checked) {
      record(checked.crashed);
      continue;
    }
    if (checked.data) {
      checked.problems.push(
        ...checkDecisionReferences(checked.data, checked.file, context, idOf(path)),
      );
    }
    record(fileReport(path, checked.problems), checked.fixed);
  }
  for (const path of byKind('adoption')) {
    const checked = safely(path, () => checkAdoptionFile(root, path, fix));
    if ('crashed' in checked) {
      record(checked.crashed);
      continue;
    }
    if (checked.data)
      checked.problems.push(...checkAdoptionReferences(checked.data, checked.file, context));
    record(fileReport(path, checked.problems), checked.fixed);
  }
  for (const misplaced of discovery.misplaced) {
    const existing = reports.get(misplaced.path);
    record(fileReport(misplaced.path, [...(existing?.problems ?? []), misplaced.problem]));
  }
  for (const [path, problems] of extra) {
    const existing = reports.get(path);
    record(fileReport(path, [...problems, ...(existing?.problems ?? [])]));
  }

  const files = [...reports.values()].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  for (const file of files) labelProblems(file);
  for (const file of files) file.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    for (const problem of file.problems) {
      if (problem.severity === 'error') errors += 1;
      else warnings += 1;
    }
  }
  return { files, totals: { files: files.length, errors, warnings, fixed } };
}
