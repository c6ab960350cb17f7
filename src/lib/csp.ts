/**
 * The public site's Content-Security-Policy.
 *
 * Pages carry no inline script, no `<style>` element and no `style` attribute: Astro is told not
 * to inline (astro.config.mjs), the list's filter rules are a stylesheet of their own and the
 * site's origin reaches the print styles through a generated stylesheet (csp-integration.ts). So
 * one policy without hashes fits every page, and the same text goes into each page's `<meta>`
 * and into the `_headers` file of hosts that send headers. The build checks every page against
 * it (`findInlineCode`), so a page that would break under the policy fails the build instead.
 *
 * Astro's own `security.csp` was not used: it writes its policy into every page, `/admin`
 * included, with no way to leave one page out, and lists a hash of every bundled script and
 * stylesheet in each page although `'self'` already allows them.
 */

const DIRECTIVES = [
  "default-src 'self'",
  // Pagefind compiles its WebAssembly search engine in the page; nothing else is evaluated.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  // Images are attachments published beside their page, never from elsewhere (see the validator).
  "img-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/** The policy of the `<meta http-equiv="Content-Security-Policy">` of every public page. */
export const PAGE_POLICY = DIRECTIVES.join('; ');

/** The same policy as a header, which alone can say who may frame the page (a meta cannot). */
export const HEADER_POLICY = `${PAGE_POLICY}; frame-ancestors 'self'`;

/**
 * `/admin` gets no script or style restriction: Decap CMS injects its styles at run time (emotion),
 * validates its configuration with generated functions and talks to GitHub and to the local
 * decap-server. It is a tool for signed-in staff that renders no public content as HTML; the
 * header still keeps it out of other sites' frames and plugins.
 */
export const ADMIN_HEADER_POLICY = "frame-ancestors 'self'; object-src 'none'; base-uri 'self'";

/** A top-level entry of the built site. */
export interface SiteEntry {
  name: string;
  directory: boolean;
}

/**
 * The `_headers` file of Netlify and Cloudflare Pages. Those hosts combine the headers of every
 * rule a path matches (Cloudflare joins two policies into one header, and the stricter wins), so
 * a site-wide `/*` rule could not be relaxed for `/admin`: each top-level entry gets its own rule.
 */
export function headersFile(base: string, entries: readonly SiteEntry[]): string {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const rule = (path: string, policy: string) => `${path}\n  Content-Security-Policy: ${policy}\n`;
  const rules = [rule(prefix, HEADER_POLICY)];
  for (const entry of [...entries].sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === '_headers') continue;
    const path = `${prefix}${entry.name}${entry.directory ? '/*' : ''}`;
    rules.push(rule(path, entry.name === 'admin' ? ADMIN_HEADER_POLICY : HEADER_POLICY));
  }
  return `# Sinh khi dựng (src/lib/csp.ts): chính sách bảo mật nội dung của trang công khai.\n${rules.join('')}`;
}

/**
 * The base path and the entries a `_headers` file of headersFile lists: a sharded build writes
 * one per shard, each listing what that shard built; the merge writes the union.
 */
export function headersEntries(text: string): { base: string; entries: SiteEntry[] } {
  const paths = text
    .split('\n')
    .filter((line) => line.startsWith('/'))
    .map((line) => line.trim());
  const base = paths[0];
  if (base === undefined) throw new Error('Tệp _headers không có quy tắc nào.');
  const entries = paths.slice(1).map((path) => {
    const name = path.slice(base.length);
    return name.endsWith('/*')
      ? { name: name.slice(0, -2), directory: true }
      : { name, directory: false };
  });
  return { base, entries };
}

const TAG =
  /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
/** Text without this holds no attribute named `style` or `on…`, in any case. */
const MAYBE_BLOCKED = /style|on/i;
/** Script types a browser does not run: data blocks (JSON-LD, import maps are run). */
const DATA_SCRIPT = /^application\/(?:ld\+)?json$/i;

/**
 * What in a page the policy would block: inline scripts, `<style>` elements, `style` attributes
 * and event-handler attributes, one description each (empty when the page fits the policy).
 * Reads tags only: text and attribute values (where `<` is escaped or quoted) are skipped.
 */
export function findInlineCode(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.matchAll(TAG)) {
    const name = (tag[1] as string).toLowerCase();
    const text = tag[2] ?? '';
    // Only a script, a style element or an attribute named style or on… can break the policy:
    // the attributes of other tags are read only when their text could hold such a name (most
    // tags of a 10,000-page site have none, and reading them was most of the check's time).
    if (name !== 'script' && name !== 'style' && !MAYBE_BLOCKED.test(text)) continue;
    const attributes = new Map<string, string>();
    for (const attribute of text.matchAll(ATTRIBUTE)) {
      attributes.set(
        (attribute[1] as string).toLowerCase(),
        attribute[2] ?? attribute[3] ?? attribute[4] ?? '',
      );
    }
    if (name === 'script' && !attributes.has('src')) {
      if (!DATA_SCRIPT.test(attributes.get('type') ?? '')) found.push('<script> nội tuyến');
    }
    if (name === 'style') found.push('<style> nội tuyến');
    for (const key of attributes.keys()) {
      if (key === 'style') found.push(`thuộc tính style trên <${name}>`);
      else if (key.startsWith('on')) found.push(`thuộc tính ${key} trên <${name}>`);
    }
  }
  return found;
}
