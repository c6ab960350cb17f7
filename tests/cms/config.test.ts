import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { branchOfSlug, slugOfBranch } from '../../scripts/report/source.ts';
import {
  bodyTemplate,
  type CmsField,
  cmsConfig,
  initiativeSlugTemplate,
  slugSettings,
} from '../../src/admin/config.ts';
import { yamlListFormat } from '../../src/admin/formats.ts';
import { mergeLocale, viOverrides } from '../../src/admin/locale/vi.ts';
import { describeObject, type SchemaField } from '../../src/admin/schema-walk.ts';
import {
  adoptionSchema,
  bodySections,
  campaignSchema,
  decisionSchema,
  initiativeSchema,
  scopeLevelSchema,
  unitSchema,
} from '../../src/schemas/index.ts';

/**
 * decap-cms-locales ships a browser bundle and extension-less ES modules, neither of which
 * Node loads; its source files are plain object literals, read here as such.
 */
function decapLocale(name: 'en' | 'vi'): Tree {
  const require = createRequire(import.meta.url);
  const file = require.resolve(`decap-cms-locales/src/${name}/index.js`);
  const source = readFileSync(file, 'utf8').replace(/export default \w+;\s*$/, '');
  return new Function(`${source}; return ${name};`)() as Tree;
}
type Tree = { [key: string]: string | Tree };
const en = decapLocale('en');
const vi = decapLocale('vi');

