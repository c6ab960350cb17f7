/**
 * The content model: the one source of truth. Astro's collections, the
 * validator, the CMS form and the model tables of docs/model.md all derive from here.
 */
export * from './adoption.ts';
export * from './campaign.ts';
export * from './common.ts';
export * from './decision.ts';
export * from './initiative.ts';
export * from './meta.ts';
export * from './organiser.ts';
export * from './tree.ts';
export * from './unit.ts';
export * from './vocabularies.ts';
