/** Required body sections: each present as a `## ` heading (or an alias), in any order, not empty. */

import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString as textOf } from 'mdast-util-to-string';
import { isUnsortedHeading, sectionOfHeading, UNSORTED_HEADING } from '../core/sections.ts';
import { error, type Problem, warning } from '../model/problems.ts';
import { bodySections } from '../schemas/index.ts';
import type { MarkdownFacts } from './markdown.ts';

const HAS_CONTENT = /[\p{L}\p{N}]/u;
/** What may hide the letters of a source from its reader: an entity, a link's target, HTML. */
const MAY_HIDE = /[&[<\\]/;

/**
 * Whether a section shows a reader any letter or digit: "&nbsp;" or "[](https://…)" has
 * letters in its source and none on the page. Link texts and image descriptions count.
 */
function showsText(content: string): boolean {
  if (!HAS_CONTENT.test(content)) return false;
  if (!MAY_HIDE.test(content)) return true;
  return HAS_CONTENT.test(textOf(fromMarkdown(content)));
}

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
    const line = heading.line + bodyStartLine - 1;
    if (isUnsortedHeading(heading.text)) {
      problems.push(
        error(
          'sections.unsorted',
          `Mục "${UNSORTED_HEADING}" vẫn còn: đó là phần bản Word chưa xếp được. Chuyển từng đoạn vào mục phù hợp (hoặc xóa đoạn không cần), rồi xóa mục này.`,
          { line },
        ),
      );
      return;
    }
    const section = sectionOfHeading(heading.text);
    if (!section) return;
    if (found.has(section.id)) {
      problems.push(
        warning(
          'sections.duplicate',
          // No line number in the words: the form counts lines from the body, the file from its top.
          `Mục "${section.heading}" xuất hiện hai lần: gộp nội dung vào mục đầu tiên rồi xóa tiêu đề này.`,
          { line },
        ),
      );
      return;
    }
    found.set(section.id, line);
    const next = headings.slice(index + 1).find((other) => other.depth <= 2);
    const content = body.slice(heading.end, next ? next.start : body.length);
    if (!showsText(content)) {
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
