import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { headersFor, readHeaderRules } from '../../scripts/build/static-server.ts';
import {
  ADMIN_HEADER_POLICY,
  findInlineCode,
  HEADER_POLICY,
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
