/**
 * The open data export (src/lib/opendata.ts) on a small catalog: the JSON validates against
 * the JSON Schema generated from its zod schema, the schema follows the model, and the CSV
 * says, row by row, what the JSON says, as a spreadsheet opens it.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { buildCatalog, type CatalogInput } from '../../src/lib/catalog.ts';
import {
  columns,
  csvPieces,
  dataDate,
  openDataDocument,
  openDataJsonPieces,
  toCsv,
} from '../../src/lib/opendata.ts';
import {
  type OpenDataRecord,
  openDataDocumentSchema,
  openDataJsonSchema,
  openDataMeta,
  openDataRecordSchema,
} from '../../src/lib/opendata-schema.ts';
import { siteInfo } from '../../src/lib/site.ts';
import { textStream } from '../../src/lib/text-stream.ts';
import type { Initiative } from '../../src/schemas/index.ts';
import { initiativeSchema } from '../../src/schemas/initiative.ts';
import { organiserSchema } from '../../src/schemas/organiser.ts';
import { schemaTree } from '../../src/schemas/tree.ts';
import { recognisedAndAdopted, testCampaign, testInitiative } from '../support/catalog-fixture.ts';

const SCHEMA_URL = 'https://example.gov.vn/du-lieu/initiatives.schema.json';

const initiative = (id: string, over: Partial<Initiative>) => ({
  id,
  data: testInitiative({ title: `Sáng kiến thử nghiệm ${id}`, ...over }),
});

function input(): CatalogInput {
  return {
    campaigns: [testCampaign(2024, 'closed')],
    initiatives: [
      initiative('hen-gio', {
        title: '=HYPERLINK("https://example.com","Bấm vào đây")',
        summary: 'Dòng thứ nhất, có dấu phẩy; và "ngoặc kép".\nDòng thứ hai của phần tóm tắt.',
        authors: [
          { name: 'Nguyễn Thị Lan', position: 'Công chức', unit: 'xa-a', share: 60 },
          { name: 'Trần Văn Bình', position: 'Công chức', unit: 'xa-a', share: 40 },
        ],
        areas: ['procedures', 'digital-government'],
        indicators: [
          {
            kind: 'late-dossier-rate',
            before: { value: 18.4, period: '6 tháng đầu năm 2023' },
            after: { value: 6.1, period: '6 tháng đầu năm 2024' },
            source: 'Hệ thống một cửa điện tử',
          },
          {
            kind: 'other',
            label: 'Số cuộc gọi hỏi',
            unit: 'cuộc gọi',
            better: 'lower',
            before: { value: 420, period: 'tháng 1/2024' },
            after: { value: 95, period: 'tháng 6/2024' },
            source: 'Sổ trực điện thoại',
          },
        ],
        submitted: '2024-08-03',
      }),
      initiative('chua-xet', {}),
    ],
    units: [{ id: 'xa-a', data: { id: 'xa-a', name: 'Xã Đức Phú', kind: 'commune' } }],
    ...recognisedAndAdopted('hen-gio'),
  };
}

const catalog = buildCatalog(input());
const abs = (path: string) => new URL(path, 'https://example.gov.vn').href;
const initiativeUrl = (id: string) => `/sang-kien/${id}/`;
const paths = {
  absoluteUrl: abs,
  initiative: initiativeUrl,
  schema: '/du-lieu/initiatives.schema.json',
  page: '/du-lieu/',
};
const document = openDataDocument(catalog, paths, {});
const cols = columns(initiativeUrl);
const byId = (id: string) => document.initiatives.find((record) => record.id === id);

function validator(schema = openDataJsonSchema(SCHEMA_URL)) {
  return new Ajv2020({ strict: true, allErrors: true }).compile(schema);
}

describe('open data JSON', () => {
  test('validates against the published JSON Schema (ajv, strict) and the zod schema', () => {
    const validate = validator();
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    expect(openDataDocumentSchema.safeParse(document).success).toBe(true);
    expect(document.$schema).toBe(SCHEMA_URL);
  });

  test('the schema refuses what the old export wrote: joined lists, values as text', () => {
    const validate = validator();
    const record = byId('hen-gio') as OpenDataRecord;
    for (const broken of [
      { ...record, areas: 'Thủ tục hành chính; Chính phủ số' },
      { ...record, indicators: ['Tỷ lệ hồ sơ trễ hẹn: 18.4 → 6.1 %'] },
      { ...record, score: '80.5' },
      { ...record, grade: '' },
      { ...record, extra: 1 },
    ]) {
      expect(validate({ ...document, initiatives: [broken] })).toBe(false);
    }
  });

  test('lists are arrays, numbers are numbers, indicators carry kind, unit and direction', () => {
    const record = byId('hen-gio') as OpenDataRecord;
    expect(record.authors).toEqual([
      { name: 'Nguyễn Thị Lan', share: 60 },
      { name: 'Trần Văn Bình', share: 40 },
    ]);
    expect(record.areas.map((area) => area.id)).toEqual(['procedures', 'digital-government']);
    expect(record.indicators[0]).toMatchObject({
      kind: 'late-dossier-rate',
      label: null,
      unit: '%',
      better: 'lower',
      before: { value: 18.4 },
      after: { value: 6.1 },
      verdict: 'improved',
    });
    expect(record.indicators[1]).toMatchObject({
      kind: 'other',
      label: 'Số cuộc gọi hỏi',
      unit: 'cuộc gọi',
      better: 'lower',
    });
    expect(record).toMatchObject({
      statusId: 'recognised',
      status: 'Được công nhận — Tốt',
      decision: '12/QĐ-UBND',
      decisionDate: '2024-09-30',
      recognised: true,
      score: 80.5,
      maxScore: 100,
      grade: 'tot',
      gradeName: 'Tốt',
      scope: 'huyen',
      replicate: true,
      adoptions: 1,
    });
  });

  test('one convention for missing values: null, and every key present', () => {
    const record = byId('chua-xet') as OpenDataRecord;
    expect(Object.keys(record)).toEqual(Object.keys(openDataRecordSchema.shape));
    expect(record.statusId).toBe('undecided');
    for (const key of [
      'decision',
      'decisionDate',
      'recognised',
      'score',
      'maxScore',
      'grade',
      'gradeName',
      'scope',
      'scopeName',
      'replicate',
    ] as const) {
      expect(record[key], key).toBeNull();
    }
    expect(record.authors[0]?.share).toBeNull();
    expect(record.goals).toEqual([]);
  });

  test('names its publisher, the site’s operator, and null when no organiser runs the site', () => {
    expect(document.publisher).toBeNull();
    const organiser = (id: string, name: string, operatesSite: boolean) => ({
      id,
      data: organiserSchema.parse({
        name,
        shortName: name.replace('Ủy ban nhân dân', 'UBND'),
        kind: 'commune',
        unit: 'xa-a',
        place: 'Đức Phú',
        contact: {
          office: `Văn phòng HĐND và ${name}`,
          address: 'Thôn 1, xã Đức Phú',
          phone: '0252 3000 999',
          email: `${id}@example.gov.vn`,
        },
        scope: [{ unit: 'xa-a' }],
        operatesSite,
      }),
    });
    const withOperator = buildCatalog({
      ...input(),
      organisers: [
        organiser('ubnd-huyen-b', 'Ủy ban nhân dân huyện B', false),
        organiser('ubnd-xa-a', 'Ủy ban nhân dân xã Đức Phú', true),
      ],
    });
    const published = openDataDocument(withOperator, paths, {});
    expect(published.publisher).toEqual({
      name: 'Ủy ban nhân dân xã Đức Phú',
      office: 'Văn phòng HĐND và Ủy ban nhân dân xã Đức Phú',
      email: 'ubnd-xa-a@example.gov.vn',
      url: null,
    });
    const validate = validator();
    expect(validate(published), JSON.stringify(validate.errors)).toBe(true);
    expect(JSON.parse([...openDataJsonPieces(withOperator, paths, {})].join(''))).toEqual(
      published,
    );
  });

  test('carries the licence of the site settings and the data date', () => {
    expect(document.licence).toEqual(siteInfo.dataLicence);
    expect(document.licence.url).toMatch(/^https:\/\/creativecommons\.org\/licenses\/by\/4\.0\//);
    // The adoption report of 2024-10-01 is the latest date of this content.
    expect(document.modified).toBe('2024-10-01');
    expect(document.count).toBe(2);
  });
});

describe('the data date is the same for the same content', () => {
  test('the latest content date, whatever the clock says', () => {
    expect(dataDate(catalog, {})).toBe('2024-10-01');
    const later = buildCatalog({ ...input(), adoptions: [] });
    expect(dataDate(later, {})).toBe('2024-09-30');
  });
  test('SOURCE_DATE_EPOCH, when the build sets it, as a day in Viet Nam', () => {
    // 2024-12-31T18:00:00Z is already 1 January 2025 in Hà Nội.
    expect(dataDate(catalog, { SOURCE_DATE_EPOCH: '1735668000' })).toBe('2025-01-01');
    expect(dataDate(catalog, { SOURCE_DATE_EPOCH: 'không phải số' })).toBe('2024-10-01');
  });
  test('null for a site with no content', () => {
    expect(dataDate({ initiatives: [], adoptions: [] }, {})).toBeNull();
  });
});

describe('published JSON Schema, generated from the model', () => {
  test('a field added to the zod schema appears in the published schema', () => {
    const title = { title: 'Trường mới', description: 'Một trường thêm vào để thử.' };
    const added = z.string();
    openDataMeta.add(added, title);
    const extended = openDataDocumentSchema.extend({
      initiatives: z.array(openDataRecordSchema.extend({ newField: added })),
    });
    const items = (
      openDataJsonSchema(SCHEMA_URL, extended).properties as Record<
        string,
        { items: { properties: Record<string, unknown>; required: string[] } }
      >
    ).initiatives?.items;
    expect(items?.properties.newField).toEqual({ type: 'string', ...title });
    expect(items?.required).toContain('newField');
    const published = openDataJsonSchema(SCHEMA_URL) as { properties: Record<string, unknown> };
    expect(JSON.stringify(published)).not.toContain('newField');
  });

  test("the model's own rules on a copied field are the published ones", () => {
    const schema = openDataJsonSchema(SCHEMA_URL) as {
      properties: {
        initiatives: {
          items: { properties: Record<string, { minLength?: number; maxLength?: number }> };
        };
      };
    };
    const published = schema.properties.initiatives.items.properties;
    const model = schemaTree(initiativeSchema).properties ?? {};
    for (const key of ['title', 'summary'] as const) {
      expect(published[key]?.maxLength, key).toBe(model[key]?.maxLength);
      expect(published[key]?.minLength, key).toBe(model[key]?.minLength);
    }
  });

  test('every record field has a unique CSV header and a description', () => {
    const headers = cols.map((col) => col.header);
    expect(new Set(headers).size).toBe(headers.length);
    for (const col of cols) expect(col.description, col.key).not.toBe('');
  });
});

describe('open data CSV', () => {
  const csv = toCsv(catalog.initiatives, cols, abs);
  const rows = parseCsv(csv, { bom: true }) as string[][];
  const [header, ...body] = rows;

  test('opens with default settings: BOM, CRLF, comma, one row per initiative', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    // Every line break outside a quoted field is CRLF.
    const outside = csv.replace(/"(?:[^"]|"")*"/g, '');
    expect(outside).not.toMatch(/[^\r]\n/);
    expect(outside.split('\r\n').filter(Boolean)).toHaveLength(1 + catalog.initiatives.length);
    expect(header).toEqual(cols.map((col) => col.header));
    expect(new Set(header).size).toBe(header?.length);
    expect(body).toHaveLength(document.initiatives.length);
  });

  test('a field with a comma, a quote or a line break is quoted and reads back whole', () => {
    const row = body[document.initiatives.findIndex((record) => record.id === 'hen-gio')];
    const summary = row?.[cols.findIndex((col) => col.key === 'summary')];
    expect(summary).toBe(byId('hen-gio')?.summary);
    expect(csv).toContain(`"${byId('hen-gio')?.summary.replaceAll('"', '""')}"`);
  });

  test('a cell starting with = is neutralised; numbers stay numbers', () => {
    const row = body[document.initiatives.findIndex((record) => record.id === 'hen-gio')];
    const at = (key: string) => row?.[cols.findIndex((col) => col.key === key)];
    expect(at('title')).toBe(`'=HYPERLINK("https://example.com","Bấm vào đây")`);
    expect(at('score')).toBe('80.5');
  });

  test('says, row by row, what the JSON says', () => {
    document.initiatives.forEach((record, index) => {
      const row = body[index] as string[];
      cols.forEach((col, column) => {
        const value = record[col.key];
        const field = row[column];
        const where = `${record.id}.${col.key}`;
        if (value === null) expect(field, where).toBe('');
        else if (typeof value === 'boolean') expect(field, where).toBe(value ? 'Có' : 'Không');
        else if (typeof value === 'number') expect(Number(field), where).toBe(value);
        else if (typeof value === 'string')
          expect(field?.replace(/^'(?=[\s']*[=+\-@\t\r])/, ''), where).toBe(value);
        else if (value.length === 0) expect(field, where).toBe('');
        else expect(field?.split('; '), where).toHaveLength(value.length);
      });
    });
    const row = body[0] as string[];
    const at = (key: string) => row[cols.findIndex((col) => col.key === key)];
    expect(at('authors')).toBe('Nguyễn Thị Lan (60%); Trần Văn Bình (40%)');
    expect(at('indicators')).toBe(
      'Tỷ lệ hồ sơ trễ hẹn: 18,4% → 6,1% (càng thấp càng tốt); Số cuộc gọi hỏi: 420 cuộc gọi → 95 cuộc gọi (càng thấp càng tốt)',
    );
  });
});

describe('the documents written in pieces (what the route streams)', () => {
  // More initiatives than one piece of CSV rows, with line breaks, quotes, a separator of lines
  // that JSON leaves raw, and empty lists.
  const many = buildCatalog({
    ...input(),
    initiatives: [
      ...input().initiatives,
      ...Array.from({ length: 1203 }, (_, index) =>
        initiative(`sk-${index}`, {
          summary: `Dòng ${index}\n  "thụt lề", dấu phẩy\u2028và dòng mới\r\nhết.`,
          keywords: index % 2 ? [] : ['một cửa', 'số hoá'],
        }),
      ),
    ],
  });

  test('join to the very text of the document made whole', () => {
    const whole = JSON.stringify(openDataDocument(many, paths, {}), null, 2);
    const pieces = [...openDataJsonPieces(many, paths, {})];
    expect(pieces.length).toBeGreaterThan(1000);
    expect(pieces.join('')).toBe(whole);
    expect(JSON.parse(pieces.join(''))).toEqual(openDataDocument(many, paths, {}));
  });

  test('an archive without initiatives is the same document too', () => {
    const empty = buildCatalog({ ...input(), initiatives: [], decisions: [], adoptions: [] });
    expect([...openDataJsonPieces(empty, paths, {})].join('')).toBe(
      JSON.stringify(openDataDocument(empty, paths, {}), null, 2),
    );
  });

  test('streamed as the route streams them, Astro reads the very same bytes', async () => {
    const whole = JSON.stringify(openDataDocument(many, paths, {}), null, 2);
    const sizes: number[] = [];
    const counted = textStream(openDataJsonPieces(many, paths, {}), 4096).pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          sizes.push(chunk.byteLength);
          controller.enqueue(chunk);
        },
      }),
    );
    // Astro writes an endpoint's body from response.arrayBuffer().
    const bytes = async (stream: ReadableStream<Uint8Array>) =>
      Buffer.from(await new Response(stream).arrayBuffer());
    expect((await bytes(counted)).equals(Buffer.from(whole, 'utf8'))).toBe(true);
    // Gathered: every chunk but the last holds at least the text asked for.
    expect(sizes.length).toBeGreaterThan(10);
    expect(sizes.slice(0, -1).every((size) => size >= 4096)).toBe(true);
    const csv = await bytes(textStream(csvPieces(many.initiatives, cols, abs), 4096));
    expect(csv.equals(Buffer.from(toCsv(many.initiatives, cols, abs), 'utf8'))).toBe(true);
    expect((await bytes(textStream([]))).length).toBe(0);
  });

  test('the CSV in pieces of rows is the CSV made whole', () => {
    const whole = toCsv(many.initiatives, cols, abs);
    const pieces = [...csvPieces(many.initiatives, cols, abs, 500)];
    expect(pieces).toHaveLength(1 + Math.ceil(many.initiatives.length / 500));
    expect(pieces.join('')).toBe(whole);
    expect([...csvPieces([], cols, abs)].join('')).toBe(toCsv([], cols, abs));
  });
});
