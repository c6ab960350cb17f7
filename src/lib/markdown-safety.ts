/**
 * Plugins for the Markdown of initiative bodies (Sätteri mdast and hast plugins).
 * Bodies are plain Markdown written by the public; these keep the site safe
 * even when an entry reaches the build without passing the validator.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { defaultSchema, type Schema, sanitize } from 'hast-util-sanitize';
import { collections } from '../model/collections.ts';

interface VisitorContext {
  fileURL: URL | undefined;
  setProperty(node: object, key: string, value: unknown): void;
}

const UNSAFE_PROTOCOL = /^\s*(?:javascript|vbscript|data|file):/i;
const BARE_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Raw HTML becomes visible text: `<script>` is shown, never run. */
export const escapeRawHtml = {
  name: 'kho-escape-raw-html',
  html(node: { value: string }) {
    return { type: 'text', value: node.value } as const;
  },
};

/** Links and images to script or data URLs lose their target. */
export const dropUnsafeUrls = {
  name: 'kho-drop-unsafe-urls',
  link(node: { url: string }, ctx: VisitorContext) {
    if (UNSAFE_PROTOCOL.test(node.url)) ctx.setProperty(node, 'url', '#');
  },
  image(node: { url: string }, ctx: VisitorContext) {
    if (UNSAFE_PROTOCOL.test(node.url)) ctx.setProperty(node, 'url', '');
  },
  // Reference-style links and images (`[a][r]` … `[r]: javascript:…`) take their target here.
  definition(node: { url: string }, ctx: VisitorContext) {
    if (UNSAFE_PROTOCOL.test(node.url)) ctx.setProperty(node, 'url', '#');
  },
};

const { folder: INITIATIVES, entryFile: ENTRY_FILE } = collections.initiatives;

/** An initiative's entry file (`…/<initiatives folder>/<slug>/index.md`) → `<slug>`, or undefined. */
export function initiativeSlugOf(fileURL: URL | undefined): string | undefined {
  if (!fileURL) return undefined;
  const parts = decodeURI(fileURL.pathname).split('/');
  const folder = INITIATIVES.split('/');
  if (parts.at(-1) !== ENTRY_FILE) return undefined;
  const matches = folder.every(
    (part, index) => parts.at(-3 - (folder.length - 1 - index)) === part,
  );
  return matches ? parts.at(-2) : undefined;
}

/**
 * An image beside the entry (`![…](so-do.png)`) is published with the page's
 * attachments (`<base>sang-kien/<slug>/so-do.png`) and shown as is: no image
 * pipeline, so a build never depends on image processing of submitted files. Any other
 * relative address in an initiative (`../x.png`, `thu-muc/x.png`: the validator refuses them,
 * `safety.image`) is left with none, rather than handed to Astro's image pipeline.
 */
