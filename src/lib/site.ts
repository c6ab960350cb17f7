/** The agency that runs the site and how readers reach its office. */
export interface SiteOperator {
  name: string;
  shortName: string;
  /** The unit in content/units.yaml, when the operator is one of them. */
  unit?: string;
  /** The office that keeps the site up to date and answers readers. */
  office: string;
  /** Path under public/ of the agency's mark, shown beside its name. */
  mark: string;
  address: string;
  /** The office's switchboard: public data, as printed on the agency's letterhead. */
  phone: string;
  email: string;
  website: string;
  /** The contacts are examples, not the agency's real ones: the footer says so. */
  sample: boolean;
}

/**
 * The agency that runs the site, named in the header, the footer, the print footer and the
 * "Giới thiệu" page. Another locality changes this block and the mark in public/. Kept here,
 * not under content/, because the content model has no single-record collection yet.
 */
const operator: SiteOperator = {
  name: 'Ủy ban nhân dân huyện Tánh Linh',
  shortName: 'UBND huyện Tánh Linh',
  unit: 'ubnd-huyen-tanh-linh',
  office: 'Văn phòng HĐND và UBND huyện Tánh Linh',
  mark: 'agency-mark.svg',
  address: 'Khu phố Lạc Hóa 1, thị trấn Lạc Tánh, huyện Tánh Linh, tỉnh Bình Thuận',
  phone: '0252 3880 131',
  email: 'vanphong@tanhlinh.binhthuan.gov.vn',
  website: 'https://tanhlinh.binhthuan.gov.vn',
  sample: true,
};

/**
 * The site's own name and description, printed in the header, feeds and share cards, and the
 * licence its open data (/du-lieu/) is published under.
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
  operator,
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
