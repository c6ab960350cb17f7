/**
 * Rules that need only one file (and its folder). Initiatives are checked here
 * in worker threads for large trees; cross-file rules (references, deadline,
 * duplicates) run afterwards on the facts returned.
 */
import { join } from 'node:path';
import type { z } from 'zod';
import { readEntryFile, readYamlFile } from '../model/files.ts';
import { error, type FieldPath, formatFieldPath, type Problem } from '../model/problems.ts';
import { type EntryFile, isPlainRecord, type ParsedYaml } from '../model/read.ts';
import {
  type Adoption,
  adoptionSchema,
  type Campaign,
  campaignSchema,
  type Decision,
  decisionSchema,
  initiativeSchema,
  type ScopeLevel,
  scopeLevelListSchema,
  scopeLevelSchema,
  slugId,
  type Unit,
  unitListSchema,
  unitSchema,
} from '../schemas/index.ts';
import { checkAttachments, type DeclaredAttachment } from './attachments.ts';
import { titleTokens } from './duplicates.ts';
import { analyseMarkdown } from './markdown.ts';
import { checkTextPersonalData, checkYamlPersonalData } from './personal-data.ts';
import { checkMarkdownSafety } from './safety.ts';
import { checkSchema } from './schema.ts';
import { checkSections } from './sections.ts';
import type { FileReport, InitiativeFacts } from './types.ts';
import { checkUnicode, fixNfc } from './unicode.ts';

export interface Checked<T> {
  report: FileReport;
  data: T | undefined;
  fixed: boolean;
}

function finish(path: string, problems: Problem[]): FileReport {
  return { path, ok: problems.every((problem) => problem.severity !== 'error'), problems };
}

function prepare(absolute: string, fix: boolean): boolean {
  return fix ? fixNfc(absolute) : false;
}

