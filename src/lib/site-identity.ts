/**
 * Who runs the site and how fresh its data is, as the header, the footer and the print footer
 * show them. Framework-free so a unit test can check it without a build.
 */
import { formatDate, todayInVietnam } from '../core/dates.ts';
import type { Catalog } from './catalog.ts';
import { dataDate } from './opendata.ts';
import { type SiteOperator, siteOperatorOf, telHref } from './site.ts';

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
