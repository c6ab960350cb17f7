/**
 * One pass over an entry's Markdown body: level-2 headings (for the required
 * sections) and every construct the safety rules look at (raw HTML, links,
 * images, definitions). Parsing uses mdast-util-from-markdown (CommonMark, no
 * MDX, no HTML evaluation). A body with no character that can start HTML, a
 * link, an image or a code fence holds none of those constructs, so its
 * headings are read line by line: same result, a tenth of the time. Plain
 * inline links and images ("[text](https://…)", "![alt](file.png)") are read
 * the same way when nothing around them could change their meaning (no code,
 * HTML, escape, entity, reference or deep indentation).
 *
 * What a reader sees is not the source text: `&#48;` shows as "0", `\@` as "@",
 * `0912**345**678` as one number. A parsed body therefore also gives the decoded
 * text of each block (`texts`), which the personal-data and invisible-character
 * rules read; a body the line scan may keep has no entity or escape to decode.
 */
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { formatNumber } from '../core/numbers.ts';
import { error, type Problem } from '../model/problems.ts';

export interface Heading {
  depth: number;
  text: string;
  /** 1-based line within the body. */
  line: number;
  /** Offset of the heading's first character in the body. */
  start: number;
  /** Offset just after the heading. */
  end: number;
}

export interface Reference {
  kind: 'link' | 'image';
  url: string;
  line: number;
}

/** Text as a reader sees it, from the line on which it starts (1-based within the body). */
export interface VisibleText {
  text: string;
  line: number;
}

export interface MarkdownFacts {
  headings: Heading[];
  references: Reference[];
  html: { line: number; value: string }[];
  /** Whether the full CommonMark parser was needed. */
  parsed: boolean;
  /**
   * Decoded text of every paragraph, heading, code block and HTML block (entities and
   * escapes decoded, emphasis marks gone), when the body was parsed; otherwise the
   * source text is what a reader sees, less the marks of emphasis and links.
   */
  texts?: VisibleText[];
}

/** The decoded texts of a body at their file lines (none when nothing needed decoding). */
export function bodyTexts(facts: MarkdownFacts, bodyStartLine: number): VisibleText[] {
  return (facts.texts ?? []).map(({ text, line }) => ({ text, line: line + bodyStartLine - 1 }));
}

