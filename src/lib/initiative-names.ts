/**
 * The titles of the published initiatives and who took each one up, by id: what the admin
 * shows in place of an initiative's id (an adoption's list line, a decision's result) and
 * in its preview's record of an entry (src/admin/site-names.ts). The site writes it with
 * every build (src/pages/du-lieu/[dataset].ts), so the admin, bundled once for
 * many publishes, reads the names of today's site instead of carrying every title.
 */
import { adopterNames, type Catalog } from './catalog.ts';

export interface NamedInitiative {
  title: string;
  /** Present only when some unit or initiative took it up (`adopterNames`). */
  adopters?: string[];
}

export interface InitiativeNames {
  initiatives: Record<string, NamedInitiative>;
}

/** The document, its ids in order, so the same content always gives the same file. */
export function initiativeNames(
  catalog: Pick<Catalog, 'initiatives' | 'unitById'>,
): InitiativeNames {
  const initiatives: Record<string, NamedInitiative> = {};
  const views = [...catalog.initiatives].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const view of views) {
    const adopters = adopterNames(view, catalog.unitById);
    initiatives[view.id] = { title: view.data.title, ...(adopters.length > 0 && { adopters }) };
  }
  return { initiatives };
}
