import { type CollectionEntry, getCollection } from 'astro:content';
import { buildCatalog, type Catalog } from './catalog.ts';

let catalog: Promise<Catalog> | undefined;
let initiativeEntries: Promise<Map<string, CollectionEntry<'initiatives'>>> | undefined;

/** The catalog, loaded once per build and shared by every page. */
export function loadCatalog(): Promise<Catalog> {
  catalog ??= (async () =>
    buildCatalog({
      campaigns: await getCollection('campaigns'),
      initiatives: await getCollection('initiatives'),
      units: await getCollection('units'),
      scopeLevels: await getCollection('scopeLevels'),
      decisions: await getCollection('decisions'),
      adoptions: await getCollection('adoptions'),
      organisers: await getCollection('organisers'),
    }))();
  return catalog;
}

/** Initiative entries by id, for rendering their Markdown bodies. */
export function loadInitiativeEntries(): Promise<Map<string, CollectionEntry<'initiatives'>>> {
  initiativeEntries ??= getCollection('initiatives').then(
    (entries) => new Map(entries.map((entry) => [entry.id, entry])),
  );
  return initiativeEntries;
}
