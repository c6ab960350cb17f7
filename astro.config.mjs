// @ts-check
import { satteri } from '@astrojs/markdown-satteri';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
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
  build: { format: 'directory' },
  markdown: {
    // Initiative bodies are plain Markdown written by the public: raw HTML is shown as text, never rendered,
    // even when an entry reaches the build without passing the validator; the rendered tree then
    // keeps only what Markdown makes (sanitizeHtml).
    processor: satteri({
      mdastPlugins: [escapeRawHtml, dropUnsafeUrls, attachmentImages(base)],
      hastPlugins: [sanitizeHtml],
    }),
    // Shiki colours code with style attributes, which sanitizeHtml drops anyway.
    syntaxHighlight: false,
  },
  integrations: [
    mdx(),
    sitemap({
      // The CMS is a tool for staff, not public content.
      filter: (page) => !new URL(page).pathname.startsWith(`${base}admin`),
    }),
  ],
  devToolbar: { enabled: false },
});
