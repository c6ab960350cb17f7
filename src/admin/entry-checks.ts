/**
 * The validator's rules on what the admin holds: the form being edited (turned into the
 * `index.md` Decap would save) or the text saved on an entry's branch. Each problem is
 * given the Vietnamese name of the field it concerns, as the form labels it. No Decap or
 * React here, so it runs under Node in the tests as it does in the browser.
 */
import { contentPaths } from '../model/collections.ts';
import { fieldLabel } from '../model/labels.ts';
import type { Problem } from '../model/problems.ts';
import { initiativeSchema } from '../schemas/index.ts';
import { checkInitiativeText, type EntryContext, hasErrors } from '../validator/entry-rules.ts';
import { labelOf } from '../validator/field-labels.ts';
import { type GatedStep, type LocatedProblem, refusalMessage } from '../validator/refusal.ts';
import { quietFrontMatterFormat } from './formats.ts';
import { INITIATIVE_WIDGET, initiativeValueSerializer } from './initiative-widget.ts';
import { MessageError } from './message-error.ts';

/** The form's label for the Markdown body (src/admin/config.ts). */
export const BODY_LABEL = 'Nội dung sáng kiến';

/** Where a new entry will live is known only once it is saved; its name does not change the rules. */
const NEW_ENTRY_PATH = `${contentPaths.initiatives}/bai-moi/index.md`;

/** One problem as the form shows it: the field's label, then what is wrong. */
export interface FormProblem {
  severity: Problem['severity'];
  /** "Tác giả thứ 2 › Tỷ lệ đóng góp (%)", "Nội dung sáng kiến, dòng 7"… */
  label: string;
  message: string;
  problem: Problem;
}

/** The part of Decap's field configuration the serializer reads. */
export interface FieldConfig {
  name: string;
  widget?: string;
  fields?: FieldConfig[];
  field?: FieldConfig;
  [option: string]: unknown;
}

/**
 * The data as Decap will write it: widgets with a value serializer (references to
 * initiatives store the bare folder name) serialized, nested lists and objects included.
 */
export function serializeForSave(data: unknown, fields: readonly FieldConfig[]): unknown {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data;
  const out: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const field of fields) {
    const value = out[field.name];
    if (value === undefined) continue;
    if (field.widget === INITIATIVE_WIDGET) {
      out[field.name] = initiativeValueSerializer.serialize(value);
    } else if (field.fields && Array.isArray(value)) {
      out[field.name] = value.map((item) => serializeForSave(item, field.fields ?? []));
    } else if (field.fields) {
      out[field.name] = serializeForSave(value, field.fields);
    }
  }
  return out;
}

/**
 * The `index.md` text of a form's data, as Decap saves it: through the initiatives' quiet
 * format (formats.ts), so an entry loaded from a file keeps that file's lines, the original
 * text it carries is never part of the result, and the keys follow the form's order.
 */
export function entryTextOf(data: Record<string, unknown>, fields: readonly FieldConfig[]): string {
  const serialized = serializeForSave(data, fields) as Record<string, unknown>;
  const text = quietFrontMatterFormat.toFile(
    serialized,
    fields.map((field) => field.name),
  );
  // Decap ends every file it writes with a line feed (backend.ts, entryToRaw).
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** The repository path of an entry Decap knows by its path, or a stand-in for a new one. */
export function entryPath(path: unknown): string {
  return typeof path === 'string' && path.startsWith(`${contentPaths.initiatives}/`)
    ? path
    : NEW_ENTRY_PATH;
}

/** The top-level field whose key is on or above a front-matter line. */
function fieldAtLine(
  lineOf: (path: readonly (string | number)[]) => number | undefined,
  data: Record<string, unknown> | undefined,
  line: number,
): string | undefined {
  let best: { key: string; line: number } | undefined;
  for (const key of Object.keys(data ?? {})) {
    const at = lineOf([key]);
    if (at !== undefined && at <= line && (!best || at > best.line)) best = { key, line: at };
  }
  return best?.key;
}

/** Run the validator's rules on an entry's text; every problem named by its form label. */
export function checkEntryText(text: string, path: string, context: EntryContext): FormProblem[] {
  const { problems, file } = checkInitiativeText(text, path, context);
  return problems.map((problem) => {
    let label = labelOf(path, problem);
    if (!label && problem.line !== undefined) {
      if (problem.line >= file.bodyStartLine) {
        label = `${BODY_LABEL}, dòng ${problem.line - file.bodyStartLine + 1}`;
      } else {
        const key = fieldAtLine(file.lineOf, file.data, problem.line);
        label = key ? fieldLabel(initiativeSchema, [key]) : undefined;
      }
    }
    const shownLabel = label ?? 'Tệp bài viết';
    // Schema messages already begin with their label (zod-errors.ts): kept once.
    const prefix = `${shownLabel}: `;
    return {
      severity: problem.severity,
      label: shownLabel,
      message: problem.message.startsWith(prefix)
        ? problem.message.slice(prefix.length)
        : problem.message,
      problem,
    };
  });
}

/** The form being edited: its data as Decap will save it, checked like the saved file. */
export function checkForm(
  data: Record<string, unknown>,
  fields: readonly FieldConfig[],
  path: unknown,
  context: EntryContext,
): FormProblem[] {
  return checkEntryText(entryTextOf(data, fields), entryPath(path), context);
}

/** "Tác giả: Tổng tỷ lệ …": the label in front, as the validator's report puts it. */
export function problemText(item: FormProblem): string {
  return `${item.label}: ${item.message}`;
}

/** The problems for a message that lists them (refusalMessage). */
export function asLocated(problems: readonly FormProblem[]): LocatedProblem[] {
  return problems.map((item) => ({
    problem: { ...item.problem, message: problemText(item), field: item.label },
  }));
}

/** Refuse a step (ready, publish) while the entry has errors. */
export function assertReady(problems: readonly FormProblem[], step: GatedStep): void {
  if (hasErrors(problems.map((item) => item.problem))) {
    throw new MessageError(refusalMessage(step, asLocated(problems)));
  }
}
