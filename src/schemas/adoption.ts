import { z } from 'zod';
import { documentRef, isoDate, paragraph, sampleFlag, slugId } from './common.ts';
import { indicatorSchema } from './initiative.ts';
import { describe } from './meta.ts';

/** A replication report: a unit applied an initiative (`content/adoptions/<id>.yaml`). */
export const adoptionSchema = z.strictObject({
  initiative: describe(slugId, { label: 'Sáng kiến được áp dụng' }),
  unit: describe(slugId, { label: 'Đơn vị áp dụng' }),
  since: describe(isoDate, { label: 'Áp dụng từ ngày' }),
  document: describe(documentRef.optional(), {
    label: 'Văn bản triển khai',
    hint: 'Kế hoạch, công văn hoặc quyết định của đơn vị áp dụng, nếu có.',
  }),
  result: describe(paragraph(20, 1500), {
    label: 'Kết quả đạt được',
    hint: 'Kết quả đo được tại đơn vị áp dụng, có kỳ và nguồn số liệu.',
  }),
  indicators: describe(z.array(indicatorSchema).max(12).default([]), {
    label: 'Chỉ số tại đơn vị áp dụng',
  }),
  sample: sampleFlag,
});
export type Adoption = z.infer<typeof adoptionSchema>;