type Collection = (typeof cmsConfig.collections)[number];
const collection = (name: string): Collection => {
  const found = cmsConfig.collections.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no collection ${name}`);
  return found;
};
const fieldsOfCollection = (name: string): CmsField[] => {
  const found = collection(name);
  if ('fields' in found) return found.fields as CmsField[];
  const items = ((found.files[0]?.fields ?? []) as CmsField[]).find(
    (field) => field.name === 'items',
  );
  return items?.fields as CmsField[];
};

/** Problems found when a form field does not agree with its schema field; empty when they agree. */
function compare(path: string, schema: SchemaField, field: CmsField | undefined): string[] {
  if (!field) return [`${path}: không có trường trong biểu mẫu`];
  const problems: string[] = [];
  const required = field.required !== false;
  if (required !== schema.required) {
    problems.push(`${path}: required ${required} ≠ lược đồ ${schema.required}`);
  }
  if (schema.meta && field.label !== schema.meta.label) {
    problems.push(`${path}: nhãn "${field.label}" ≠ "${schema.meta.label}"`);
  }
  const { node } = schema;
  const relation = field.widget === 'relation' || field.widget === 'initiative';
  switch (node.kind) {
    case 'string':
      if (relation) {
        const target = cmsConfig.collections.some((c) => c.name === field.collection);
        if (!target) problems.push(`${path}: quan hệ tới danh mục không có`);
        break;
      }
      if (!['string', 'text', 'file'].includes(field.widget)) {
        problems.push(`${path}: widget ${field.widget} cho chuỗi`);
      }
      if (node.pattern) {
        if (field.pattern?.[0] !== node.pattern.source) {
          problems.push(`${path}: mẫu ${field.pattern?.[0]} ≠ ${node.pattern.source}`);
        }
        if (field.pattern?.[1] !== node.pattern.message)
          problems.push(`${path}: thông báo mẫu khác`);
      } else if (node.minLength !== undefined && field.widget !== 'file') {
        const pattern = new RegExp(field.pattern?.[0] ?? '');
        const long = 'ắ'.repeat(node.maxLength ?? node.minLength + 5);
        if (pattern.test('x'.repeat(node.minLength - 1)))
          problems.push(`${path}: mẫu nhận chuỗi quá ngắn`);
        if (!pattern.test(long)) problems.push(`${path}: mẫu từ chối chuỗi dài hợp lệ`);
        if (node.maxLength !== undefined && pattern.test(`${long}a`)) {
          problems.push(`${path}: mẫu nhận chuỗi quá dài`);
        }
      }
      break;
    case 'date':
      if (
        field.widget !== 'datetime' ||
        field.format !== 'YYYY-MM-DD' ||
        field.time_format !== false
      ) {
        problems.push(`${path}: ngày phải là datetime YYYY-MM-DD không có giờ`);
      }
      break;
    case 'number':
      if (field.widget !== 'number') problems.push(`${path}: widget ${field.widget} cho số`);
      if (field.value_type !== (node.integer ? 'int' : 'float')) problems.push(`${path}: kiểu số`);
      if (field.min !== node.min || field.max !== node.max) problems.push(`${path}: giới hạn số`);
      break;
    case 'boolean':
      if (!['boolean', 'hidden'].includes(field.widget)) problems.push(`${path}: widget boolean`);
      break;
    case 'literal':
      if (field.widget !== 'hidden' || field.default !== node.value) problems.push(`${path}: hằng`);
      break;
    case 'enum':
      problems.push(...compareOptions(path, node.values, field));
      break;
    case 'record':
      if (field.widget !== 'object') problems.push(`${path}: bảng điểm phải là object`);
      break;
    case 'object':
      if (field.widget !== 'object') problems.push(`${path}: widget ${field.widget} cho object`);
      problems.push(...compareFields(path, node.fields, field.fields as CmsField[]));
      break;
    case 'array': {
      const item = node.item.node;
      if (field.min !== node.minItems) problems.push(`${path}: số mục tối thiểu ${field.min}`);
      if (field.max !== node.maxItems) problems.push(`${path}: số mục tối đa ${field.max}`);
      if (item.kind === 'enum') {
        if (field.multiple !== true) problems.push(`${path}: phải chọn được nhiều giá trị`);
        problems.push(...compareOptions(path, item.values, field));
      } else if (item.kind === 'object') {
        if (field.widget !== 'list') problems.push(`${path}: widget ${field.widget} cho danh sách`);
        problems.push(...compareFields(`${path}[]`, item.fields, field.fields as CmsField[]));
      } else if (relation) {
        if (field.multiple !== true) problems.push(`${path}: quan hệ phải chọn được nhiều giá trị`);
      } else {
        if (field.widget !== 'list' || !field.field)
          problems.push(`${path}: danh sách giá trị đơn`);
      }
      break;
    }
  }
  return problems;
}

function compareOptions(path: string, values: string[], field: CmsField): string[] {
  if (field.widget !== 'select') return [`${path}: phải là select`];
  const options = field.options as { value: string; label: string }[];
  const problems: string[] = [];
  if (JSON.stringify(options.map((o) => o.value)) !== JSON.stringify(values)) {
    problems.push(`${path}: lựa chọn ${options.map((o) => o.value)} ≠ ${values}`);
  }
  for (const option of options) {
    if (option.label === option.value)
      problems.push(`${path}: "${option.value}" chưa có tên tiếng Việt`);
  }
  return problems;
}

function compareFields(
  path: string,
  schema: Record<string, SchemaField>,
  fields: CmsField[],
  extra: string[] = [],
): string[] {
  const problems: string[] = [];
  for (const [name, field] of Object.entries(schema)) {
    problems.push(
      ...compare(
        `${path}.${name}`,
        field,
        fields.find((f) => f.name === name),
      ),
    );
  }
  for (const field of fields) {
    if (!(field.name in schema) && !extra.includes(field.name)) {
      problems.push(`${path}.${field.name}: trường không có trong lược đồ`);
    }
  }
  return problems;
}

describe('the CMS form agrees with the content model', () => {
  const cases = [
    ['initiatives', initiativeSchema, ['checks', 'body']],
    ['campaigns', campaignSchema, ['body']],
    ['decisions', decisionSchema, []],
    ['adoptions', adoptionSchema, []],
    ['units', unitSchema, []],
    ['scopeLevels', scopeLevelSchema, []],
  ] as const;
  for (const [name, schema, extra] of cases) {
    it(`${name}: every key, required flag, label, option, list and pattern`, () => {
      expect(
        compareFields(name, describeObject(schema), fieldsOfCollection(name), [...extra]),
      ).toEqual([]);
    });
  }

  it('the comparison itself catches drift', () => {
    const fields = structuredClone(fieldsOfCollection('initiatives'));
    const title = fields.find((field) => field.name === 'title') as CmsField;
    title.required = false;
    const areas = fields.find((field) => field.name === 'areas') as CmsField;
    (areas.options as unknown[]).pop();
    const problems = compareFields('initiatives', describeObject(initiativeSchema), fields, [
      'body',
    ]);
    expect(problems.some((problem) => problem.startsWith('initiatives.title: required'))).toBe(
      true,
    );
    expect(problems.some((problem) => problem.startsWith('initiatives.areas: lựa chọn'))).toBe(
      true,
    );
  });

  it('the body starts with the five section headings, in order', () => {
    const headings = bodyTemplate.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual(bodySections.map((section) => `## ${section.heading}`));
    const body = fieldsOfCollection('initiatives').find((field) => field.name === 'body');
    expect(body?.default).toBe(bodyTemplate);
    expect(body?.modes).toEqual(['raw', 'rich_text']);
    for (const section of bodySections) expect(body?.hint).toContain(section.guidance);
  });

  it('initiatives live in their own folder with attachments beside them, never deleted', () => {
    const initiatives = collection('initiatives') as Record<string, unknown>;
    expect(initiatives).toMatchObject({
      folder: 'content/initiatives',
      path: '{{slug}}/index',
      media_folder: '',
      public_folder: '',
      create: true,
      delete: false,
    });
    expect(cmsConfig.publish_mode).toBe('editorial_workflow');
    expect(cmsConfig.backend.branch).toBe('main');
    for (const each of cmsConfig.collections) expect(each.delete).toBe(false);
  });

  it('the branch the scripts expect is the one Decap makes: cms/<collection>/<path template>', () => {
    const initiatives = collection('initiatives') as Record<string, unknown>;
    const decapBranch = `cms/${initiatives.name}/${String(initiatives.path).replace('{{slug}}', 'abc')}`;
    expect(decapBranch).toBe(branchOfSlug('abc'));
    expect(slugOfBranch(decapBranch)).toBe('abc');
  });
});

