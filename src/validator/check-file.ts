/**
 * Rules that need only one file (and its folder). Initiatives are checked here
 * in worker threads for large trees; cross-file rules (references, deadline,
 * duplicates) run afterwards on the facts returned. An initiative's rules live in
 * entry-rules.ts, shared with the admin.
 */
import { join } from 'node:path';
import type { z } from 'zod';
import { readEntryFile, readYamlFile } from '../model/files.ts';
import { error, type Problem } from '../model/problems.ts';
import type { ParsedYaml } from '../model/read.ts';
import {
  type Adoption,
  adoptionSchema,
  type Campaign,
  campaignSchema,
  type Decision,
  decisionSchema,
  type Organiser,
  organiserSchema,
  type ScopeLevel,
  scopeLevelListSchema,
  scopeLevelSchema,
  type Unit,
  unitListSchema,
  unitSchema,
} from '../schemas/index.ts';
import { checkAttachments } from './attachments.ts';
import { titleTokens } from './duplicates.ts';
import { checkInitiativeEntry } from './entry-rules.ts';
import { fixNfc } from './fix-nfc.ts';
import { analyseMarkdown, bodyTexts, markdownBudgetProblem } from './markdown.ts';
import { checkTextPersonalData, checkYamlPersonalData } from './personal-data.ts';
import { checkMarkdownSafety } from './safety.ts';
import { checkSchema } from './schema.ts';
import type { FileReport, InitiativeFacts } from './types.ts';
import { checkDecodedUnicode, checkUnicode, escapedScalars } from './unicode.ts';

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

/** The reader's problems, then the text's: in the source and in the values escapes decode to. */
function textProblems(file: ParsedYaml & { text: string }): Problem[] {
  const problems = [...file.problems, ...checkUnicode(file.text)];
  problems.push(...checkDecodedUnicode(escapedScalars(file), problems));
  return problems;
}

/**
 * An initiative's entry file: the file read through the one reader, every rule of
 * entry-rules.ts (the admin runs the same), then the one rule that needs the disk: the
 * attachments beside the entry.
 */
export function checkInitiativeFile(
  root: string,
  path: string,
  fix: boolean,
): { report: FileReport; facts: InitiativeFacts; fixed: boolean } {
  const absolute = join(root, path);
  const fixed = prepare(absolute, fix);
  const { problems, facts, file, declared } = checkInitiativeEntry(readEntryFile(absolute), path);
  if (file.text) {
    const folder = absolute.slice(0, absolute.length - 'index.md'.length);
    problems.push(...checkAttachments(folder, declared));
  }
  // The duplicate index's tokens are computed here, in the thread that read the entry.
  if (facts.title) facts.titleTokens = titleTokens(facts.title);
  return { report: finish(path, problems), facts, fixed };
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
  const budget = file.text ? markdownBudgetProblem(file.body, file.bodyStartLine) : undefined;
  if (file.problems.some((problem) => problem.code === 'file.line-endings')) {
    // Said by the reader; a text whose lines cannot be told apart has nothing more to judge.
  } else if (budget) {
    problems.push(budget);
  } else if (file.text) {
    const markdown = analyseMarkdown(file.body);
    problems.push(...checkMarkdownSafety(markdown, file.bodyStartLine, new Set(), file.body));
    problems.push(...checkTextPersonalData(file.body, file.bodyStartLine, markdown));
    problems.push(...checkDecodedUnicode(bodyTexts(markdown, file.bodyStartLine), problems));
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

export function checkOrganiserFile(
  root: string,
  path: string,
  fix: boolean,
): CheckedYaml<Organiser> {
  const checked = checkYaml(root, path, fix, organiserSchema);
  // An agency's switchboard, address and mailbox are public: its letterhead prints them.
  const contactLines = new Set(
    ['office', 'address', 'phone', 'email', 'website'].map((key) =>
      checked.file.lineOf(['contact', key]),
    ),
  );
  const problems = checked.problems.filter(
    (problem) =>
      !(
        problem.code.startsWith('personal-data.') &&
        problem.line !== undefined &&
        contactLines.has(problem.line)
      ),
  );
  return { ...checked, problems, report: finish(path, problems) };
}

export function checkAdoptionFile(root: string, path: string, fix: boolean): CheckedYaml<Adoption> {
  return checkYaml(root, path, fix, adoptionSchema);
}

export { finish as fileReport };
