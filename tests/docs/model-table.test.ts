/**
 * The content-model tables of docs/model.md must match the schemas. The generator
 * walks the schema tree (src/schemas/tree.ts); this test checks its output against a
 * plain walk of zod's JSON Schema export with the label registry, without the tree's
 * navigation or annotations, so a field the generator skipped or mislabelled fails
 * here, and a page not regenerated after a schema change fails too.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  documentedSchemas,
  MODEL_DOC_PATH,
  modelSection,
  readSection,
  replaceSection,
} from '../../scripts/docs/model-table.ts';
import { fieldMeta } from '../../src/schemas/index.ts';

const script = fileURLToPath(new URL('../../scripts/docs/model-table.ts', import.meta.url));

interface JsonNode {
  type?: string;
  label?: string;
  properties?: Record<string, JsonNode>;
  required?: string[];
  items?: JsonNode;
  enum?: string[];
  minLength?: number;
  maxLength?: number;
}

interface Field {
  path: string;
  required: boolean;
  node: JsonNode;
}

/** Every property of a JSON Schema, nested objects as `a.b`, array items as `a[].b`. */
function fieldsOf(node: JsonNode, prefix = ''): Field[] {
  const fields: Field[] = [];
  const required = new Set(node.required ?? []);
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = `${prefix}${key}`;
    fields.push({ path, required: required.has(key), node: child });
    if (child.properties) fields.push(...fieldsOf(child, `${path}.`));
    if (child.items?.properties) fields.push(...fieldsOf(child.items, `${path}[].`));
  }
  return fields;
}

const generated = modelSection();

/** The table rows of one schema's subsection, keyed by field path. */
function rowsIn(markdown: string, title: string): Map<string, string[]> {
  const start = markdown.indexOf(`\n## ${title} — `);
  expect(start, title).toBeGreaterThanOrEqual(0);
  const end = markdown.indexOf('\n## ', start + 1);
  const rows = new Map<string, string[]>();
  for (const line of markdown.slice(start, end === -1 ? undefined : end).split('\n')) {
    const match = /^\| `([^`]+)` *\|(.*)\|$/.exec(line);
    if (!match?.[1] || match[2] === undefined) continue;
    rows.set(
      match[1],
      match[2].split(/(?<!\\)\|/).map((cell) => cell.trim()),
    );
  }
  return rows;
}

describe('content-model tables', () => {
  for (const entry of documentedSchemas) {
    describe(entry.title, () => {
      const json = z.toJSONSchema(entry.schema, {
        io: 'input',
        unrepresentable: 'any',
        metadata: fieldMeta as never,
      }) as JsonNode;
      const fields = fieldsOf(json);
      const rows = rowsIn(generated, entry.title);

      it('has one row per schema field, and no others', () => {
        expect(fields.length).toBeGreaterThan(3);
        expect([...rows.keys()].sort()).toEqual(fields.map((field) => field.path).sort());
      });

      it('gives each field its Vietnamese label and whether it is required', () => {
        for (const field of fields) {
          const [, required, label] = rows.get(field.path) ?? [];
          expect(label, field.path).toBe(field.node.label ?? '');
          expect(field.node.label, `${field.path} has no label in the model`).toBeTruthy();
          expect(required === 'bắt buộc', field.path).toBe(field.required);
        }
      });

      it('lists allowed values and lengths', () => {
        for (const field of fields) {
          const values = rows.get(field.path)?.[4] ?? '';
          const enumValues = field.node.enum ?? field.node.items?.enum ?? [];
          const listed = /xem danh mục _([^_]+)_/.exec(values)?.[1];
          if (enumValues.length > 0 && listed) {
            const start = generated.indexOf(`\n### ${listed}\n`);
            expect(start, `${field.path}: list ${listed}`).toBeGreaterThan(0);
            const end = generated.indexOf('\n#', start + 1);
            const list = generated.slice(start, end === -1 ? undefined : end);
            for (const value of enumValues)
              expect(list, field.path).toContain(`- \`${value}\` — **`);
          } else {
            for (const value of enumValues) expect(values, field.path).toContain(`\`${value}\``);
          }
          const { minLength, maxLength } = field.node;
          if (minLength !== undefined && maxLength !== undefined && minLength > 2) {
            expect(values, field.path).toContain(`${minLength}–${maxLength}`);
          }
        }
      });
    });
  }

  it('names enum values in Vietnamese', () => {
    expect(generated).toContain('- `procedures` — **Cải cách thủ tục hành chính**');
    expect(generated).toContain('- `online-services` — **Dịch vụ công trực tuyến');
    expect(generated).toContain('- `secretary` — **Ủy viên thư ký**');
  });

  it('the docs/model.md section is the generated output (run `npm run docs:model` if this fails)', () => {
    const page = readFileSync(MODEL_DOC_PATH, 'utf8');
    expect(readSection(page)).toBe(generated);
  });
});

describe('docs:model command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'model-table-'));
  const page = join(dir, 'model.md');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function run(...args: string[]): { status: number; output: string } {
    try {
      const output = execFileSync(process.execPath, [script, ...args, '--file', page], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return { status: 0, output };
    } catch (error) {
      const failed = error as { status: number; stderr: string };
      return { status: failed.status, output: failed.stderr };
    }
  }

  it('--check fails on a stale page, passes once rewritten, and keeps other sections', () => {
    writeFileSync(
      page,
      '# X\n\n<!-- section:model -->\ncũ\n<!-- /section:model -->\n\n<!-- section:other -->\ngiữ nguyên\n<!-- /section:other -->\n',
    );
    const stale = run('--check');
    expect(stale.status).toBe(1);
    expect(stale.output).toContain('npm run docs:model');
    expect(run().status).toBe(0);
    expect(run('--check').status).toBe(0);
    const written = readFileSync(page, 'utf8');
    expect(readSection(written)).toBe(generated);
    expect(readSection(written, 'other')).toBe('giữ nguyên\n');
  });

  it('refuses unknown arguments and a page without markers, without a stack trace', () => {
    writeFileSync(page, '# Không có dấu mốc\n');
    const bad = run('--bogus');
    expect(bad.status).toBe(2);
    const missing = run('--check');
    expect(missing.status).toBe(2);
    expect(missing.output).toContain('section:model');
    expect(missing.output).toContain('model.md');
    expect(missing.output).not.toMatch(/\n\s+at /);
  });

  it('replaceSection leaves the text outside the markers alone', () => {
    const before = 'a\n<!-- section:model -->\nx\n<!-- /section:model -->\nb\n';
    expect(replaceSection(before, 'y')).toBe(
      'a\n<!-- section:model -->\ny\n<!-- /section:model -->\nb\n',
    );
  });
});
