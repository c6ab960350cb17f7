import { describe, expect, it } from 'vitest';
import { slugify } from '../../src/core/slug.ts';
import {
  applicationFields,
  reformAreas,
  type Term,
  termSlug,
  themeGoals,
} from '../../src/schemas/vocabularies.ts';

/** Vocabularies whose terms have their own page: their URLs are Vietnamese words without marks. */
const paged: [string, readonly Term[]][] = [
  ['reformAreas', reformAreas],
  ['applicationFields', applicationFields],
  ['themeGoals', themeGoals],
];

describe.each(paged)('%s', (_name, terms) => {
  it('gives every term a unique ASCII slug made from its short Vietnamese name', () => {
    const slugs = terms.map((term) => term.slug);
    expect(new Set(slugs).size).toBe(terms.length);
    for (const term of terms) {
      expect(term.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(term.slug).toBe(slugify(term.short));
      expect(termSlug(terms, term.id)).toBe(term.slug);
    }
  });
});

describe('termSlug', () => {
  it('falls back to the id for a term without a slug or an unknown id', () => {
    expect(termSlug([{ id: 'x', name: 'X', short: 'X', description: '' }], 'x')).toBe('x');
    expect(termSlug(reformAreas, 'khong-co')).toBe('khong-co');
  });
});
