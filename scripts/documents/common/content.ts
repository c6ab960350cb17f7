import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { z } from 'zod';
import { contentPaths } from '../../../src/model/collections.ts';
import { readEntryFile, readYamlFile } from '../../../src/model/files.ts';
import type { Problem } from '../../../src/model/read.ts';
import {
  type Campaign,
  campaignSchema,
  type Decision,
  decisionSchema,
  type Initiative,
  initiativeSchema,
  type ScopeLevel,
  scopeLevelSchema,
  type Unit,
  unitListSchema,
} from '../../../src/schemas/index.ts';
import { UserError } from './errors.ts';

function describeIssues(file: string, error: z.ZodError): string {
  const lines = error.issues.map((issue) => {
    const field = issue.path.join('.') || '(toàn tệp)';
    return `  - ${field}: ${issue.message}`;
  });
  return `Tệp ${file} không hợp lệ:\n${lines.join('\n')}`;
}

function failOnErrors(file: string, problems: Problem[]): void {
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (errors.length === 0) return;
  const lines = errors.map((problem) => `  - ${problem.field ?? '(toàn tệp)'}: ${problem.message}`);
  throw new UserError(`Tệp ${file} không đọc được:\n${lines.join('\n')}`);
}

/** Front matter and body through the validator's safe reader: no front-matter dialect runs code. */
function readMarkdown(root: string, file: string): { data: unknown; body: string } {
  const path = join(root, file);
  if (!existsSync(path)) throw new UserError(`Không tìm thấy tệp ${file}.`);
  const read = readEntryFile(path);
  failOnErrors(file, read.problems);
  return { data: read.data, body: read.body };
}

function parseYamlFile(root: string, file: string): unknown {
  const path = join(root, file);
  if (!existsSync(path)) throw new UserError(`Không tìm thấy tệp ${file}.`);
  const read = readYamlFile(path);
  failOnErrors(file, read.problems);
  return read.data;
}

export function loadUnits(root: string): Unit[] {
  const result = unitListSchema.safeParse(parseYamlFile(root, contentPaths.units));
  if (!result.success) throw new UserError(describeIssues(contentPaths.units, result.error));
  return result.data;
}

export function loadScopeLevels(root: string): ScopeLevel[] {
  const data = parseYamlFile(root, contentPaths.scopeLevels);
  const result = scopeLevelSchema.array().safeParse(data);
  if (!result.success) throw new UserError(describeIssues(contentPaths.scopeLevels, result.error));
  return result.data;
}

export interface CampaignFile {
  id: string;
  file: string;
  data: Campaign;
}

export function loadCampaigns(root: string): CampaignFile[] {
  const dir = join(root, contentPaths.campaigns);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => {
      const file = `${contentPaths.campaigns}/${name}`;
      const result = campaignSchema.safeParse(readMarkdown(root, file).data);
      if (!result.success) throw new UserError(describeIssues(file, result.error));
      return { id: basename(name, '.md'), file, data: result.data };
    });
}

export function loadCampaign(root: string, id: string): CampaignFile {
  const campaign = loadCampaigns(root).find((item) => item.id === id);
  if (!campaign)
    throw new UserError(`Không có đợt phát động "${id}" trong ${contentPaths.campaigns}.`);
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
      const file = statSync(candidate).isDirectory() ? join(candidate, 'index.md') : candidate;
      if (existsSync(file)) return file;
    }
  }
  const bySlug = join(root, contentPaths.initiatives, entry, 'index.md');
  if (existsSync(bySlug)) return bySlug;
  throw new UserError(
    `Không tìm thấy sáng kiến "${entry}" (cần mã sáng kiến trong ${contentPaths.initiatives}/ hoặc đường dẫn tới thư mục, tệp index.md).`,
    2,
  );
}

export function loadEntryFile(root: string, path: string): EntryFile {
  const file = relative(root, path) || path;
  const parsed = readMarkdown(root, file);
  const result = initiativeSchema.safeParse(parsed.data);
  if (!result.success) throw new UserError(describeIssues(file, result.error));
  return { slug: basename(dirname(path)), file, data: result.data, body: parsed.body };
}

/** Entries of one campaign (others are not parsed, so a draft elsewhere does not block). */
export function loadEntries(root: string, campaign: string): EntryFile[] {
  const dir = join(root, contentPaths.initiatives);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'index.md')))
    .sort()
    .filter((name) => {
      const data = readEntryFile(join(dir, name, 'index.md')).data;
      return data?.campaign === campaign;
    })
    .map((name) => loadEntryFile(root, join(dir, name, 'index.md')));
}

export function loadDecision(root: string, campaign: string): Decision | undefined {
  const file = `${contentPaths.decisions}/${campaign}.yaml`;
  if (!existsSync(join(root, file))) return undefined;
  const result = decisionSchema.safeParse(parseYamlFile(root, file));
  if (!result.success) throw new UserError(describeIssues(file, result.error));
  return result.data;
}

/** The unit valid on a date (units change with administrative geography). */
export function unitById(units: Unit[], id: string): Unit | undefined {
  return units.find((unit) => unit.id === id);
}
