/**
 * Who runs the site and how fresh its data is, as the header, the footer and the print footer
 * show them. Framework-free so a unit test can check it without a build.
 */
import { formatDate, todayInVietnam } from '../core/dates.ts';
import type { Catalog, OrganiserView } from './catalog.ts';
import { dataDate } from './opendata.ts';
import { GENERIC_MARK, type SiteOperator, telHref } from './site.ts';

export interface SiteIdentity {
  /** None when no organiser, or more than one, says `operatesSite` (the validator names them). */
  operator: SiteOperator | undefined;
  /** `tel:` target of the office phone. */
  phoneHref: string | undefined;
  /** The newest content date (ISO), the same as the open data's `modified`; null for no content. */
  lastUpdated: string | null;
  /** `lastUpdated` as dd/mm/yyyy. */
  lastUpdatedShown: string | null;
  /**
   * The day the page was built, dd/mm/yyyy: the print footer's data date when there is no content
   * to date it (the print date itself is written in at print time, src/lib/print-date.ts).
   */
  builtOnShown: string;
}

/** The organiser that runs the site: the one, and only one, whose file says `operatesSite`. */
export function siteOperatorOf(organisers: readonly OrganiserView[]): SiteOperator | undefined {
  const marked = organisers.filter((organiser) => organiser.operatesSite);
  if (marked.length !== 1) return undefined;
  const [organiser] = marked as [OrganiserView];
  return {
    id: organiser.id,
    name: organiser.name,
    shortName: organiser.shortName,
    unit: organiser.unit,
    office: organiser.contact.office,
    mark: organiser.mark ?? GENERIC_MARK,
    address: organiser.contact.address,
    phone: organiser.contact.phone,
    email: organiser.contact.email,
    website: organiser.contact.website,
    sample: organiser.sample,
  };
}

export function siteIdentity(
  catalog: Pick<Catalog, 'initiatives' | 'adoptions'> & Partial<Pick<Catalog, 'organisers'>>,
  env?: Record<string, string | undefined>,
): SiteIdentity {
  const lastUpdated = dataDate(catalog, env);
  const epoch = (env ?? process.env).SOURCE_DATE_EPOCH?.trim();
  const builtOn = todayInVietnam(
    epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date(),
  );
  const operator = siteOperatorOf(catalog.organisers ?? []);
  return {
    operator,
    phoneHref: operator && telHref(operator.phone),
    lastUpdated,
    lastUpdatedShown: lastUpdated ? formatDate(lastUpdated) : null,
    builtOnShown: formatDate(builtOn),
  };
}
