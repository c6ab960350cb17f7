import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeField } from '../../src/admin/schema-walk.ts';
import { fieldLabel } from '../../src/model/labels.ts';
import {
  campaignSchema,
  childNode,
  decisionSchema,
  initiativeSchema,
  isoDate,
  labelOf,
  line,
  metaOf,
  nodeAt,
  paragraph,
  propertiesOf,
  schemaTree,
  slugId,
  unitListSchema,
  describe as withMeta,
} from '../../src/schemas/index.ts';

describe('schemaTree', () => {
  it('is computed once per schema object', () => {
    expect(schemaTree(initiativeSchema)).toBe(schemaTree(initiativeSchema));
    const copy = initiativeSchema.clone();
    expect(schemaTree(copy)).not.toBe(schemaTree(initiativeSchema));
    expect(schemaTree(copy)).toEqual(schemaTree(initiativeSchema));
  });

  it('keeps the declaration order and says which keys a file must have', () => {
    const fields = propertiesOf(schemaTree(decisionSchema));
    expect(fields.map((field) => field.key)).toEqual(Object.keys(decisionSchema.shape));
    const required = Object.fromEntries(fields.map((field) => [field.key, field.required]));
    expect(required).toMatchObject({
      campaign: true,
      members: true,
      results: false,
      sample: false,
    });
  });

  it('carries enums, constants, defaults and bounds', () => {
    const tree = schemaTree(campaignSchema);
    expect(childNode(tree, 'status')?.enum).toContain('open');
    expect(childNode(tree, 'timeZone')).toMatchObject({
      const: 'Asia/Ho_Chi_Minh',
      default: 'Asia/Ho_Chi_Minh',
    });
    expect(childNode(tree, 'year')).toMatchObject({
      type: 'integer',
      minimum: 2000,
      maximum: 2100,
    });
    expect(nodeAt(campaignSchema, ['rubric', 'total'])?.default).toBe(100);
  });

  it('leaves out the safe-integer range that int() adds: it is no rule of the model', () => {
    const votes = nodeAt(decisionSchema, ['results', 0, 'votesFor']);
    expect(votes).toMatchObject({ type: 'integer', minimum: 0 });
    expect(votes?.maximum).toBeUndefined();
  });

  it('survives what JSON Schema cannot say: refinements vanish, the fields stay', () => {
    // superRefine: shares that sum to 100, unique ids across a list.
    expect(propertiesOf(schemaTree(initiativeSchema)).length).toBe(
      Object.keys(initiativeSchema.shape).length,
    );
    expect(schemaTree(unitListSchema).type).toBe('array');
  });
});

describe('navigation', () => {
  it('walks object keys, array items and record values', () => {
    expect(nodeAt(initiativeSchema, ['authors', 1, 'share'])?.label).toBe('Tỷ lệ đóng góp (%)');
    expect(nodeAt(initiativeSchema, ['indicators', 0, 'before', 'value'])?.label).toBe('Giá trị');
    expect(nodeAt(decisionSchema, ['results', 0, 'scores', 'novelty'])).toMatchObject({
      type: 'number',
      minimum: 0,
    });
    expect(nodeAt(unitListSchema, [3, 'validTo'])?.label).toBe('Hiệu lực đến ngày');
    expect(nodeAt(initiativeSchema, [])).toBe(schemaTree(initiativeSchema));
  });

  it('finds nothing where the schema has nothing', () => {
    expect(nodeAt(initiativeSchema, ['phone'])).toBeUndefined();
    expect(nodeAt(initiativeSchema, ['authors', 'name'])).toBeUndefined();
    expect(nodeAt(initiativeSchema, [0])).toBeUndefined();
    expect(nodeAt(initiativeSchema, ['title', 'x', 'y'])).toBeUndefined();
    // A key named like an Object.prototype member is not a field.
    expect(nodeAt(initiativeSchema, ['constructor'])).toBeUndefined();
  });

  it('sees through optional and nullable alternatives', () => {
    const schema = z.object({
      place: withMeta(z.object({ name: withMeta(z.string(), { label: 'Tên' }) }).nullable(), {
        label: 'Nơi',
      }),
    });
    expect(nodeAt(schema, ['place'])?.label).toBe('Nơi');
    expect(nodeAt(schema, ['place', 'name'])?.label).toBe('Tên');
  });
});

