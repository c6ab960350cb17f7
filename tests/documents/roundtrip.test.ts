import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchKey } from '../../src/core/text.ts';
import { applicationDocument } from '../../src/documents/application/index.ts';
import { loadEntries, loadEntryFile } from '../../src/documents/common/content.ts';
import { importDocx } from '../../src/documents/import/index.ts';
import { sectionText, splitSections } from '../../src/documents/render/markdown.ts';
import { bodySections } from '../../src/schemas/vocabularies.ts';
import { makeContentRoot, makeRoot } from './support.ts';

let source: { root: string; cleanup: () => void };
let target: { root: string; cleanup: () => void };
beforeAll(() => {
  source = makeContentRoot();
  target = makeRoot();
});
afterAll(() => {
  source.cleanup();
  target.cleanup();
});

describe('entry → application DOCX → import:docx', () => {
  it('keeps every body section, the title, authors, unit and dates of every sample entry', {
    timeout: 180_000,
  }, async () => {
    const entries = loadEntries(source.root, '2024-tanh-linh');
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      const { content } = await applicationDocument(source.root, entry.slug, 'docx');
      const file = join(target.root, `${entry.slug}.docx`);
      writeFileSync(file, content);
      const result = await importDocx({
        root: target.root,
        file,
        campaign: entry.data.campaign,
        today: entry.data.submitted,
      });
      expect(result.missing, entry.slug).toEqual([]);
      expect(
        result.problems.filter((problem) => problem.severity === 'error'),
        entry.slug,
      ).toEqual([]);
      const back = loadEntryFile(target.root, join(target.root, result.path));
      expect(back.data.title, entry.slug).toBe(entry.data.title);
      expect(back.data.summary, entry.slug).toBe(entry.data.summary);
      expect(back.data.unit, entry.slug).toBe(entry.data.unit);
      expect([...back.data.areas].sort(), entry.slug).toEqual([...entry.data.areas].sort());
      expect([...back.data.fields].sort(), entry.slug).toEqual([...entry.data.fields].sort());
      expect(back.data.firstApplied, entry.slug).toBe(entry.data.firstApplied);
      expect(back.data.submitted, entry.slug).toBe(entry.data.submitted);
      expect(
        back.data.authors.map(({ name, unit, position, share }) => ({
          name,
          unit,
          position,
          share,
        })),
        entry.slug,
      ).toEqual(
        entry.data.authors.map(({ name, unit, position, share }) => ({
          name,
          unit,
          position,
          share: share ?? 100,
        })),
      );
      expect(back.data.trialParticipants, entry.slug).toEqual(entry.data.trialParticipants);
      const before = splitSections(entry.body);
      // On paper a link is printed as "text (address)"; that addition is not a loss.
      const after = splitSections(back.body.replace(/ \(https\\?:\/\/[^\s)]+\)/g, ''));
      for (const section of bodySections) {
        const original = matchKey(sectionText(before.get(section.id) ?? []));
        const imported = matchKey(sectionText(after.get(section.id) ?? []));
        expect(original.length, `${entry.slug}: ${section.id}`).toBeGreaterThan(0);
        // The effect section comes back with the indicator table added; nothing may be lost.
        expect(imported, `${entry.slug}: ${section.id}`).toContain(original);
      }
      const pictures = (entry.body.match(/!\[[^\]]*\]\([^)]+\)/g) ?? []).length;
      expect(result.attachments.length, entry.slug).toBe(pictures);
    }
  });
});