describe('slugs from Vietnamese titles', () => {
  it('the settings make Decap write ASCII names, and the diacritics remover it uses turns đ into d', () => {
    expect(slugSettings).toMatchObject({ encoding: 'ascii', clean_accents: true });
    // Decap's sanitizeSlug calls `diacritics.remove` when clean_accents is on (lib/urlHelper.ts).
    const require = createRequire(import.meta.url);
    const diacritics = require('diacritics') as { remove(text: string): string };
    const title = 'Đường dây nóng “Một cửa” ở xã Đức Phú, giảm hồ sơ trễ hẹn';
    const cleaned = diacritics.remove(title.normalize('NFC'));
    expect(cleaned).toBe('Duong day nong “Mot cua” o xa Duc Phu, giam ho so tre hen');
    expect(initiativeSlugTemplate).toMatch(/^\{\{slug \| truncate\((\d+)\)\}\}$/);
    const limit = Number(/truncate\((\d+)\)/.exec(initiativeSlugTemplate)?.[1]);
    // Decap appends "..." (then turned into one hyphen and trimmed): stays within the schema's 80.
    expect(limit + 3).toBeLessThanOrEqual(80);
  });
});

describe('data files that are top-level lists', () => {
  for (const file of ['content/units.yaml', 'content/scope-levels.yaml']) {
    it(`${file} survives a read and write through the CMS unchanged in data and header`, () => {
      const text = readFileSync(file, 'utf8');
      const data = yamlListFormat.fromFile(text);
      expect(data.items).toEqual(parse(text));
      const written = yamlListFormat.toFile(data);
      expect(parse(written)).toEqual(parse(text));
      const header = text.split('\n').filter((line) => line.startsWith('#'));
      expect(written.split('\n').slice(0, header.length)).toEqual(header);
    });
  }
});

describe('the Vietnamese interface', () => {
  const leaves = (tree: Tree, prefix = ''): [string, string][] =>
    Object.entries(tree).flatMap(([key, value]) =>
      typeof value === 'string' ? [[`${prefix}${key}`, value]] : leaves(value, `${prefix}${key}.`),
    );
  const merged = new Map(leaves(mergeLocale(vi, viOverrides)));
  // Same in both languages: a bare placeholder, a name, or a symbol.
  const sameInBoth = new Set(['%{details}', '%{date}', 'Markdown']);

  it('has every string of the English interface, none left in English', () => {
    const english = leaves(en);
    expect(english.length).toBeGreaterThan(200);
    const missing = english.filter(([key]) => !merged.has(key)).map(([key]) => key);
    const untranslated = english
      .filter(([key, text]) => merged.get(key) === text && !sameInBoth.has(text))
      .map(([key]) => key);
    expect(missing).toEqual([]);
    expect(untranslated).toEqual([]);
  });

  it('keeps every placeholder Decap fills in', () => {
    const placeholders = (text: string) => [...text.matchAll(/%\{\w+\}/g)].map((m) => m[0]).sort();
    const broken = leaves(en)
      .filter(([key, text]) => {
        const translated = merged.get(key) ?? '';
        return JSON.stringify(placeholders(translated)) !== JSON.stringify(placeholders(text));
      })
      .map(([key]) => key);
    expect(broken).toEqual([]);
  });

  it('is NFC-normalised Vietnamese', () => {
    for (const [key, text] of merged) expect(text.normalize('NFC'), key).toBe(text);
  });
});

describe('references to initiatives', () => {
  it('store the bare folder name and reopen with the entry slug Decap uses', async () => {
    const { initiativeValueSerializer } = await import('../../src/admin/initiative-widget.ts');
    const { List } = await import('immutable');
    expect(initiativeValueSerializer.serialize('ten-sang-kien/index')).toBe('ten-sang-kien');
    expect(initiativeValueSerializer.deserialize('ten-sang-kien')).toBe('ten-sang-kien/index');
    const many = List(['mot/index', 'hai/index']);
    expect((initiativeValueSerializer.serialize(many) as typeof many).toArray()).toEqual([
      'mot',
      'hai',
    ]);
    expect(initiativeValueSerializer.deserialize('')).toBe('');
  });
});
