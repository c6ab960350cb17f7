/**
 * Plugins for the Markdown of initiative bodies (Sätteri mdast and hast plugins).
 * Bodies are plain Markdown written by the public; these keep the site safe
 * even when an entry reaches the build without passing the validator.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
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
 * pipeline, so a build never depends on image processing of submitted files.
 */
export function attachmentImages(base: string) {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return {
    name: 'kho-attachment-images',
    image(node: { url: string }, ctx: VisitorContext) {
      const slug = initiativeSlugOf(ctx.fileURL);
      const url = node.url.replace(/^\.\//, '');
      if (slug && BARE_FILE.test(url)) {
        ctx.setProperty(node, 'url', `${prefix}sang-kien/${slug}/${url}`);
      }
    },
  };
}

/**
 * Properties each element keeps, as hast names. Only what CommonMark and GFM produce: a body
 * needs nothing else, and anything else reached the tree by a way around the Markdown plugins.
 */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  a: [
    'href',
    'title',
    'id',
    'dataFootnoteRef',
    'dataFootnoteBackref',
    'ariaDescribedBy',
    'ariaLabel',
    'className',
  ],
  blockquote: [],
  br: [],
  code: ['className'],
  del: [],
  em: [],
  h1: [],
  h2: ['id', 'className'],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  hr: [],
  img: ['src', 'alt', 'title'],
  li: ['id', 'className'],
  ol: ['start', 'className'],
  p: [],
  pre: [],
  section: ['dataFootnotes', 'className'],
  strong: [],
  sup: [],
  table: [],
  tbody: [],
  td: ['align'],
  th: ['align'],
  thead: [],
  tr: [],
  ul: ['className'],
};

/** Dropped with their content: code, styles, embedded documents, foreign markup. */
const DROPPED = new Set([
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
]);

/** GFM's own footnote ids carry this prefix, so a body can never take an id the page uses. */
const FOOTNOTE_ID = /^(?:user-content-[\w-]+|footnote-label)$/;
const CLASS_NAMES =
  /^(?:language-[\w+#.-]+|footnotes|sr-only|data-footnote-backref|contains-task-list|task-list-item)$/;
const ALIGN = new Set(['left', 'center', 'right']);

/**
 * A link or image target the site accepts: https, or a reference to the same site (a relative
 * path, `/…`, `#…`). Read as a browser reads it: tabs and newlines anywhere and control characters
 * at either end are ignored, and `\` counts as `/`.
 */
export function isSafeUrl(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers strip exactly these.
  const url = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  if (/^[/\\]{2}/.test(url)) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  return scheme === undefined || scheme.toLowerCase() === 'https';
}

function keptValue(tag: string, key: string, value: unknown): unknown {
  switch (key) {
    case 'href':
    case 'src':
      return typeof value === 'string' && isSafeUrl(value) ? value : undefined;
    case 'id':
      return typeof value === 'string' && FOOTNOTE_ID.test(value) ? value : undefined;
    case 'className': {
      const names = (Array.isArray(value) ? value : [value]).filter(
        (name): name is string => typeof name === 'string' && CLASS_NAMES.test(name),
      );
      return names.length > 0 ? names : undefined;
    }
    case 'align':
      return typeof value === 'string' && ALIGN.has(value) ? value : undefined;
    case 'start':
      return typeof value === 'number' && tag === 'ol' ? value : undefined;
    case 'dataFootnoteRef':
    case 'dataFootnoteBackref':
    case 'dataFootnotes':
      return value === true || value === '' ? value : undefined;
    default:
      if (typeof value === 'string') return value;
      // Space-separated lists (`aria-describedby`) are arrays in hast.
      return Array.isArray(value) && value.every((item) => typeof item === 'string')
        ? value
        : undefined;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => item === b[index]);
  }
  return a === b;
}

/**
 * GFM writes a table column's alignment as `style="text-align: …"`; the site's policy allows no
 * style attribute, so it becomes `align` (which site.css styles).
 */
function tableAlignment(tag: string, style: unknown): string | undefined {
  if (tag !== 'th' && tag !== 'td') return undefined;
  const align = /^\s*text-align:\s*([a-z]+)\s*;?\s*$/i
    .exec(String(style ?? ''))?.[1]
    ?.toLowerCase();
  return align && ALIGN.has(align) ? align : undefined;
}

interface Cleaning {
  changed: boolean;
}

function cleanElement(node: Element, state: Cleaning): ElementContent[] {
  const tag = node.tagName.toLowerCase();
  if (DROPPED.has(tag)) {
    state.changed = true;
    return [];
  }
  if (tag === 'input' && node.properties?.type === 'checkbox') {
    // A GFM task list item: the box becomes a character, so no form control reaches the page.
    state.changed = true;
    return [{ type: 'text', value: node.properties.checked ? '☑ ' : '☐ ' }];
  }
  const allowed = ALLOWED[tag];
  const align = tableAlignment(tag, node.properties?.style);
  if (!allowed) {
    // Unknown wrappers go, their text stays readable.
    state.changed = true;
    return cleanChildren(node.children, state);
  }
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node.properties ?? {})) {
    const kept = allowed.includes(key) ? keptValue(tag, key, value) : undefined;
    const present = value !== null && value !== undefined && value !== false;
    if (present && !sameValue(kept, value)) state.changed = true;
    if (kept !== undefined) properties[key] = kept;
  }
  if (align) properties.align = align;
  return [
    {
      type: 'element',
      tagName: tag,
      properties: properties as Element['properties'],
      children: cleanChildren(node.children, state),
    },
  ];
}

function cleanChildren(children: readonly RootContent[], state: Cleaning): ElementContent[] {
  const out: ElementContent[] = [];
  for (const child of children) {
    switch (child.type) {
      case 'text':
        out.push({ type: 'text', value: child.value });
        break;
      case 'element':
        out.push(...cleanElement(child, state));
        break;
      default: {
        state.changed = true;
        // Raw HTML (left by a Markdown pipeline without escapeRawHtml) is shown, never parsed.
        const raw = child as { type: string; value?: unknown };
        if (raw.type === 'raw' && typeof raw.value === 'string') {
          out.push({ type: 'text', value: raw.value });
        }
      }
    }
  }
  return out;
}

/**
 * The tree with only the allowed elements and properties (see `ALLOWED`), safe URLs, no
 * comments and raw HTML as text. `changed` says whether anything had to go: a tree from valid
 * Markdown comes back equal.
 */
export function sanitizeTree(root: Root): { tree: Root; changed: boolean } {
  const state: Cleaning = { changed: false };
  const children = cleanChildren(root.children, state);
  return { tree: { type: 'root', children }, changed: state.changed };
}

interface HastHookContext {
  readonly sourceFormat: 'markdown' | 'mdx';
  replaceNode(node: object, replacement: Root): void;
}

/**
 * The last gate before HTML: an allow-list over the rendered tree. The mdast plugins above keep
 * raw HTML and script URLs out; this catches what arrives by another way (autolinks, entities,
 * a plugin that adds nodes) and what a future Markdown feature would add.
 */
export const sanitizeHtml = {
  name: 'kho-sanitize-html',
  after(root: Root, ctx: HastHookContext) {
    // MDX pages are the project's own code (src/pages), with components: bodies are Markdown.
    if (ctx.sourceFormat !== 'markdown') return;
    const { tree, changed } = sanitizeTree(root);
    // The tree is rebuilt from fresh nodes: replaced only when something had to go.
    if (changed) ctx.replaceNode(root, tree);
  },
};