const NEEDS_PARSER = /[<[`~]|^ {1,3}#/m;
/** An HTML character reference or a backslash escape: the source is not the text shown. */
const DECODES = /&(?:#\d+|#[xX][\da-fA-F]+|[A-Za-z][A-Za-z\d]*);|\\[!-/:-@[-`{-~]/;
/** What, besides a bracket, keeps a body from the link scan. */
const NEEDS_PARSER_WITH_LINKS = /[<`~\\&\r\t]|^ {1,3}#| {4}/m;
const ATX = /^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
/** An inline link or image with a plain destination: no space, bracket, parenthesis or quote. */
const INLINE_LINK = /(!?)\[[^[\]\n]*\]\(([^\s()<>"'[\]]+)\)/y;

/**
 * Marks of links and emphasis ("[", "*", "_", "~") one paragraph may hold. The CommonMark
 * parser (micromark, the site's as well as this one's) resolves them in time that grows with
 * the square of their number in a paragraph: 40,000 "[a]" took 17 s, a quarter of a megabyte
 * of them would take many minutes, in every check and every build. No written text comes near
 * a thousand in one paragraph; at that many, a paragraph still parses in a few milliseconds.
 */
export const MARKS_PER_PARAGRAPH = 1000;

/** What starts a list item: "- ", "* ", "+ ", "1. ", "2) ". */
const ITEM = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * The line on which the first paragraph (lines between blank lines, a quote's ">" counting as
 * blank; a table row and a list item each on their own, as the parser reads them) with more
 * marks than the parser can bear starts; counted before anything is parsed.
 */
export function overMarkedParagraph(body: string): number | undefined {
  let marks = 0;
  let line = 1;
  let start = 1;
  let lineBlank = true;
  let inParagraph = false;
  for (let index = 0; index < body.length; index += 1) {
    const code = body.charCodeAt(index);
    if (code === 10 /* \n */) {
      if (lineBlank) {
        inParagraph = false;
        marks = 0;
      }
      line += 1;
      lineBlank = true;
      continue;
    }
    if (lineBlank && code !== 32 && code !== 9 && code !== 13 && code !== 62 /* > */) {
      lineBlank = false;
      // A table row, or a list item, is parsed on its own: counting starts again there.
      if (!inParagraph || code === 124 /* | */ || ITEM.test(body.slice(index, index + 12))) {
        inParagraph = true;
        start = line;
        marks = 0;
      }
    }
    // [ * _ ~
    if (
      (code === 91 || code === 42 || code === 95 || code === 126) &&
      ++marks > MARKS_PER_PARAGRAPH
    )
      return start;
  }
  return undefined;
}

/** The error for a body `overMarkedParagraph` stops, at its file line; undefined when it parses. */
export function markdownBudgetProblem(body: string, bodyStartLine: number): Problem | undefined {
  const line = overMarkedParagraph(body);
  if (line === undefined) return undefined;
  return error(
    'markdown.too-many-marks',
    `Đoạn văn bắt đầu ở dòng này có hơn ${formatNumber(MARKS_PER_PARAGRAPH)} dấu [, *, _ hoặc ~: quá nhiều để đọc nội dung. Hãy tách đoạn bằng dòng trống hoặc bỏ bớt các dấu đó; chưa kiểm tra được phần nội dung còn lại.`,
    { line: line + bodyStartLine - 1 },
  );
}

export function analyseMarkdown(body: string): MarkdownFacts {
  if (!NEEDS_PARSER.test(body) && !DECODES.test(body)) return scanLines(body);
  if (!NEEDS_PARSER_WITH_LINKS.test(body)) {
    const references = scanLinks(body);
    if (references) {
      const facts = scanLines(body);
      return facts.parsed ? facts : { ...facts, references };
    }
  }
  return parseFully(body);
}

/** Every bracket must open a plain inline link or image; otherwise undefined (the parser decides). */
function scanLinks(body: string): Reference[] | undefined {
  const references: Reference[] = [];
  let line = 1;
  let lineStart = 0;
  for (let open = body.indexOf('['); open !== -1; open = body.indexOf('[', open + 1)) {
    const image = open > 0 && body.charCodeAt(open - 1) === 33; /* ! */
    const start = image ? open - 1 : open;
    INLINE_LINK.lastIndex = start;
    const match = INLINE_LINK.exec(body);
    if (!match) return undefined;
    for (let next = body.indexOf('\n', lineStart); next !== -1 && next < start; ) {
      line += 1;
      lineStart = next + 1;
      next = body.indexOf('\n', lineStart);
    }
    references.push({ kind: image ? 'image' : 'link', url: match[2] as string, line });
    open = INLINE_LINK.lastIndex - 1;
  }
  return references;
}

function scanLines(body: string): MarkdownFacts {
  const headings: Heading[] = [];
  let offset = 0;
  let line = 1;
  while (offset <= body.length) {
    let next = body.indexOf('\n', offset);
    if (next === -1) next = body.length;
    if (body.charCodeAt(offset) === 35 /* # */) {
      const text = body.slice(offset, next).replace(/\r$/, '');
      // Emphasis, escapes or entities in a heading change its text: leave those to the parser.
      if (/[*_\\&[]/.test(text)) return parseFully(body);
      const match = ATX.exec(text);
      if (match) {
        headings.push({
          depth: (match[1] as string).length,
          text: (match[2] ?? '').trim(),
          line,
          start: offset,
          end: next,
        });
      }
    }
    offset = next + 1;
    line += 1;
  }
  return { headings, references: [], html: [], parsed: false };
}

/**
 * The text a reader sees in an inline tree: entities and escapes are already decoded
 * in mdast; HTML shows nothing; a strikethrough's tildes (GFM, which the site renders)
 * are marks, not text.
 */
function visibleText(node: Nodes): string {
  switch (node.type) {
    case 'text':
      return node.value.includes('~') ? node.value.replaceAll('~', '') : node.value;
    case 'inlineCode':
      return node.value;
    case 'break':
      return '\n';
    case 'html':
      return '';
    case 'image':
    case 'imageReference':
      return node.alt ?? '';
    default:
      return 'children' in node ? (node.children as Nodes[]).map(visibleText).join('') : '';
  }
}

function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
  return '';
}

/** The CommonMark parse, always (the line scan's reference). */
export function parseFully(body: string): MarkdownFacts {
  const tree: Root = fromMarkdown(body);
  const headings: Heading[] = [];
  const references: Reference[] = [];
  const html: MarkdownFacts['html'] = [];
  const texts: VisibleText[] = [];
  const definitions = new Map<string, string>();
  const imageReferences: { identifier: string; line: number }[] = [];
  for (const node of tree.children) {
    const start = node.position?.start.offset;
    // Only ATX headings ("## …") open a section; a setext underline is not what the form writes.
    // ATX headings sit on one line; a setext one spans its text and the underline.
    const oneLine = node.position?.start.line === node.position?.end.line;
    if (
      node.type === 'heading' &&
      start !== undefined &&
      oneLine &&
      body.charCodeAt(start) === 35
    ) {
      headings.push({
        depth: node.depth,
        text: textOf(node).trim(),
        line: node.position?.start.line ?? 1,
        start,
        end: node.position?.end.offset ?? start,
      });
    }
  }
  const walk = (node: Nodes) => {
    const line = node.position?.start.line ?? 1;
    switch (node.type) {
      case 'paragraph':
      case 'heading':
        texts.push({ text: visibleText(node), line });
        break;
      case 'code': {
        // A fenced block's text starts on the line after its fence.
        const start = node.position?.start.offset ?? 0;
        const fenced = /^ {0,3}[`~]/.test(body.slice(start, start + 4));
        texts.push({ text: node.value, line: fenced ? line + 1 : line });
        break;
      }
      case 'html':
        html.push({ line, value: node.value });
        texts.push({ text: node.value, line });
        break;
      case 'link':
        references.push({ kind: 'link', url: node.url, line });
        break;
      case 'image':
        references.push({ kind: 'image', url: node.url, line });
        break;
      case 'definition':
        definitions.set(node.identifier, node.url);
        references.push({ kind: 'link', url: node.url, line });
        break;
      case 'imageReference':
        imageReferences.push({ identifier: node.identifier, line });
        break;
      default:
        break;
    }
    if ('children' in node) for (const item of node.children as Nodes[]) walk(item);
  };
  walk(tree);
  for (const reference of imageReferences) {
    const url = definitions.get(reference.identifier);
    if (url !== undefined) references.push({ kind: 'image', url, line: reference.line });
  }
  return { headings, references, html, parsed: true, texts };
}
