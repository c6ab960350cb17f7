/**
 * The body handed to Astro's Markdown renderer is the body the reader found: the
 * renderer's own front-matter step (js-yaml) never eats text from it.
 */
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { describe, expect, it } from 'vitest';
import { renderInput } from '../../src/loaders/content.ts';

describe('renderInput', () => {
  const bodies = [
    '## Thực trạng\n\nNội dung.\n',
    '---\ntitle: không phải phần đầu\n---\nChữ sau đường kẻ.\n',
    '\n\n---\n\nSau một đường kẻ ngang.\n',
    '+++\ntitle = "x"\n+++\n',
    '',
  ];
  it.each(bodies)('keeps %j whole', (body) => {
    const { content, frontmatter } = parseFrontmatter(renderInput(body));
    expect(frontmatter).toEqual({});
    expect(content.replace(/^\n/, '')).toBe(body);
  });
});
