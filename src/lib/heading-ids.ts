/**
 * Ids of the headings of an initiative's body. Astro names a heading by its text ("## Tính mới"
 * → `tính-mới`), so a body heading "## noi-dung" took the id of the page's `<main>`, where the
 * skip link leads, and "## tac-gia" that of the page's own "Tác giả" section. The same names are
 * made here first, from a slugger that already holds the page's own ids: a heading that would
 * take one gets the next free name ("noi-dung-1"); every other id stays what Astro makes.
 */
import GithubSlugger from 'github-slugger';
import type { Element } from 'hast';

/** Ids the initiative page and its layout give their own elements (tests/site/heading-ids.test.ts). */
export const PAGE_IDS = [
  'noi-dung',
  'tac-gia',
  'chi-so',
  'tep-dinh-kem',
  'quyet-dinh',
  'nhan-rong',
] as const;

interface HeadingContext {
  textContent(node: Element): string;
  setProperty(node: Element, key: string, value: unknown): void;
}

/** A plugin factory: one slugger per body rendered, as Astro's own heading ids have. */
export function bodyHeadingIds() {
  return () => {
    const slugger = new GithubSlugger();
    for (const id of PAGE_IDS) slugger.slug(id);
    return {
      name: 'kho-heading-ids',
      element: {
        filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
        visit(node: Element, ctx: HeadingContext) {
          const existing = node.properties?.id;
          // GFM's footnote heading comes with its own id, which the slugger must know of.
          if (typeof existing === 'string') slugger.slug(existing);
          else ctx.setProperty(node, 'id', slugger.slug(ctx.textContent(node)));
        },
      },
    };
  };
}