function textProblems(file: { text: string; problems: Problem[] }): Problem[] {
  return [...file.problems, ...checkUnicode(file.text)];
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function declaredAttachments(
  data: Record<string, unknown> | undefined,
  file: ParsedYaml,
): DeclaredAttachment[] {
  const list = data?.attachments;
  if (!Array.isArray(list)) return [];
  const out: DeclaredAttachment[] = [];
  list.forEach((item, index) => {
    const name = isPlainRecord(item) ? asString(item.file) : undefined;
    if (name) out.push({ file: name, index, line: file.lineOf(['attachments', index, 'file']) });
  });
  return out;
}

function initiativeFacts(
  slug: string,
  path: string,
  data: Record<string, unknown> | undefined,
  file: EntryFile,
): InitiativeFacts {
  const lines: Record<string, number> = {};
  const remember = (fieldPath: FieldPath) => {
    const line = file.lineOf(fieldPath);
    if (line !== undefined) lines[formatFieldPath(fieldPath)] = line;
  };
  const personUnits: InitiativeFacts['personUnits'] = [];
  const authorNames: string[] = [];
  for (const key of ['authors', 'trialParticipants'] as const) {
    const list = data?.[key];
    if (!Array.isArray(list)) continue;
    list.forEach((person, index) => {
      if (!isPlainRecord(person)) return;
      const unit = asString(person.unit);
      if (unit) {
        personUnits.push({ unit, field: formatFieldPath([key, index, 'unit']) });
        remember([key, index, 'unit']);
      }
      const name = asString(person.name);
      if (key === 'authors' && name) authorNames.push(name);
    });
  }
  const adaptedFrom: string[] = [];
  if (Array.isArray(data?.adaptedFrom)) {
    data.adaptedFrom.forEach((value, index) => {
      if (typeof value === 'string') {
        adaptedFrom.push(value);
        remember(['adaptedFrom', index]);
      }
    });
  }
  for (const key of ['title', 'campaign', 'unit', 'submitted']) remember([key]);
  const title = asString(data?.title);
  return {
    slug,
    path,
    title,
    campaign: asString(data?.campaign),
    unit: asString(data?.unit),
    submitted: asString(data?.submitted),
    authorNames,
    personUnits,
    adaptedFrom,
    lines,
    ...(title ? { titleTokens: titleTokens(title) } : {}),
  };
}

/** An initiative's entry file: every single-file rule. */
export function checkInitiativeFile(
  root: string,
  path: string,
  fix: boolean,
): { report: FileReport; facts: InitiativeFacts; fixed: boolean } {
  const absolute = join(root, path);
  const fixed = prepare(absolute, fix);
  const slug = path.split('/').at(-2) ?? '';
  const file = readEntryFile(absolute);
  const problems = textProblems(file);
  if (!slugId.safeParse(slug).success) {
    problems.push(
      error(
        'entry.slug',
        `Tên thư mục "${slug}" không hợp lệ: chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối.`,
      ),
    );
  }
  const data = file.data;
  if (data) {
    problems.push(...checkSchema(initiativeSchema, data, file.lineOf).problems);
    problems.push(...checkYamlPersonalData(file));
  }
  if (file.text) {
    const markdown = analyseMarkdown(file.body);
    const declared = declaredAttachments(data, file);
    problems.push(...checkSections(file.body, markdown, file.bodyStartLine));
    problems.push(
      ...checkMarkdownSafety(
        markdown,
        file.bodyStartLine,
        new Set(declared.map((attachment) => attachment.file)),
      ),
    );
    problems.push(...checkTextPersonalData(file.body, file.bodyStartLine));
    const folder = absolute.slice(0, absolute.length - 'index.md'.length);
    problems.push(...checkAttachments(folder, declared));
  }
  return {
    report: finish(path, problems),
    facts: initiativeFacts(slug, path, data, file),
    fixed,
  };
}

export interface CheckedYaml<T> extends Checked<T> {
  file: ParsedYaml;
  /** The report's problems, to which cross-file rules add. */
  problems: Problem[];
}

/** `content/campaigns/<id>.md`: schema, text, safety of the announcement. */
export function checkCampaignFile(root: string, path: string, fix: boolean): CheckedYaml<Campaign> {
  const absolute = join(root, path);
  const fixed = prepare(absolute, fix);
  const file = readEntryFile(absolute);
  const problems = textProblems(file);
  let data: Campaign | undefined;
  if (file.data) {
    const result = checkSchema(campaignSchema, file.data, file.lineOf);
    data = result.data;
    problems.push(...result.problems);
    problems.push(...checkYamlPersonalData(file));
  }
  if (file.text) {
    problems.push(
      ...checkMarkdownSafety(analyseMarkdown(file.body), file.bodyStartLine, new Set()),
    );
    problems.push(...checkTextPersonalData(file.body, file.bodyStartLine));
  }
  return { report: finish(path, problems), data, fixed, file, problems };
}

function checkYaml<T>(
  root: string,
  path: string,
  fix: boolean,
  schema: z.ZodType<T>,
): CheckedYaml<T> {
  const absolute = join(root, path);
  const fixed = prepare(absolute, fix);
  const file = readYamlFile(absolute);
  const problems = textProblems(file);
  let data: T | undefined;
  if (file.data !== undefined && file.problems.length === 0) {
    const result = checkSchema(schema, file.data, file.lineOf);
    data = result.data;
    problems.push(...result.problems);
  } else if (file.data === undefined && file.problems.length === 0) {
    problems.push(error('yaml.empty', 'Tệp dữ liệu đang trống.'));
  }
  problems.push(...checkYamlPersonalData(file));
  return { report: finish(path, problems), data, fixed, file, problems };
}

/** `content/units.yaml`: the unit list schema (ids unique, parents known). */
export function checkUnitsFile(root: string, path: string, fix: boolean): CheckedYaml<Unit[]> {
  return withValidItems(checkYaml(root, path, fix, unitListSchema), unitSchema);
}

/** `content/scope-levels.yaml`: the scope list schema (ids unique). */
export function checkScopeLevelsFile(
  root: string,
  path: string,
  fix: boolean,
): CheckedYaml<ScopeLevel[]> {
  return withValidItems(checkYaml(root, path, fix, scopeLevelListSchema), scopeLevelSchema);
}

/**
 * A list that fails only on some items (or on a rule across items) still gives the
 * other rules its well-formed items, so that one duplicated unit id does not switch
 * off every unit reference check of the run. The list's own report keeps its errors.
 */
function withValidItems<T>(checked: CheckedYaml<T[]>, item: z.ZodType<T>): CheckedYaml<T[]> {
  if (checked.data || !Array.isArray(checked.file.data)) return checked;
  const items = checked.file.data.flatMap((value) => {
    const result = item.safeParse(value);
    return result.success ? [result.data] : [];
  });
  return { ...checked, data: items };
}

export function checkDecisionFile(root: string, path: string, fix: boolean): CheckedYaml<Decision> {
  return checkYaml(root, path, fix, decisionSchema);
}

export function checkAdoptionFile(root: string, path: string, fix: boolean): CheckedYaml<Adoption> {
  return checkYaml(root, path, fix, adoptionSchema);
}

export { finish as fileReport };
