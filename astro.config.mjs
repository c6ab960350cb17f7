// @ts-check
import { satteri } from '@astrojs/markdown-satteri';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { contentSecurityPolicy } from './src/lib/csp-integration.ts';
import { basePath, siteUrl } from './src/lib/deploy-config.ts';
import {
  attachmentImages,
  dropUnsafeUrls,
  escapeRawHtml,
  sanitizeHtml,
} from './src/lib/markdown-safety.ts';

const base = basePath(process.env.BASE_PATH);

export default defineConfig({
  // GitHub Pages: SITE_URL=https://<owner>.github.io BASE_PATH=/<repo>/; any static host: SITE_URL only.
  site: siteUrl(process.env.SITE_URL),
  base,
  trailingSlash: 'always',
  // The Content-Security-Policy (src/lib/csp.ts) allows no inline script or style: every script
  // and stylesheet is a file, however small.
  build: { format: 'directory', inlineStylesheets: 'never' },
  vite: { build: { assetsInlineLimit: 0 } },
  markdown: {
    // Initiative bodies are plain Markdown written by the public: raw HTML is shown as text, never rendered,
    // even when an entry reaches the build without passing the validator; the rendered tree then
    // keeps only what Markdown makes (sanitizeHtml).
    processor: satteri({
      mdastPlugins: [escapeRawHtml, dropUnsafeUrls, attachmentImages(base)],
      hastPlugins: [sanitizeHtml],
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
    }),
    // Shiki colours code with style attributes: sanitizeHtml drops them and the site's policy
    // (src/lib/csp.ts) refuses them.
    syntaxHighlight: false,
  },
  integrations: [
    contentSecurityPolicy(),
    mdx(),
    sitemap({
      // The CMS is a tool for staff, not public content.
      filter: (page) => !new URL(page).pathname.startsWith(`${base}admin`),
    }),
  ],
  devToolbar: { enabled: false },
});
