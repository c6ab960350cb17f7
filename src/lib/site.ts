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
} as const;
