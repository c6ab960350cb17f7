/**
 * The Markdown pipeline of the site: Astro's (astro.config.mjs: `markdown.processor`) and the one
 * the initiative page renders its body with. Initiative bodies are not rendered into Astro's
 * content store (src/loaders/content.ts): the store is written to disk, read back as one string
 * and bundled by Vite as a module of its own, so each body's HTML was held four times over in
 * every build (about 170 MB and a 50 MB module for a shard of 5,000 initiatives). The page
 * renders it from the file instead, with this same pipeline.
 */
import { pathToFileURL } from 'node:url';
import { satteri } from '@astrojs/markdown-satteri';
import { bodyHeadingIds } from './heading-ids.ts';
import { imageAttributes } from './image-attributes.ts';
import {
  attachmentImages,
  dropUnsafeUrls,
  escapeRawHtml,
  sanitizeHtml,
} from './markdown-safety.ts';

/** Astro's Markdown processor for a site served under `base`. */
export function markdownProcessor(base: string) {
  return satteri({
    // Initiative bodies are plain Markdown written by the public: raw HTML is shown as text, never
    // rendered, even when an entry reaches the build without passing the validator; the rendered
    // tree then keeps only what Markdown makes (sanitizeHtml).
    mdastPlugins: [escapeRawHtml, dropUnsafeUrls, attachmentImages(base)],
    // After the sanitizer, which keeps only src, alt and title: lazy loading, and the size of an
    // image beside the entry so that the page does not jump (image-attributes.ts); heading ids
    // that keep clear of the page's own (heading-ids.ts).
    hastPlugins: [sanitizeHtml, imageAttributes(base), bodyHeadingIds()],
    // The footnotes section speaks the site's language (the defaults are English).
    features: {
      gfm: {
        footnotes: {
          label: 'Chú thích',
          backContent: '↩',
          backLabel: 'Quay lại chỗ dẫn chú thích {reference}',
        },
      },
    },
  });
}

/**
 * Shiki colours code with style attributes: sanitizeHtml drops them and the site's policy
 * (src/lib/csp.ts) refuses them.
 */
export const SYNTAX_HIGHLIGHT = false;

type Renderer = Awaited<ReturnType<ReturnType<typeof markdownProcessor>['createRenderer']>>;
const renderers = new Map<string, Promise<Renderer>>();

/** The HTML of a body read from the entry file `filePath` (absolute), as Astro renders entries. */
export async function renderBody(body: string, filePath: string, base: string): Promise<string> {
  let renderer = renderers.get(base);
  if (!renderer) {
    renderer = markdownProcessor(base).createRenderer({ syntaxHighlight: SYNTAX_HIGHLIGHT });
    renderers.set(base, renderer);
  }
  const { code } = await (await renderer).render(body, {
    frontmatter: {},
    fileURL: pathToFileURL(filePath),
  });
  return code;
}
