import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import {
  type Campaign,
  campaignSchema,
  contentPaths,
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

function readText(root: string, file: string): string {
  const path = join(root, file);
  if (!existsSync(path)) throw new UserError(`Không tìm thấy tệp ${file}.`);
  return readFileSync(path, 'utf8');
}

function parseYamlFile(root: string, file: string): unknown {
  try {
    return parseYaml(readText(root, file));
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `Tệp ${file} không đọc được (YAML sai cú pháp): ${(error as Error).message}`,
    );
  }
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
      const result = campaignSchema.safeParse(matter(readText(root, file)).data);
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
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UserError(`Tệp ${file} không đọc được phần đầu YAML: ${(error as Error).message}`);
  }
  const result = initiativeSchema.safeParse(parsed.data);
  if (!result.success) throw new UserError(describeIssues(file, result.error));
  return { slug: basename(dirname(path)), file, data: result.data, body: parsed.content };
}

/** Entries of one campaign (others are not parsed, so a draft elsewhere does not block). */
export function loadEntries(root: string, campaign: string): EntryFile[] {
  const dir = join(root, contentPaths.initiatives);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'index.md')))
    .sort()
    .filter((name) => {
      const text = readFileSync(join(dir, name, 'index.md'), 'utf8');
      return new RegExp(`^campaign:\\s*['"]?${campaign}['"]?\\s*$`, 'm').test(text);
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
