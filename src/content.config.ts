import { defineCollection } from 'astro:content';
import { contentLoader } from './loaders/content.ts';
import { collections as registry } from './model/collections.ts';

/**
 * Astro's collections, one per row of the registry, each read by the project's own
 * loader (the one reader, with the validator as the gate). Written out per row so that
 * each collection keeps its schema's type.
 */
const { organisers, campaigns, initiatives, units, scopeLevels, decisions, adoptions } = registry;

export const collections = {
  organisers: defineCollection({ loader: contentLoader(organisers), schema: organisers.schema }),
  campaigns: defineCollection({ loader: contentLoader(campaigns), schema: campaigns.schema }),
  initiatives: defineCollection({ loader: contentLoader(initiatives), schema: initiatives.schema }),
  units: defineCollection({ loader: contentLoader(units), schema: units.schema }),
  scopeLevels: defineCollection({ loader: contentLoader(scopeLevels), schema: scopeLevels.schema }),
  decisions: defineCollection({ loader: contentLoader(decisions), schema: decisions.schema }),
  adoptions: defineCollection({ loader: contentLoader(adoptions), schema: adoptions.schema }),
};
