import type { OrganiserView } from './catalog.ts';

/**
 * The agency that runs the site and how readers reach its office: the organiser whose file in
 * content/organisers/ says `operatesSite: true` (siteOperatorOf). Another locality
 * changes that data, not this code.
 */
export interface SiteOperator {
  /** The organiser's id. */
  id: string;
  name: string;
  shortName: string;
  /** The unit in content/units.yaml the operator is. */
  unit: string;
  /** The office that keeps the site up to date and answers readers. */
  office: string;
  /** Path under public/ of the agency's mark, shown beside its name. */
  mark: string;
  address: string;
  /** The office's switchboard: public data, as printed on the agency's letterhead. */
  phone: string;
  email: string;
  website?: string | undefined;
  /** The contacts are examples, not the agency's real ones: the footer says so. */
  sample: boolean;
}

/** The mark shown for an agency whose organiser file names none (public/). */
export const GENERIC_MARK = 'agency-mark.svg';

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

/**
 * The site's own name and description, printed in the header, feeds and share cards, and the
 * licence its open data (/du-lieu/) is published under. Who runs it is data (SiteOperator).
 */
export const siteInfo = {
  name: 'Kho sáng kiến cải cách hành chính',
  shortName: 'Kho sáng kiến CCHC',
  description:
    'Những giải pháp, sáng kiến cải cách hành chính đã được công nhận: giảm hồ sơ trễ hẹn, tăng dịch vụ công trực tuyến và thanh toán không tiền mặt, sẵn sàng để nhân rộng.',
  /** An open licence: anyone may reuse the data, crediting the source. */
  dataLicence: {
    name: 'CC BY 4.0',
    title: 'Creative Commons Ghi công 4.0 Quốc tế',
    url: 'https://creativecommons.org/licenses/by/4.0/deed.vi',
  },
} as const;

/** The phone number as a `tel:` link target: digits only, with the country code. */
export function telHref(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `tel:+84${digits.replace(/^0/, '')}`;
}

/** The phone number as shown: its spaces do not break, so it never wraps across two lines. */
export function phoneText(phone: string): string {
  return phone.replace(/ /g, '\u00a0');
}
