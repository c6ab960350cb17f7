/**
 * A body heading never takes an id the initiative page gives its own elements ("## noi-dung"
 * would have become a second `#noi-dung`, the skip link's target), and PAGE_IDS is the page's list.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_IDS } from '../../src/lib/heading-ids.ts';
import { renderBody } from '../../src/lib/markdown.ts';

const project = resolve(import.meta.dirname, '../..');
const entry = resolve(project, 'content/initiatives/mot-bai/index.md');

const idsOf = (html: string) => [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);

describe('ids of body headings', () => {
  it("keep clear of the page's own ids, and of each other", async () => {
    const body = PAGE_IDS.map((id) => `## ${id}\n\nChữ.\n`).join('\n');
    const html = await renderBody(
      `${body}\n## Tính mới\n\nMột.\n\n## Tính mới\n\nHai.\n`,
      entry,
      '/',
    );
    const ids = idsOf(html);
    expect(ids).toEqual([...PAGE_IDS.map((id) => `${id}-1`), 'tính-mới', 'tính-mới-1']);
  });

  it('are what Astro makes when nothing collides', async () => {
    const html = await renderBody('## Hiệu quả đạt được\n\n### Số liệu quý IV\n', entry, '/');
    expect(idsOf(html)).toEqual(['hiệu-quả-đạt-được', 'số-liệu-quý-iv']);
  });

  it('list every id the initiative page and its layout write themselves', () => {
    const read = (path: string) => readFileSync(resolve(project, path), 'utf8');
    // Attributes of the .astro files, and the elements the page's renderer builds with h().
    const attributes = ['src/layouts/Base.astro', 'src/pages/sang-kien/[slug]/index.astro'].flatMap(
      (path) => [...read(path).matchAll(/\sid="([a-z0-9-]+)"/g)].map((match) => match[1]),
    );
    const elements = [
      ...read('src/render/initiative.ts').matchAll(/\bh\('[a-z0-9]+', \{ id: '([a-z0-9-]+)'/g),
    ].map((match) => match[1]);
    const written = new Set([...attributes, ...elements]);
    expect(written.size).toBeGreaterThan(0);
    expect(
      [...written].filter((id) => !(PAGE_IDS as readonly string[]).includes(id as string)),
    ).toEqual([]);
  });
});
