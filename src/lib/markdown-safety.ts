/**
 * Plugins for the Markdown of initiative bodies (Sätteri mdast plugins).
 * Bodies are plain Markdown written by the public; these keep the site safe
 * even when an entry reaches the build without passing the validator.
 */
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
