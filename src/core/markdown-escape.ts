/**
 * Text from a pull request (file names, titles, messages that quote content) placed in a
 * Markdown comment on GitHub. Written for GitHub's renderer: after CommonMark, GitHub turns
 * `@name` into a mention (a notification to a person or a whole team), `#12` and `GH-12`
 * into references (a back-link on another issue) and bare addresses into links, on the
 * rendered text — so a backslash escape alone does not stop them. A line break in a name
 * would end the list item and start a heading, a quote or a table of the author's choosing.
 */
import { INVISIBLE_CHARACTERS } from './text.ts';

// Line breaks, tabs and the other control characters; U+0085 and the line/paragraph separators.
const CONTROLS = /[\p{Cc}\u2028\u2029]/gu;
const INVISIBLE = new RegExp(
  `[${[...INVISIBLE_CHARACTERS.keys()].map((code) => `\\u${code.toString(16).padStart(4, '0')}`).join('')}]`,
  'gu',
);
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(character: string): string {
  return (
    NAMED[character] ??
    `\\u${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
  );
}

/**
 * Inline code: nothing inside is Markdown, HTML, a mention or a reference. Control and
 * invisible characters are shown as escapes (`\n`, `\u202E`), so that a name is shown as
 * it is, on one line, and a name that hides characters is seen to. The fence is one
 * backtick longer than the longest run of backticks in the text.
 */
export function markdownCode(value: string): string {
  const text = value.replace(CONTROLS, visible).replace(INVISIBLE, visible);
  if (text === '') return '` `';
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // CommonMark drops one space at each end when both ends have one; a text that starts or
  // ends with a backtick needs a space to be told from the fence.
  // A text of spaces only is kept as it is by CommonMark, so it needs no padding.
  const padded = /^[` ]|[` ]$/.test(text) && !/^ +$/.test(text) ? ` ${text} ` : text;
  return `${fence}${padded}${fence}`;
}

/**
 * Plain text on one line: every ASCII punctuation character that Markdown reads is
 * escaped (emphasis, links, HTML, entities, tables, list and heading markers), line
 * breaks become spaces, other control and invisible characters become U+FFFD, and
 * mentions, references and bare links are broken by a zero-width space.
 */
export function markdownText(value: string): string {
  return value
    .replace(/[\r\n\t\v\f\u0085\u2028\u2029]+/g, ' ')
    .replace(CONTROLS, '\uFFFD')
    .replace(INVISIBLE, '\uFFFD')
    .replace(/:\/\//g, ':\u200B//')
    .replace(/\bwww\./gi, (match) => `${match.slice(0, 3)}\u200B.`)
    .replace(/\bGH-(?=\d)/gi, (match) => `${match}\u200B`)
    .replace(/[!-/:-?[-`{-~]/g, '\\$&')
    .replace(/@/g, '@\u200B')
    .replace(/\\#/g, '\\#\u200B');
}

/**
 * Plain text on one line, for a Markdown file that people also read as it is (the committee's
 * report): only what would make HTML, an entity, a link or an image, emphasis, code, a table
 * cell's end or a bare link is escaped, so a title keeps its commas, stops and brackets as
 * typed. Line breaks become spaces; other control and invisible characters become U+FFFD.
 */
export function markdownInline(value: string): string {
  return value
    .replace(/[\r\n\t\v\f\u0085\u2028\u2029]+/g, ' ')
    .replace(CONTROLS, '\uFFFD')
    .replace(INVISIBLE, '\uFFFD')
    .replace(/[\\`*_[\]<>|~&!]/g, '\\$&')
    .replace(/:\/\//g, '\\://')
    .replace(/\bwww\./gi, (match) => `${match.slice(0, 3)}\\.`);
}
