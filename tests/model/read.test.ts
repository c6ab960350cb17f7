import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent, MAX_ENTRY_BYTES, readEntryFile } from '../../src/model/files.ts';
import {
  bodyOf,
  entryText,
  type Fixture,
  initiativeData,
  makeFixture,
} from '../support/fixtures.ts';

let fixture: Fixture | undefined;
afterEach(() => fixture?.cleanup());

function readText(text: string | Buffer) {
  fixture?.cleanup();
  fixture = makeFixture();
  fixture.write('content/x.md', text);
  return readEntryFile(fixture.path('content/x.md'));
}

describe('readEntryFile', () => {
  it('reads YAML front matter and the body with its first line', () => {
    const entry = readText(entryText({ title: 'Một tiêu đề đủ dài', count: 3 }, '## A\n\nb\n'));
    expect(entry.problems).toEqual([]);
    expect(entry.data).toEqual({ title: 'Một tiêu đề đủ dài', count: 3 });
    expect(entry.body).toBe('\n## A\n\nb\n');
    expect(entry.bodyStartLine).toBe(5);
    expect(entry.text.split('\n')[entry.bodyStartLine]).toBe('## A');
  });

  it('keeps dates as strings (YAML 1.2 core schema)', () => {
    const entry = readText('---\nsubmitted: 2024-08-20\n---\n');
    expect(entry.data).toEqual({ submitted: '2024-08-20' });
  });

  it('maps a field path to its file line (front matter starts on line 2)', () => {
    const entry = readText(entryText(initiativeData(), bodyOf()));
    const lines = entry.text.split('\n');
    const line = entry.lineOf(['authors', 0, 'unit']);
    expect(line).toBeDefined();
    expect(lines[(line as number) - 1]).toMatch(/unit: xa-duc-phu/);
    expect(lines[(entry.lineOf(['submitted']) as number) - 1]).toMatch(/^submitted:/);
  });

  it.each([
    ['---js', 'safety.front-matter-language'],
    ['---javascript', 'safety.front-matter-language'],
    ['---coffee', 'safety.front-matter-language'],
    ['---json', 'safety.front-matter-language'],
    ['--- yaml', 'safety.front-matter-language'],
  ])('refuses a front matter opened by %s without evaluating it', (fence, code) => {
    const entry = readText(`${fence}\n{ title: "x" }\n---\nbody\n`);
    expect(entry.data).toBeUndefined();
    expect(entry.problems.map((problem) => problem.code)).toContain(code);
  });

  it('refuses TOML front matter and a missing or unclosed one', () => {
    expect(readText('+++\ntitle = "x"\n+++\n').problems[0]?.code).toBe(
      'safety.front-matter-language',
    );
    expect(readText('# Tiêu đề\n').problems[0]?.code).toBe('frontmatter.missing');
    expect(readText('---\ntitle: x\n').problems[0]?.code).toBe('frontmatter.unclosed');
  });

  it('refuses YAML tags, prototype keys and alias bombs', () => {
    expect(readText('---\na: !!js/function "x"\n---\n').problems.map((p) => p.code)).toContain(
      'safety.yaml-tag',
    );
    const tagged = readText('---\ntitle: ok\nb: !custom 1\n---\n');
    expect(tagged.problems).toContainEqual(
      expect.objectContaining({ code: 'safety.yaml-tag', line: 3 }),
    );
    const proto = readText('---\n__proto__:\n  polluted: true\n---\n');
    expect(proto.problems.map((p) => p.code)).toContain('safety.forbidden-key');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from({ length: 25 }, (_, i) => `b${i}: [*a,*a,*a,*a,*a,*a,*a,*a,*a]`),
    ].join('\n');
    expect(readText(`---\n${bomb}\n---\n`).problems.map((p) => p.code)).toContain(
      'safety.yaml-alias',
    );
  });

  it('reports YAML syntax errors with their file line', () => {
    const entry = readText('---\ntitle: a\ntitle: b\n---\n');
    expect(entry.problems).toContainEqual(
      expect.objectContaining({ code: 'yaml.syntax', line: 3 }),
    );
  });

  it('refuses huge and non-UTF-8 files without throwing', () => {
    expect(readText(Buffer.alloc(MAX_ENTRY_BYTES + 1, 0x61)).problems[0]?.code).toBe(
      'file.too-large',
    );
    expect(
      readText(Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a])).problems[0]?.code,
    ).toBe('unicode.encoding');
    fixture?.cleanup();
    fixture = makeFixture();
    expect(readEntryFile(join(fixture.root, 'khong-co.md')).problems[0]?.code).toBe(
      'file.unreadable',
    );
  });

  it('reads Windows line endings as line feeds and refuses lone CRs with one clear error', () => {
    const text = entryText({ title: 'abc' }, '## Mục\n\nChữ.\n');
    expect(readText(text.replaceAll('\n', '\r\n')).data).toEqual({ title: 'abc' });
    const mac = readText(text.replaceAll('\n', '\r'));
    expect(mac.data).toBeUndefined();
    expect(mac.problems).toEqual([
      expect.objectContaining({
        code: 'file.line-endings',
        severity: 'error',
        line: 1,
        message: expect.stringContaining('ký tự CR đơn lẻ (kiểu máy Mac cũ)'),
      }),
    ]);
  });

  it('tolerates a leading byte-order mark with a warning', () => {
    const entry = readText(`\ufeff${entryText({ title: 'abc' })}`);
    expect(entry.data).toEqual({ title: 'abc' });
    expect(entry.problems.map((p) => [p.code, p.severity])).toEqual([['unicode.bom', 'warning']]);
  });
});

describe('loadContent', () => {
  it('loads every kind of content with parsed data, and keeps invalid entries with data undefined', async () => {
    fixture = makeFixture({ initiatives: 2 });
    fixture.initiative('hong', initiativeData({ title: 'x' }));
    fixture.write(
      'content/adoptions/ap-dung-1.yaml',
      'initiative: sang-kien-1\nunit: xa-gia-an\nsince: 2024-10-01\nresult: Giảm một nửa số hồ sơ trễ hẹn tại xã.\n',
    );
    writeFileSync(fixture.path('content/initiatives/readme.txt'), 'x');
    const content = await loadContent(fixture.root);
    expect(content.campaigns.map((campaign) => [campaign.id, campaign.data?.deadline])).toEqual([
      ['2024-thu-nghiem', '2024-09-04'],
    ]);
    expect(content.initiatives.map((entry) => [entry.id, entry.data !== undefined])).toEqual([
      ['hong', false],
      ['sang-kien-1', true],
      ['sang-kien-2', true],
    ]);
    expect(content.initiatives[1]?.body).toContain('## Nội dung giải pháp');
    expect(content.adoptions[0]?.data?.unit).toBe('xa-gia-an');
    expect(content.units.map((unit) => unit.id)).toContain('xa-duc-phu');
    expect(content.scopeLevels).toHaveLength(2);
  });
});
