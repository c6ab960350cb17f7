/** The site's own name and description, printed in the header, feeds and share cards. */
export const siteInfo = {
  name: 'Kho sáng kiến cải cách hành chính',
  shortName: 'Kho sáng kiến CCHC',
  description:
    'Những giải pháp, sáng kiến cải cách hành chính đã được công nhận: giảm hồ sơ trễ hẹn, tăng dịch vụ công trực tuyến và thanh toán không tiền mặt, sẵn sàng để nhân rộng.',
} as const;
