/**
 * Reads built pages the way a reader skims them: wherever an initiative is linked, its
 * committee status must be written next to the link (in the same list item, card, table row,
 * paragraph…), and an initiative's own page must state it. Used on the real build by
 * tests/browser/site.test.ts; tested on small pages by status-mentions.test.ts.
 */
import type { Element, Nodes, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';

/** Elements that hold one mention of an initiative, nearest first. */
const HOLDERS = new Set(['li', 'article', 'tr', 'dd', 'p']);

function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' || node.type === 'root') {
    return node.children.map((child) => textOf(child)).join('');
  }
  return '';
}

function walk(
  node: Root | Element,
  ancestors: Element[],
  visit: (element: Element, ancestors: Element[]) => void,
) {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    visit(child, ancestors);
    walk(child, [...ancestors, child], visit);
  }
}

/**
 * Links to initiative pages in `html` whose surroundings do not say the status `expected`
 * gives for that initiative ("Chưa xét"…); `undefined` from `expected` means "not checked".
 * `base` is the site's base path. Each finding reads "<id>: <text around the link>".
 */
export function linksWithoutStatus(
  html: string,
  base: string,
  expected: (id: string) => string | undefined,
): string[] {
  const tree = fromHtml(html);
  const pattern = new RegExp(
    `^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}sang-kien/([^/#?]+)/(?:[?#].*)?$`,
  );
  const findings: string[] = [];
  walk(tree, [], (element, ancestors) => {
    if (element.tagName !== 'a') return;
    const match = pattern.exec(String(element.properties.href ?? ''));
    const id = match?.[1];
    if (!id) return;
    const status = expected(id);
    if (status === undefined) return;
    const holder =
      [...ancestors].reverse().find((ancestor) => HOLDERS.has(ancestor.tagName)) ??
      ancestors.at(-1);
    const text = textOf(holder ?? element)
      .replace(/\s+/g, ' ')
      .trim();
    if (!text.includes(status)) findings.push(`${id}: ${text.slice(0, 160)}`);
  });
  return findings;
}

/** The visible-or-not text of a whole page, spaces collapsed. */
export function pageText(html: string): string {
  return textOf(fromHtml(html)).replace(/\s+/g, ' ');
}
