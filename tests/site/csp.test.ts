import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { headersFor, readHeaderRules } from '../../scripts/build/static-server.ts';
import {
  ADMIN_HEADER_POLICY,
  findInlineCode,
  HEADER_POLICY,
  headersEntries,
  headersFile,
  PAGE_POLICY,
} from '../../src/lib/csp.ts';
import { originStylesheet } from '../../src/lib/csp-integration.ts';

describe('the policy', () => {
  test('allows no inline code and no eval but WebAssembly', () => {
    expect(PAGE_POLICY).not.toContain('unsafe-inline');
    expect(PAGE_POLICY).not.toContain("'unsafe-eval'");
    expect(PAGE_POLICY).not.toContain('sha256-');
    expect(PAGE_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(PAGE_POLICY).toContain("object-src 'none'");
    // Browsers ignore frame-ancestors in a meta tag and warn about it.
    expect(PAGE_POLICY).not.toContain('frame-ancestors');
    expect(HEADER_POLICY).toBe(`${PAGE_POLICY}; frame-ancestors 'self'`);
  });

  test('docs/site.md quotes the policies as the code has them', () => {
    const docs = readFileSync(new URL('../../docs/site.md', import.meta.url), 'utf8');
    expect(docs).toContain(PAGE_POLICY);
    expect(docs).toContain(`Content-Security-Policy: ${HEADER_POLICY}`);
    expect(docs).toContain(`add_header Content-Security-Policy "${HEADER_POLICY}" always;`);
    expect(docs).toContain(`add_header Content-Security-Policy "${ADMIN_HEADER_POLICY}" always;`);
    expect(docs).toContain(`value="${HEADER_POLICY}"`);
    expect(docs).toContain(`value="${ADMIN_HEADER_POLICY}"`);
  });
});

describe('findInlineCode', () => {
  const cases: [string, string, string[]][] = [
    ['external module script', '<script type="module" src="/_astro/a.js"></script>', []],
    ['JSON-LD data block', '<script type="application/ld+json">{"a":"<b>"}</script>', []],
    ['inline module script', '<script type="module">x()</script>', ['<script> nội tuyến']],
    ['inline classic script', '<script>\nx()</script>', ['<script> nội tuyến']],
    ['style element', '<style>a{}</style>', ['<style> nội tuyến']],
    ['style attribute', '<li data-id="a" style="--o:1">', ['thuộc tính style trên <li>']],
    ['event handler', "<img src=x onerror='x()'>", ['thuộc tính onerror trên <img>']],
    ['unquoted attribute values', '<p class=a style=b>', ['thuộc tính style trên <p>']],
    ['markup shown as text', '<p>&lt;img style="x" onerror="y"&gt; và style="z"</p>', []],
    ['attribute value that looks like one', '<a title=\'x style="y"\' href="/">', []],
    ['stylesheet link', '<link rel="stylesheet" href="/a.css">', []],
    [
      'the policy meta itself',
      `<meta http-equiv="Content-Security-Policy" content="${PAGE_POLICY}">`,
      [],
    ],
  ];
  test.each(cases)('%s', (_name, html, expected) => {
    expect(findInlineCode(html)).toEqual(expected);
  });

  /** The check as it was before it skipped tags: every tag's attributes read. */
  function readEveryTag(html: string): string[] {
    const tagPattern =
      /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
    const attributePattern = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
    const found: string[] = [];
    for (const tag of html.matchAll(tagPattern)) {
      const name = (tag[1] as string).toLowerCase();
      const attributes = new Map<string, string>();
      for (const attribute of (tag[2] ?? '').matchAll(attributePattern)) {
        attributes.set(
          (attribute[1] as string).toLowerCase(),
          attribute[2] ?? attribute[3] ?? attribute[4] ?? '',
        );
      }
      if (name === 'script' && !attributes.has('src')) {
        if (!/^application\/(?:ld\+)?json$/i.test(attributes.get('type') ?? '')) {
          found.push('<script> nội tuyến');
        }
      }
      if (name === 'style') found.push('<style> nội tuyến');
      for (const key of attributes.keys()) {
        if (key === 'style') found.push(`thuộc tính style trên <${name}>`);
        else if (key.startsWith('on')) found.push(`thuộc tính ${key} trên <${name}>`);
      }
    }
    return found;
  }

  test('finds what reading every tag finds, on any mix of tags, attributes and text', () => {
    const word = fc.constantFrom('style', 'STYLE', 'Style', 'onclick', 'ONLOAD', 'on', 'o', 'n');
    const name = fc.oneof(
      word,
      fc.constantFrom('src', 'type', 'class', 'data-style', 'x-on', 'con', 'href', 'title'),
    );
    const value = fc.oneof(
      fc.constant(''),
      fc.constantFrom('="a"', "='b style=c'", '=d', '="application/json"', '= "on x"'),
    );
    const attribute = fc
      .tuple(fc.constantFrom(' ', '\n', '  '), name, value)
      .map((p) => p.join(''));
    const tag = fc
      .tuple(
        fc.constantFrom('script', 'style', 'p', 'img', 'a', 'SCRIPT', 'li'),
        fc.array(attribute, { maxLength: 4 }),
        fc.constantFrom('>', ' />', '/>'),
      )
      .map(([tagName, attributes, end]) => `<${tagName}${attributes.join('')}${end}`);
    const text = fc.constantFrom('chữ', ' style="x" ', 'on', '&lt;p style=a&gt;', '<', '>', '"');
    fc.assert(
      fc.property(fc.array(fc.oneof(tag, text), { maxLength: 12 }), (parts) => {
        const html = parts.join('');
        expect(findInlineCode(html)).toEqual(readEveryTag(html));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('_headers', () => {
  const entries = [
    { name: 'index.html', directory: false },
    { name: '404.html', directory: false },
    { name: 'sang-kien', directory: true },
    { name: 'admin', directory: true },
    { name: '_astro', directory: true },
  ];
  const rules = readHeaderRules(headersFile('/kho/', entries));
  const policyAt = (path: string) => headersFor(rules, path)['content-security-policy'];

  const paths: [string, string | undefined][] = [
    ['/kho/', HEADER_POLICY],
    ['/kho/index.html', HEADER_POLICY],
    ['/kho/404.html', HEADER_POLICY],
    ['/kho/sang-kien/', HEADER_POLICY],
    ['/kho/sang-kien/mot-sang-kien/', HEADER_POLICY],
    ['/kho/admin/', ADMIN_HEADER_POLICY],
    ['/kho/admin/index.html', ADMIN_HEADER_POLICY],
    ['/kho/khong-co/', undefined],
  ];
  test.each(paths)('%s gets exactly one policy', (path, policy) => {
    expect(policyAt(path)).toBe(policy);
  });

  test('reads back the base and entries it was written from (the merge of shards joins them)', () => {
    for (const base of ['/kho/', '/']) {
      const read = headersEntries(headersFile(base, entries));
      expect(read.base).toBe(base);
      expect(read.entries).toEqual([...entries].sort((a, b) => a.name.localeCompare(b.name)));
      expect(headersFile(read.base, read.entries)).toBe(headersFile(base, entries));
    }
    expect(() => headersEntries('# trống\n')).toThrow(/_headers/);
  });

  test('the file itself gets no rule', () => {
    const text = headersFile('/', [...entries, { name: '_headers', directory: false }]);
    expect(text).not.toMatch(/^\/_headers$/m);
  });
});

describe('the origin stylesheet', () => {
  test('gives the print styles the site origin, in a layer', () => {
    expect(originStylesheet('https://ubnd.example.gov.vn/kho')).toBe(
      '@layer kho.base{:root{--kho-origin:"https://ubnd.example.gov.vn"}}\n',
    );
  });
});
