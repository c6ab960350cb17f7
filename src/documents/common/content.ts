import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { z } from 'zod';
import { unknownCampaign } from '../../core/exit-codes.ts';
import {
  type CollectionRow,
  collections,
  fileSchemaOf,
  locate,
  pathOf,
  patternLabel,
} from '../../model/collections.ts';
import { listIds, readRecordFile } from '../../model/files.ts';
import { formatIssue, parseWithInput, relevantIssues } from '../../model/zod-errors.ts';
import type {
  Adoption,
  Campaign,
  Decision,
  Initiative,
  Organiser,
  ScopeLevel,
  Unit,
} from '../../schemas/index.ts';
import { UserError } from './errors.ts';

/**
 * One record through the one reader and its collection's schema; problems become a
 * UserError that lists them the way the validator words them (field label first).
 */
function loadRecord<T>(root: string, row: CollectionRow, id: string): { data: T; body: string } {
  const file = pathOf(row, id);
  if (!existsSync(join(root, file))) throw new UserError(`Không tìm thấy tệp ${file}.`);
  const record = readRecordFile(root, row, id);
  const errors = record.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    const lines = errors.map(
      (problem) => `  - ${problem.field ?? '(toàn tệp)'}: ${problem.message}`,
    );
    throw new UserError(`Tệp ${file} không đọc được:\n${lines.join('\n')}`);
  }
  const schema = fileSchemaOf(row) as z.ZodType<T>;
  const result = parseWithInput(schema, record.raw);
  if (!result.success) {
    const lines = relevantIssues(result.error.issues).map(
      (issue) => `  - ${formatIssue(schema, issue)}`,
    );
    throw new UserError(`Tệp ${file} không hợp lệ:\n${lines.join('\n')}`);
  }
  return { data: result.data, body: record.body };
}

export function loadUnits(root: string): Unit[] {
  return loadRecord<Unit[]>(root, collections.units, collections.units.name).data;
}

export function loadScopeLevels(root: string): ScopeLevel[] {
  return loadRecord<ScopeLevel[]>(root, collections.scopeLevels, collections.scopeLevels.name).data;
}

/** The organiser a campaign names: its documents' agency header and place come from it. */
export function loadOrganiser(root: string, id: string): Organiser {
  return loadRecord<Organiser>(root, collections.organisers, id).data;
}

export interface CampaignFile {
  id: string;
  file: string;
  data: Campaign;
}

export function loadCampaigns(root: string): CampaignFile[] {
  const row = collections.campaigns;
  return listIds(root, row).map((id) => ({
    id,
    file: pathOf(row, id),
    data: loadRecord<Campaign>(root, row, id).data,
  }));
}

export function loadCampaign(root: string, id: string): CampaignFile {
  const campaigns = loadCampaigns(root);
  const campaign = campaigns.find((item) => item.id === id);
  if (!campaign)
    throw unknownCampaign(
      id,
      campaigns.map((item) => item.id),
    );
  return campaign;
}

export interface EntryFile {
  slug: string;
  /** Path of index.md relative to the root. */
  file: string;
  data: Initiative;
  body: string;
}

/** Resolves an entry given as a slug, a folder or an index.md path. */
export function resolveEntryPath(root: string, entry: string): string {
  const candidates = [resolve(entry), resolve(root, entry)];
  for (const candidate of candidates) {
    if (existsSync(candidate)) {
      const file = statSync(candidate).isDirectory()
        ? join(candidate, collections.initiatives.entryFile)
        : candidate;
      if (existsSync(file)) return file;
    }
  }
  const bySlug = join(root, pathOf(collections.initiatives, entry));
  if (existsSync(bySlug)) return bySlug;
  throw new UserError(
    `Không tìm thấy sáng kiến "${entry}" (cần mã sáng kiến trong ${collections.initiatives.folder}/ hoặc đường dẫn tới thư mục, tệp ${collections.initiatives.entryFile}).`,
    2,
  );
}

export function loadEntryFile(root: string, path: string): EntryFile {
  const file = (relative(root, path) || path).split(sep).join('/');
  const located = locate(file);
  const slug = 'row' in located ? located.id : basename(dirname(path));
  if (
    !('row' in located) ||
    located.row !== collections.initiatives ||
    located.entryPath !== file
  ) {
    throw new UserError(
      `Tệp ${file} không phải tệp sáng kiến (${patternLabel(collections.initiatives)}).`,
      2,
    );
  }
  const record = loadRecord<Initiative>(root, collections.initiatives, slug);
  return { slug, file, data: record.data, body: record.body };
}

/** Entries of one campaign (others are not parsed, so a draft elsewhere does not block). */
export function loadEntries(root: string, campaign: string): EntryFile[] {
  const row = collections.initiatives;
  return listIds(root, row)
    .filter((id) => {
      const raw = readRecordFile(root, row, id).raw as { campaign?: unknown } | undefined;
      return raw?.campaign === campaign;
    })
    .map((id) => loadEntryFile(root, join(root, pathOf(row, id))));
}

export function loadDecision(root: string, campaign: string): Decision | undefined {
  const row = collections.decisions;
  if (!existsSync(join(root, pathOf(row, campaign)))) return undefined;
  return loadRecord<Decision>(root, row, campaign).data;
}

/** Every replication report, each through the one reader and its schema. */
export function loadAdoptions(root: string): (Adoption & { id: string })[] {
  const row = collections.adoptions;
  if (!existsSync(join(root, row.folder))) return [];
  return listIds(root, row).map((id) => ({ id, ...loadRecord<Adoption>(root, row, id).data }));
}

/** The unit valid on a date (units change with administrative geography). */
export function unitById(units: Unit[], id: string): Unit | undefined {
  return units.find((unit) => unit.id === id);
}
