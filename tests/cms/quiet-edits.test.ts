/**
 * Quiet edits: what the admin writes when one value of an initiative, a campaign, a unit
 * list, a decision or an adoption changes. Each sample file is read through the format Decap uses for it,
 * one value is changed as the form would change it, and the written text must differ from
 * the original in exactly the line that holds that value; the data must read back as the
 * form's data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  ORIGINAL,
  quietFrontMatterFormat,
  quietYamlFormat,
  yamlListFormat,
} from '../../src/admin/formats.ts';
import { parseEntryText } from '../../src/model/read.ts';

type Path = (string | number)[];
interface Format {
  fromFile(content: string): Record<string, unknown>;
  toFile(data: Record<string, unknown>, sortedKeys?: string[]): string;
}

const files: [string, Format][] = [
  ...readdirSync('content/initiatives').map(
    (name) => [`content/initiatives/${name}/index.md`, quietFrontMatterFormat] as [string, Format],
  ),
  ...readdirSync('content/campaigns').map(
    (name) => [`content/campaigns/${name}`, quietFrontMatterFormat] as [string, Format],
  ),
  ...readdirSync('content/decisions').map(
    (name) => [`content/decisions/${name}`, quietYamlFormat] as [string, Format],
  ),
  ...readdirSync('content/adoptions').map(
    (name) => [`content/adoptions/${name}`, quietYamlFormat] as [string, Format],
  ),
  ['content/units.yaml', yamlListFormat as unknown as Format],
  ['content/scope-levels.yaml', yamlListFormat as unknown as Format],
];

/** Every scalar of the data with its path, except the Markdown body and multi-line text. */
function leaves(value: unknown, path: Path = []): [Path, string | number | boolean][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leaves(item, [...path, index]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      key === ORIGINAL || key === 'body' || key === 'header' ? [] : leaves(item, [...path, key]),
    );
  }
  if (typeof value === 'string' && value.includes('\n')) return [];
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return [[path, value]];
  }
  return [];
}

/** What a person types instead: another text, another number, the other answer. */
function changed(value: string | number | boolean): string | number | boolean {
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value))
    return value.replace(/\d{2}$/, (day) => (day === '28' ? '27' : '28'));
  return `${value} (đã sửa)`;
}

function setIn(data: unknown, path: Path, value: unknown): void {
  let node = data as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1) as string | number] = value;
}

/** The form's data as Decap hands it to the format: a plain copy, as Immutable's toJS gives. */
const copy = <T>(value: T): T => structuredClone(value);

/** Lines of `after` that are not at the same place in `before`, for texts of equal length. */
function changedLines(before: string, after: string): number[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((line, index) => (line === b[index] ? [] : [index + 1]));
}

/** The data the written text means, read as the site and validator read it. */
function meaning(file: string, text: string): unknown {
  if (file.endsWith('.md')) {
    const entry = parseEntryText(text);
    return { ...entry.data, body: entry.body };
  }
  return parse(text);
}

/** What the form holds, without what the format carries for itself. */
function formData(data: Record<string, unknown>): unknown {
  const { [ORIGINAL]: _, header: __, ...rest } = data;
  return 'items' in rest ? rest.items : rest;
}

describe('quiet edits', () => {
  for (const [file, format] of files) {
    const text = readFileSync(file, 'utf8');

    it(`${file}: saved unchanged, the file is byte for byte the same`, () => {
      const data = format.fromFile(text);
      expect(data[ORIGINAL]).toBe(text);
      expect(format.toFile(copy(data))).toBe(text);
    });

    it(`${file}: changing one value changes only the line that holds it`, () => {
      const data = format.fromFile(text);
      const all = leaves(data);
      expect(all.length).toBeGreaterThan(5);
      for (const [path, value] of all) {
        const edited = copy(data);
        setIn(edited, path, changed(value));
        const written = format.toFile(edited);
        const lines = changedLines(text, written);
        expect(lines, `${path.join('.')} of ${file}`).toHaveLength(1);
        const line = written.split('\n')[(lines[0] as number) - 1] as string;
        expect(line).toContain(String(changed(value)).replace(/ \(đã sửa\)$/, ''));
        expect(meaning(file, written)).toEqual(formData(edited));
      }
      // One write per value: the unit list of two administrative periods has hundreds.
    }, 120_000);
  }

  it('a removed list item removes its lines and nothing else', () => {
    const text = readFileSync('content/units.yaml', 'utf8');
    const data = yamlListFormat.fromFile(text);
    const items = data.items as Record<string, unknown>[];
    const removed = items[2] as Record<string, unknown>;
    const written = yamlListFormat.toFile({
      ...copy(data),
      items: items.filter((item) => item !== removed),
    });
    const before = text.split('\n');
    const after = written.split('\n');
    expect(before.length - after.length).toBe(Object.keys(removed).length);
    expect(parse(written)).toEqual(items.filter((item) => item !== removed));
    // Everything outside the removed item is the original text.
    const start = before.indexOf(`- id: ${removed.id}`);
    expect(after).toEqual([
      ...before.slice(0, start),
      ...before.slice(start + Object.keys(removed).length),
    ]);
  });

  it('a value added to a campaign goes in as one line where the form puts it', () => {
    const file = 'content/campaigns/2024-tanh-linh.md';
    const text = readFileSync(file, 'utf8');
    const data = quietFrontMatterFormat.fromFile(text);
    const { [ORIGINAL]: _, ...form } = data;
    expect('announcement' in form).toBe(false);
    const keys = Object.keys(form);
    const sortedKeys = [...keys.slice(0, 3), 'announcement', ...keys.slice(3)];
    const written = quietFrontMatterFormat.toFile(
      { ...copy(data), announcement: '/media/thong-bao.pdf' },
      sortedKeys,
    );
    const after = written.split('\n');
    const before = text.split('\n');
    expect(after.length).toBe(before.length + 1);
    const at = after.indexOf('announcement: /media/thong-bao.pdf');
    expect(at).toBeGreaterThan(0);
    expect([...after.slice(0, at), ...after.slice(at + 1)]).toEqual(before);
  });

  it('an edited campaign body changes only the body lines edited', () => {
    const file = 'content/campaigns/2024-tanh-linh.md';
    const text = readFileSync(file, 'utf8');
    const data = quietFrontMatterFormat.fromFile(text);
    const body = (data.body as string).replace('## Yêu cầu', '## Yêu cầu đối với giải pháp');
    const written = quietFrontMatterFormat.toFile({ ...copy(data), body });
    expect(changedLines(text, written)).toHaveLength(1);
    expect(written).toContain('\n## Yêu cầu đối với giải pháp\n');
  });

  it('a new file, with no original, is written whole in the form order', () => {
    const written = quietYamlFormat.toFile(
      { note: 'Ghi chú', campaign: '2025-tanh-linh', document: { number: '1/QĐ' } },
      ['campaign', 'document', 'note'],
    );
    expect(written).toBe('campaign: 2025-tanh-linh\ndocument:\n  number: 1/QĐ\nnote: Ghi chú\n');
  });

  it('never writes the original text it carries', () => {
    const text = readFileSync('content/decisions/2024-tanh-linh.yaml', 'utf8');
    const data = quietYamlFormat.fromFile(text);
    const written = quietYamlFormat.toFile({ ...copy(data), meetingOn: '2024-09-27' });
    expect(written).not.toContain(ORIGINAL);
    expect(parse(written)).not.toHaveProperty(ORIGINAL);
  });
});