describe('labels', () => {
  const meta = { label: 'Số hiệu', hint: 'Ghi như trên văn bản.', example: '03/KH-UBND' };

  it('are found through optional and default wrappers, whichever side describe() is on', () => {
    const inner = withMeta(z.string(), meta);
    expect(metaOf(inner)).toEqual(meta);
    expect(metaOf(inner.optional())).toEqual(meta);
    expect(metaOf(inner.default('x'))).toEqual(meta);
    expect(metaOf(inner.optional().default('x'))).toEqual(meta);
    expect(metaOf(withMeta(z.string().optional(), meta))).toEqual(meta);
    expect(labelOf(withMeta(z.number().int().default(0), meta))).toBe('Số hiệu');
  });

  it('belong to the copy describe() made, not to the shared primitive', () => {
    expect(labelOf(slugId)).toBe('');
    expect(metaOf(slugId)).toBeUndefined();
    expect(labelOf(initiativeSchema.shape.campaign)).toBe('Đợt phát động');
    expect(labelOf(initiativeSchema.shape.unit)).toBe('Cơ quan, đơn vị chủ trì');
  });

  it('the outer label wins over an inner one', () => {
    const inner = withMeta(z.string(), { label: 'Trong' });
    expect(labelOf(withMeta(inner.optional(), { label: 'Ngoài' }))).toBe('Ngoài');
    expect(labelOf(inner.optional())).toBe('Trong');
  });

  it('name a field by its path, in Vietnamese, for the validator', () => {
    expect(fieldLabel(initiativeSchema, ['authors', 1, 'share'])).toBe(
      'Tác giả thứ 2 › Tỷ lệ đóng góp (%)',
    );
    expect(fieldLabel(decisionSchema, ['results', 0, 'scores', 'novelty'])).toBe(
      'Kết quả xét từng sáng kiến thứ 1 › Điểm theo tiêu chí › "novelty"',
    );
    expect(fieldLabel(unitListSchema, [4, 'parent'])).toBe('mục thứ 5 › Đơn vị cấp trên');
    expect(fieldLabel(initiativeSchema, ['authors', 0, 'phone'])).toBe('Tác giả thứ 1 › "phone"');
    expect(fieldLabel(initiativeSchema, ['bogus', 'deeper'])).toBe('"bogus" › "deeper"');
  });
});

describe('what only the zod schema knows', () => {
  it('tells a one-line field from a multi-line one by asking the schema', () => {
    expect(schemaTree(line(3, 40))['x-multiline']).toBe(false);
    expect(schemaTree(line(3, 40).optional())['x-multiline']).toBe(false);
    expect(schemaTree(paragraph(30, 600))['x-multiline']).toBe(true);
    expect(schemaTree(paragraph(30, 600).default('x'.repeat(30)))['x-multiline']).toBe(true);
    expect(schemaTree(z.string())['x-multiline']).toBe(true);
    expect(schemaTree(slugId)['x-multiline']).toBe(false);
    expect(nodeAt(initiativeSchema, ['title'])?.['x-multiline']).toBe(false);
    expect(nodeAt(initiativeSchema, ['summary'])?.['x-multiline']).toBe(true);
  });

  it('says nothing about lines where there is no free text', () => {
    expect(nodeAt(campaignSchema, ['status'])?.['x-multiline']).toBeUndefined();
    expect(nodeAt(campaignSchema, ['timeZone'])?.['x-multiline']).toBeUndefined();
    expect(nodeAt(campaignSchema, ['year'])?.['x-multiline']).toBeUndefined();
  });

  it('keeps the Vietnamese message the schema gives for its pattern', () => {
    expect(schemaTree(slugId)).toMatchObject({
      pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
      'x-pattern-message':
        'Mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối (ví dụ: phong-noi-vu).',
    });
    expect(schemaTree(isoDate)).toMatchObject({
      pattern: String.raw`^\d{4}-\d{2}-\d{2}$`,
      'x-pattern-message': 'Phải là ngày theo dạng YYYY-MM-DD, ví dụ 2024-09-04.',
    });
    expect(nodeAt(initiativeSchema, ['attachments', 0, 'file'])?.['x-pattern-message']).toMatch(
      /^Tên tệp chỉ gồm chữ không dấu/,
    );
    expect(schemaTree(line(3, 40))['x-pattern-message']).toBeUndefined();
  });

  it('finds the pattern message even when a length rule would stop the check first', () => {
    const code = z
      .string()
      .min(4, { error: 'Quá ngắn.', abort: true })
      .regex(/^[0-9]+$/, { error: 'Chỉ gồm chữ số.' });
    expect(schemaTree(code)['x-pattern-message']).toBe('Chỉ gồm chữ số.');
  });
});

describe('describeField', () => {
  it('knows whether a lone schema must be present', () => {
    expect(describeField(line(3, 40)).required).toBe(true);
    expect(describeField(line(3, 40).optional()).required).toBe(false);
    expect(describeField(z.boolean().default(false))).toMatchObject({
      required: false,
      defaultValue: false,
      node: { kind: 'boolean' },
    });
  });

  it('gives each caller its own copy of a default', () => {
    const schema = z.array(z.string()).default([]);
    const first = describeField(schema).defaultValue as string[];
    first.push('changed');
    expect(describeField(schema).defaultValue).toEqual([]);
  });
});
