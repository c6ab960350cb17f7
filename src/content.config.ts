import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import {
  adoptionSchema,
  campaignSchema,
  decisionSchema,
  initiativeSchema,
  scopeLevelSchema,
  unitSchema,
} from './schemas/index.ts';

/** `content/initiatives/<slug>/index.md` → id `<slug>`: one folder per entry, attachments beside it. */
function folderId({ entry }: { entry: string }): string {
  return entry.replace(/\/index\.md$/, '');
}

function fileId({ entry }: { entry: string }): string {
  return entry.replace(/\.(md|ya?ml)$/, '');
}

export const collections = {
  campaigns: defineCollection({
    loader: glob({ base: './content/campaigns', pattern: '*.md', generateId: fileId }),
    schema: campaignSchema,
  }),
  initiatives: defineCollection({
    // The site renders the Markdown, never reads the raw body: not keeping it makes the build's data
    // store a third smaller (memory and bundling time at 10,000 entries).
    loader: glob({
      base: './content/initiatives',
      pattern: '*/index.md',
      generateId: folderId,
      retainBody: false,
    }),
    schema: initiativeSchema,
  }),
  units: defineCollection({
    loader: file('./content/units.yaml'),
    schema: unitSchema,
  }),
  scopeLevels: defineCollection({
    loader: file('./content/scope-levels.yaml'),
    schema: scopeLevelSchema,
  }),
  decisions: defineCollection({
    loader: glob({ base: './content/decisions', pattern: '*.yaml', generateId: fileId }),
    schema: decisionSchema,
  }),
  adoptions: defineCollection({
    loader: glob({ base: './content/adoptions', pattern: '*.yaml', generateId: fileId }),
    schema: adoptionSchema,
  }),
};