export function attachmentImages(base: string) {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return {
    name: 'kho-attachment-images',
    image(node: { url: string }, ctx: VisitorContext) {
      const slug = initiativeSlugOf(ctx.fileURL);
      if (!slug) return;
      const url = node.url.replace(/^\.\//, '');
      if (BARE_FILE.test(url)) {
        ctx.setProperty(node, 'url', `${prefix}sang-kien/${slug}/${url}`);
      } else if (url && !URL.canParse(url) && !url.startsWith('/') && !url.startsWith('#')) {
        ctx.setProperty(node, 'url', '');
      }
    },
  };
}

/** GFM's own footnote ids carry this prefix, so a body can never take an id the page uses. */
const FOOTNOTE_ID = /^(?:user-content-[\w-]+|footnote-label)$/;
/** GFM writes a table column's alignment as a style; nothing else may carry one. */
const CELL_ALIGN = /^\s*text-align:\s*(left|center|right)\s*;?\s*$/i;

/**
 * Only what CommonMark and GFM produce: a body needs nothing else, and anything else
 * reached the tree by a way around the Markdown plugins. Unknown elements are unwrapped
 * (their text stays readable); those in `strip` go with their content.
 */
const schema: Schema = {
  tagNames: [
    'a',
    'blockquote',
    'br',
    'code',
    'del',
    'em',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'img',
    'input',
    'li',
    'ol',
    'p',
    'pre',
    'section',
    'strong',
    'sup',
    'table',
    'tbody',
    'td',
    'th',
    'thead',
    'tr',
    'ul',
  ],
  strip: [
    'script',
    'style',
    'template',
    'noscript',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'applet',
    'svg',
    'math',
    'textarea',
    'select',
    'option',
    'button',
    'title',
    'head',
    'meta',
    'link',
    'base',
    'xmp',
    'plaintext',
    'noembed',
    'noframes',
    'audio',
    'video',
    'canvas',
  ],
  attributes: {
    a: [
      'href',
      'title',
      ['id', FOOTNOTE_ID],
      'dataFootnoteRef',
      'dataFootnoteBackref',
      'ariaDescribedBy',
      'ariaLabel',
      ['className', 'data-footnote-backref'],
    ],
    code: [['className', /^language-[\w+#.-]+$/]],
    h2: [
      ['id', FOOTNOTE_ID],
      ['className', 'sr-only'],
    ],
    img: ['src', 'alt', 'title'],
    // Kept only to be turned into a character below: no form control reaches the page.
    input: [['type', 'checkbox'], 'checked'],
    li: [
      ['id', FOOTNOTE_ID],
      ['className', 'task-list-item'],
    ],
    ol: ['start', ['className', 'contains-task-list']],
    section: ['dataFootnotes', ['className', 'footnotes']],
    td: [['style', CELL_ALIGN]],
    th: [['style', CELL_ALIGN]],
    ul: [['className', 'contains-task-list']],
  },
  // Ids are allowed only with GFM's own prefix (FOOTNOTE_ID), so none is prefixed again.
  clobber: [],
  protocols: { href: ['https'], src: ['https'] },
};

/**
 * A link or image target the site accepts: https, or a reference to the same site (a relative
 * path, `/…`, `#…`). Read as a browser reads it: tabs and newlines anywhere and control characters
 * at either end are ignored, and `\` counts as `/` — which the library's protocol check does not do.
 */
export function isSafeUrl(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers strip exactly these.
  const url = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  if (/^[/\\]{2}/.test(url)) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  return scheme === undefined || scheme.toLowerCase() === 'https';
}

/**
 * What the allow-list keeps, shaped for a page without inline style or form controls: a
 * cell's alignment becomes `align` (site.css styles it), a task-list box a character, and a
 * URL that a browser would read as off-site or as script loses its target.
 */
function finish(nodes: ElementContent[] | RootContent[]): void {
  for (let index = 0; index < nodes.length; index += 1) {
    const node = nodes[index] as RootContent;
    if (node.type !== 'element') continue;
    const properties = node.properties;
    if (node.tagName === 'input') {
      nodes[index] = { type: 'text', value: properties.checked ? '☑ ' : '☐ ' };
      continue;
    }
    if (typeof properties.style === 'string') {
      const align = CELL_ALIGN.exec(properties.style)?.[1]?.toLowerCase();
      delete properties.style;
      if (align) properties.align = align;
    }
    for (const key of ['href', 'src'] as const) {
      const url = properties[key];
      if (typeof url === 'string' && !isSafeUrl(url)) delete properties[key];
    }
    finish(node.children);
  }
}

/** Positions and data are the renderer's bookkeeping, not content: left out of the comparison. */
function content(value: unknown): unknown {
  return JSON.stringify(value, (key, item) =>
    key === 'position' || key === 'data' ? undefined : item,
  );
}

/**
 * The tree with only the allowed elements and properties (see `schema`), safe URLs and no
 * comments or raw HTML. `changed` says whether anything had to go: a tree from valid
 * Markdown comes back equal.
 */
export function sanitizeTree(root: Root): { tree: Root; changed: boolean } {
  const tree = sanitize(root, schema) as Root;
  finish(tree.children);
  return { tree, changed: content(tree) !== content(root) };
}

interface HastHookContext {
  readonly sourceFormat: 'markdown' | 'mdx';
  /** The document's own data bag: the same object for every visitor and hook of one document. */
  readonly data: object;
  parent(node: object): { type: string; tagName?: string } | undefined;
  replaceNode(node: object, replacement: Root): void;
}

/**
 * Elements the library keeps only inside one of the listed ancestors (`tr` in a `table`): the
 * library fills what `schema` leaves out from its default schema, this rule included.
 */
const NEEDS_ANCESTOR: Record<string, readonly string[]> =
  { ...defaultSchema, ...schema }.ancestors ?? {};

/** The first of `names` found among the node's ancestors, if any. */
function ancestorOf(
  node: Readonly<Element>,
  names: readonly string[],
  ctx: HastHookContext,
): string | undefined {
  for (let parent = ctx.parent(node); parent; parent = ctx.parent(parent)) {
    if (parent.tagName !== undefined && names.includes(parent.tagName)) return parent.tagName;
  }
  return undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => item === b[index]);
  }
  return a === b;
}

/**
 * Whether the allow-list leaves this element exactly as it is: the library and `finish` are run
 * on the element alone (its children are judged on their own visits), and it must come back with
 * the same name and the same properties, in the same order, with the same values.
 */
export function keptAsIs(node: Readonly<Element>, ctx: HastHookContext): boolean {
  const needs = NEEDS_ANCESTOR[node.tagName];
  const ancestor = needs ? ancestorOf(node, needs, ctx) : undefined;
  if (needs && !ancestor) return false;
  const properties = { ...node.properties };
  const alone: Element = { type: 'element', tagName: node.tagName, properties, children: [] };
  // Inside the ancestor it needs, which it has: the library only looks for the ancestor's name.
  const input: Element = ancestor
    ? { type: 'element', tagName: ancestor, properties: {}, children: [alone] }
    : alone;
  const cleaned = sanitize(input, schema);
  const kept = ancestor && cleaned.type === 'element' ? cleaned.children[0] : cleaned;
  if (kept?.type !== 'element' || kept.tagName !== node.tagName) return false;
  const list: ElementContent[] = [kept];
  finish(list);
  const after = list[0];
  if (after?.type !== 'element') return false;
  const keys = Object.keys(properties);
  const keptKeys = Object.keys(after.properties);
  return (
    keys.length === keptKeys.length &&
    keys.every(
      (key, index) => keptKeys[index] === key && sameValue(after.properties[key], properties[key]),
    )
  );
}

/** Documents (by their data bag) in which the screen saw something the allow-list could change. */
const suspects = new WeakSet<object>();

const suspect = (_node: unknown, ctx: HastHookContext) => {
  suspects.add(ctx.data);
};

/**
 * The last gate before HTML: an allow-list over the rendered tree. The mdast plugins above keep
 * raw HTML and script URLs out; this catches what arrives by another way (autolinks, entities,
 * a plugin that adds nodes) and what a future Markdown feature would add.
 *
 * With `screen` (the site's setting), every element, comment, raw node and doctype is looked at
 * where the renderer keeps it, and a document in which the allow-list would change nothing is
 * left as it is: the whole tree is built in JavaScript and sanitised only when something may have
 * to go. That spares most of the cost of rendering a body (the tree's materialisation, the
 * library's copy); tests/site/markdown-screen.test.ts shows the two give the same HTML.
 */
export function sanitizeHtmlPlugin(options: { screen: boolean }) {
  const full = (root: Root, ctx: HastHookContext) => {
    const { tree, changed } = sanitizeTree(root);
    // The library builds a fresh tree: it replaces the renderer's only when something had to go.
    if (changed) ctx.replaceNode(root, tree);
  };
  if (!options.screen) {
    return {
      name: 'kho-sanitize-html',
      after(root: Root, ctx: HastHookContext) {
        // MDX pages are the project's own code (src/pages), with components: bodies are Markdown.
        if (ctx.sourceFormat !== 'markdown') return;
        full(root, ctx);
      },
    };
  }
  return {
    name: 'kho-sanitize-html',
    element: {
      filter: [],
      visit(node: Readonly<Element>, ctx: HastHookContext) {
        if (ctx.sourceFormat === 'markdown' && !suspects.has(ctx.data) && !keptAsIs(node, ctx)) {
          suspects.add(ctx.data);
        }
      },
    },
    comment: suspect,
    raw: suspect,
    doctype: suspect,
    mdxJsxFlowElement: { filter: [], visit: suspect },
    mdxJsxTextElement: { filter: [], visit: suspect },
    mdxFlowExpression: suspect,
    mdxTextExpression: suspect,
    mdxjsEsm: suspect,
    after(root: Root, ctx: HastHookContext) {
      if (ctx.sourceFormat !== 'markdown') return;
      if (!suspects.has(ctx.data)) return;
      suspects.delete(ctx.data);
      full(root, ctx);
    },
  };
}

export const sanitizeHtml = sanitizeHtmlPlugin({ screen: true });
