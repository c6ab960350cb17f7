/**
 * The body sections of an initiative, recognised by their `##` heading the same
 * way by the validator (is every section there?) and by the Word export (what
 * goes under which heading of the form).
 */
import { type BodySection, type BodySectionId, bodySections } from '../schemas/vocabularies.ts';
import { fold, matchKey } from './text.ts';

/**
 * The section where a Word import puts what it could not place. The author sorts it and then
 * deletes it; until then the entry is a draft (the validator refuses it).
 */
export const UNSORTED_HEADING = 'Nội dung cần sắp xếp';

/** Whether a heading is the import's section to sort, written as the import writes it or not. */
export function isUnsortedHeading(text: string): boolean {
  return headingKey(text) === headingKey(UNSORTED_HEADING);
}

/** "1. Tính mới:", "II – TÍNH MỚI" and "Tính mới" are one heading. */
function headingKey(text: string): string {
  return matchKey(fold(text).replace(/^(?:\d+|[ivxlc]+)\s*[.):–-]\s*/, ''));
}

const sectionByKey = new Map<string, BodySection & { id: BodySectionId }>();
for (const section of bodySections) {
  for (const name of [section.heading, ...section.aliases])
    sectionByKey.set(headingKey(name), section);
}

// Entries repeat the same few headings: each is keyed once per run (the memo stays small).
const keyMemo = new Map<string, string>();

/** The section a heading opens (its heading or an alias, numbered or not, any case or accents). */
export function sectionOfHeading(text: string): (BodySection & { id: BodySectionId }) | undefined {
  let key = keyMemo.get(text);
  if (key === undefined) {
    key = headingKey(text);
    if (keyMemo.size < 10_000) keyMemo.set(text, key);
  }
  return sectionByKey.get(key);
}
