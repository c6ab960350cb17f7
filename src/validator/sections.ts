/** Required body sections: each present as a `## ` heading (or an alias), in any order, not empty. */

import { fold } from '../../scripts/lib/text.ts';
import { error, type Problem, warning } from '../model/problems.ts';
import { bodySections } from '../schemas/index.ts';
import type { MarkdownFacts } from './markdown.ts';

/** "1. Tính mới:" and "II – Tính mới" are the same heading as "Tính mới". */
function headingKey(text: string): string {
  return fold(text)
    .replace(/^(?:\d+|[ivxlc]+)\s*[.):–-]\s*/, '')
    .replace(/[\s.:;–-]+$/, '')
    .trim();
}

/** Entries repeat the same few headings: each is folded once per run (the memo stays small). */
const keyMemo = new Map<string, string>();
function memoHeadingKey(text: string): string {
  let key = keyMemo.get(text);
  if (key === undefined) {
    key = headingKey(text);
    if (keyMemo.size < 10_000) keyMemo.set(text, key);
  }
  return key;
}

const sectionByKey = new Map<string, (typeof bodySections)[number]>();
for (const section of bodySections) {
  for (const name of [section.heading, ...section.aliases])
    sectionByKey.set(headingKey(name), section);
}

const HAS_CONTENT = /[\p{L}\p{N}]/u;

export function checkSections(
  body: string,
  facts: MarkdownFacts,
  bodyStartLine: number,
): Problem[] {
  const problems: Problem[] = [];
  const found = new Map<string, number>();
  const { headings } = facts;
  headings.forEach((heading, index) => {
    if (heading.depth !== 2) return;
    const section = sectionByKey.get(memoHeadingKey(heading.text));
    if (!section) return;
    const line = heading.line + bodyStartLine - 1;
    if (found.has(section.id)) {
      problems.push(
        warning(
          'sections.duplicate',
          `Mục "${section.heading}" xuất hiện hai lần (lần đầu ở dòng ${found.get(section.id)}).`,
          { line },
        ),
      );
      return;
    }
    found.set(section.id, line);
    const next = headings.slice(index + 1).find((other) => other.depth <= 2);
    const content = body.slice(heading.end, next ? next.start : body.length);
    if (!HAS_CONTENT.test(content)) {
      problems.push(
        error('sections.empty', `Mục "${section.heading}" chưa có nội dung. ${section.guidance}`, {
          line,
        }),
      );
    }
  });
  for (const section of bodySections) {
    if (!found.has(section.id)) {
      problems.push(
        error(
          'sections.missing',
          `Thiếu mục "## ${section.heading}" trong nội dung. ${section.guidance}`,
          { line: bodyStartLine },
        ),
      );
    }
  }
  return problems;
}
