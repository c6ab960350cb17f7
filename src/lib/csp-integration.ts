/**
 * Astro integration for the Content-Security-Policy of src/lib/csp.ts: gives the print styles the
 * site's origin without an inline style, refuses a build whose pages the policy would break, and
 * writes the `_headers` file.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { findInlineCode, headersFile } from './csp.ts';

/** Imported by the base layout: `:root { --kho-origin: "<site origin>" }`. */
export const ORIGIN_STYLESHEET = 'virtual:kho/site-origin.css';
const RESOLVED_ORIGIN_STYLESHEET = `\0${ORIGIN_STYLESHEET}`;

/** A CSS string: the origin is an URL origin, quoted all the same. */
function cssString(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`).replace(/[\n\r\f]/g, '')}"`;
}

/** The origin as a stylesheet: the print styles show full addresses of the site's own links. */
export function originStylesheet(site: string | undefined): string {
  const origin = site ? new URL(site).origin : '';
  return `@layer kho.base{:root{--kho-origin:${cssString(origin)}}}\n`;
}

/** HTML pages of the public site (everything but `admin/`), as paths relative to `dir`. */
function publicPages(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (name) => name.endsWith('.html') && name.split(sep)[0] !== 'admin',
  );
}

export function contentSecurityPolicy(): AstroIntegration {
  let base = '/';
  return {
    name: 'kho-content-security-policy',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        const css = originStylesheet(config.site);
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'kho-site-origin-css',
                resolveId: (id: string) =>
                  id === ORIGIN_STYLESHEET ? RESOLVED_ORIGIN_STYLESHEET : undefined,
                load: (id: string) => (id === RESOLVED_ORIGIN_STYLESHEET ? css : undefined),
              },
            ],
          },
        });
      },
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const problems: string[] = [];
        for (const page of publicPages(out)) {
          for (const problem of findInlineCode(readFileSync(join(out, page), 'utf8'))) {
            problems.push(`${page}: ${problem}`);
          }
        }
        if (problems.length > 0) {
          throw new Error(
            `Trang có mã nội tuyến mà chính sách bảo mật nội dung (src/lib/csp.ts) sẽ chặn; hãy chuyển sang tệp .js/.css riêng:\n${problems.slice(0, 20).join('\n')}${problems.length > 20 ? `\n… và ${problems.length - 20} chỗ khác` : ''}`,
          );
        }
        const entries = readdirSync(out, { withFileTypes: true }).map((entry) => ({
          name: entry.name,
          directory: entry.isDirectory(),
        }));
        writeFileSync(join(out, '_headers'), headersFile(base, entries));
        logger.info('Chính sách bảo mật nội dung: mọi trang công khai đạt; đã ghi _headers.');
      },
    },
  };
}
