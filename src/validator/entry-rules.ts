/**
 * Every rule an initiative is held to that needs only its text, plus the context rules
 * that need only what the admin also knows (campaigns, units, today). The validator runs
 * them on files (check-file.ts adds the attachments on disk); the admin runs them on the
 * form and before a status change or a publish. One set of rules, so the form cannot
 * accept what the validator refuses.
 *
 * The admin bundles this module: nothing in its import graph may need Node
 * (tests/validator/entry-rules.test.ts walks the graph).
 */
import { isIsoDate } from '../core/dates.ts';
import { error, type FieldPath, formatFieldPath, type Problem } from '../model/problems.ts';
import { type EntryFile, isPlainRecord, type ParsedYaml, parseEntryText } from '../model/read.ts';
import { initiativeSchema, slugId } from '../schemas/index.ts';
import { checkDeadline } from './deadline.ts';
import { checkInitiativeReferences, type ReferenceContext } from './initiative-references.ts';
import { analyseMarkdown, bodyTexts, markdownBudgetProblem } from './markdown.ts';
import { checkTextPersonalData, checkYamlPersonalData } from './personal-data.ts';
import { checkMarkdownSafety } from './safety.ts';
import { checkSchema } from './schema.ts';
import { checkSections } from './sections.ts';
import type { Context, InitiativeFacts } from './types.ts';
import { checkDecodedUnicode, checkUnicode, escapedScalars } from './unicode.ts';

/** An attachment named in the front matter, for the rules that look at files. */
export interface DeclaredAttachment {
  file: string;
  index: number;
  line: number | undefined;
}

/** An entry as the one reader returns it (from disk, files.ts, or from text, read.ts). */
export type ParsedEntry = Omit<EntryFile, 'hadBom'>;

/**
 * What the context rules need: the validator's Context is one; the admin builds one from
 * the campaigns and units it was bundled with. `isNew`: the entry is not published yet,
 * so a campaign past its deadline no longer takes it.
 */
export type EntryContext = ReferenceContext &
  Pick<Context, 'campaigns' | 'today'> & {
    isNew?: boolean;
  };

export interface InitiativeCheck {
  problems: Problem[];
  facts: InitiativeFacts;
  file: ParsedEntry;
  declared: DeclaredAttachment[];
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function calendarDay(value: unknown): string | undefined {
  return typeof value === 'string' && isIsoDate(value) ? value : undefined;
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

/** What the cross-file rules need to know of an entry, with the lines of the fields they name. */
export function initiativeFacts(
  slug: string,
  path: string,
  data: Record<string, unknown> | undefined,
  file: ParsedEntry,
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
  return {
    slug,
    path,
    title: asString(data?.title),
    campaign: asString(data?.campaign),
    unit: asString(data?.unit),
    // Only a calendar day: the schema names a malformed one, and the rules compare days.
    submitted: calendarDay(data?.submitted),
    authorNames,
    personUnits,
    adaptedFrom,
    lines,
  };
}

/** The campaign and units an entry names exist; its submission date fits the campaign. */
export function checkInitiativeContext(facts: InitiativeFacts, context: EntryContext): Problem[] {
  return [
    ...checkInitiativeReferences(facts, context),
    // The form checks an entry being written: if it is new, it is sent today.
    ...checkDeadline(facts, context, context.isNew === true ? context.today : undefined),
  ];
}

/**
 * The single-entry rules on an entry already read: text hygiene, folder name, schema
 * (with the Vietnamese issue formatter), personal data, body sections, Markdown safety;
 * with a context, the context rules too. `path` is the repository-relative path of the
 * initiative's entry file (see `pathOf` in src/model/collections.ts).
 */
export function checkInitiativeEntry(
  file: ParsedEntry,
  path: string,
  context?: EntryContext,
): InitiativeCheck {
  const slug = path.split('/').at(-2) ?? '';
  const problems = [...file.problems, ...checkUnicode(file.text)];
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
    problems.push(...checkDecodedUnicode(escapedScalars(file), problems));
  }
  let declared: DeclaredAttachment[] = [];
  const budget = file.text ? markdownBudgetProblem(file.body, file.bodyStartLine) : undefined;
  // Lines that cannot be told apart: the file's own problem says so, nothing else can be judged.
  if (file.problems.some((problem) => problem.code === 'file.line-endings')) {
    declared = [];
  } else if (budget) {
    declared = declaredAttachments(data, file);
    problems.push(budget);
  } else if (file.text) {
    const markdown = analyseMarkdown(file.body);
    declared = declaredAttachments(data, file);
    problems.push(...checkSections(file.body, markdown, file.bodyStartLine));
    problems.push(
      ...checkMarkdownSafety(
        markdown,
        file.bodyStartLine,
        new Set(declared.map((attachment) => attachment.file)),
        file.body,
      ),
    );
    problems.push(...checkTextPersonalData(file.body, file.bodyStartLine, markdown));
    problems.push(...checkDecodedUnicode(bodyTexts(markdown, file.bodyStartLine), problems));
  }
  const facts = initiativeFacts(slug, path, data, file);
  if (context) problems.push(...checkInitiativeContext(facts, context));
  return { problems, facts, file, declared };
}

/** The same rules on the text of `index.md` (what the admin is about to save, or has saved). */
export function checkInitiativeText(
  text: string,
  path: string,
  context?: EntryContext,
): InitiativeCheck {
  return checkInitiativeEntry(parseEntryText(text, path), path, context);
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}
