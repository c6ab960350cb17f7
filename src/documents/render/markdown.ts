import type { Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString as mdastToString } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';
import { sectionOfHeading } from '../../core/sections.ts';
import { normalizeLine } from '../../core/text.ts';
import type { BodySectionId } from '../../schemas/vocabularies.ts';
import type { Block, Cell, Paragraph, Picture, Run } from './model.ts';

export function parseMarkdown(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

/** The entry body split into its level-2 sections, keyed by section id. */
export function splitSections(markdown: string): Map<BodySectionId, RootContent[]> {
  const sections = new Map<BodySectionId, RootContent[]>();
  let current: RootContent[] | undefined;
  for (const node of parseMarkdown(markdown).children) {
    if (node.type === 'heading' && node.depth <= 2) {
      const id = sectionOfHeading(mdastToString(node))?.id;
      current = id ? [] : undefined;
      if (id) sections.set(id, current as RootContent[]);
      continue;
    }
    current?.push(node);
  }
  return sections;
}

/** Plain text of a section, for comparisons. */
export function sectionText(nodes: RootContent[]): string {
  return nodes.map((node) => mdastToString(node)).join('\n');
}

function runsOf(nodes: PhrasingContent[], style: Omit<Run, 'text'> = {}): Run[] {
  const runs: Run[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        runs.push({ text: node.value.replace(/\s*\n\s*/g, ' '), ...style });
        break;
      case 'strong':
        runs.push(...runsOf(node.children, { ...style, bold: true }));
        break;
      case 'emphasis':
        runs.push(...runsOf(node.children, { ...style, italic: true }));
        break;
      case 'link':
        runs.push(...runsOf(node.children, style));
        if (mdastToString(node) !== node.url) runs.push({ text: ` (${node.url})`, ...style });
        break;
      case 'image':
        runs.push({ text: `[Hình: ${node.alt || node.url}]`, ...style, italic: true });
        break;
      case 'break':
        runs.push({ text: ' ', ...style });
        break;
      default:
        if ('children' in node) runs.push(...runsOf(node.children as PhrasingContent[], style));
        else if ('value' in node) runs.push({ text: String(node.value), ...style });
    }
  }
  return runs;
}

let listGroup = 0;

/** Pictures of the entry's folder, loaded beforehand, by the file name used in the Markdown. */
export type PictureMap = ReadonlyMap<string, Omit<Picture, 'kind' | 'alt'>>;

/** Markdown nodes as document blocks: paragraphs, lists, tables, sub-headings, pictures. */
export function blocksOf(nodes: RootContent[], pictures: PictureMap = new Map()): Block[] {
  const blocks: Block[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'paragraph': {
        const shown = node.children.filter(
          (child) => child.type === 'image' && pictures.has(child.url),
        );
        const rest = node.children.filter((child) => !shown.includes(child));
        const runs = runsOf(rest);
        if (runs.some((run) => run.text.trim()))
          blocks.push({ kind: 'paragraph', runs, indent: true });
        for (const image of shown) {
          const picture = image.type === 'image' ? pictures.get(image.url) : undefined;
          if (picture && image.type === 'image')
            blocks.push({ kind: 'image', ...picture, alt: image.alt || image.url });
        }
        break;
      }
      case 'heading':
        blocks.push({
          kind: 'paragraph',
          runs: [{ text: normalizeLine(mdastToString(node)), bold: true, italic: true }],
          heading: 3,
          align: 'left',
        });
        break;
      case 'list': {
        listGroup += 1;
        const start = node.start ?? 1;
        node.children.forEach((item, index) => {
          const [first, ...rest] = item.children;
          const runs = first?.type === 'paragraph' ? runsOf(first.children) : [];
          const list = { ordered: Boolean(node.ordered), number: start + index, group: listGroup };
          blocks.push({ kind: 'paragraph', runs, list } satisfies Paragraph);
          blocks.push(...blocksOf(first?.type === 'paragraph' ? rest : item.children, pictures));
        });
        break;
      }
      case 'table': {
        const [head, ...body] = node.children;
        const cells = (row: (typeof node.children)[number]): Cell[] =>
          row.children.map((cell) => ({ text: normalizeLine(mdastToString(cell)) }));
        const width = Math.max(...node.children.map((row) => row.children.length));
        blocks.push({
          kind: 'table',
          widths: Array.from({ length: width }, () => 1),
          header: head ? [cells(head)] : [],
          rows: body.map(cells),
        });
        break;
      }
      case 'blockquote':
        blocks.push(...blocksOf(node.children, pictures));
        break;
      case 'code':
        blocks.push({ kind: 'paragraph', runs: [{ text: node.value }], align: 'left' });
        break;
      case 'html':
        break;
      default:
        if ('children' in node)
          blocks.push(
            ...blocksOf((node as Nodes & { children: RootContent[] }).children, pictures),
          );
    }
  }
  return blocks;
}
