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
 */
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';

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

export interface MarkdownFacts {
  headings: Heading[];
  references: Reference[];
  html: { line: number; value: string }[];
  /** Whether the full CommonMark parser was needed. */
  parsed: boolean;
}

const NEEDS_PARSER = /[<[`~]|^ {1,3}#/m;
/** What, besides a bracket, keeps a body from the link scan. */
const NEEDS_PARSER_WITH_LINKS = /[<`~\\&\r\t]|^ {1,3}#| {4}/m;
const ATX = /^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
/** An inline link or image with a plain destination: no space, bracket, parenthesis or quote. */
const INLINE_LINK = /(!?)\[[^[\]\n]*\]\(([^\s()<>"'[\]]+)\)/y;

export function analyseMarkdown(body: string): MarkdownFacts {
  if (!NEEDS_PARSER.test(body)) return scanLines(body);
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
      case 'html':
        html.push({ line, value: node.value });
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
  return { headings, references, html, parsed: true };
}
