/**
 * The fast YAML path (js-yaml) must give exactly what the full `yaml` Document
 * gives — data, problems, the line of every field path, the scalars and the
 * personal-data findings — or step aside. Random values written in every
 * string style, and mutations of them, are parsed both ways.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { FieldPath } from '../../src/model/problems.ts';
import {
  type ParsedYaml,
  parseEntryText,
  parseYamlFully,
  parseYamlSafely,
  withLineFeeds,
} from '../../src/model/read.ts';
import { parseYamlFast } from '../../src/model/yaml-fast.ts';
import { checkYamlPersonalData } from '../../src/validator/personal-data.ts';
import { initiativeData } from '../support/fixtures.ts';

const ROOT = join(import.meta.dirname, '../..');

/** Every path into a value, plus a missing child of each, plus indexes out of range. */
function pathsOf(value: unknown, prefix: FieldPath = []): FieldPath[] {
  const out: FieldPath[] = [prefix, [...prefix, 'khong-co'], [...prefix, 99]];
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      out.push(...pathsOf(item, [...prefix, index]));
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) out.push(...pathsOf(item, [...prefix, key]));
  }
  return out;
}

function problemsOf(parsed: ParsedYaml) {
  return parsed.problems.map(({ code, line, message, severity }) => ({
    code,
    line,
    message,
    severity,
  }));
}

/** Compare the two paths on one text; returns whether the fast path was taken. */
function compare(source: string): boolean {
  const full = parseYamlFully(source, 2);
  const quick = parseYamlSafely(source, 2);
  const tookFast = parseYamlFast(source) !== undefined;
  expect(quick.data).toEqual(full.data);
  expect(problemsOf(quick)).toEqual(problemsOf(full));
  for (const path of pathsOf(full.data)) {
    expect(quick.lineOf(path), JSON.stringify(path)).toBe(full.lineOf(path));
  }
  // The personal-data rule skips building scalars when the text cannot hold any: same findings.
  const withoutFilter = checkYamlPersonalData({
    scalars: full.scalars,
    lineOfOffset: full.lineOfOffset,
  });
  expect(checkYamlPersonalData(quick)).toEqual(withoutFilter);
  expect(checkYamlPersonalData(full)).toEqual(withoutFilter);
  if (tookFast) {
    expect(quick.scalars).toEqual(full.scalars);
    for (let offset = 0; offset <= source.length; offset += 7) {
      expect(quick.lineOfOffset(offset)).toBe(full.lineOfOffset(offset));
    }
  }
  return tookFast;
}

const plainWord = fc.constantFrom(
  'Số hóa',
  'hồ sơ',
  'Phòng Tư pháp',
  'một cửa',
  'xa-duc-phu',
  '18.8',
  '30%',
  'Bước 1:',
  'x:y',
  'tháng 6/2024',
);
const specialWord = fc.constantFrom(
  '0912 345 678',
  '0912345678',
  '079204001234',
  'a@b.vn',
  '1.500.000 đồng',
  '2024-06-10',
  '12',
  '-0',
  '0o17',
  '0x1F',
  '1e3',
  '.5',
  '.inf',
  '.NaN',
  'true',
  'False',
  'null',
  '~',
  '',
  ' ',
  'a: b',
  '- x',
  "it's",
  'say "hi"',
  '#1',
  'C#',
  'tại sao?',
  '? x',
  '%',
  '50%',
  '[x]',
  '{y}',
  '!important',
  '&amp;',
  '*',
  '|',
  '>',
  '`x`',
  '@home',
  '\\',
  'dòng 1\ndòng 2',
  'cuối\n',
  '\n\nđầu',
  '\t',
  '\r\n',
  '---',
  '...',
  '<<',
  'email',
  'so_dien_thoai',
);
const word = fc.oneof({ arbitrary: plainWord, weight: 6 }, { arbitrary: specialWord, weight: 1 });
const text = fc.array(word, { maxLength: 8 }).map((words) => words.join(' '));
const key = fc.oneof(
  fc.constantFrom('title', 'unit', 'authors', 'share', 'file', 'e-mail', '1', 'true', 'x y'),
  text,
);
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer(),
    fc.double({ noDefaultInfinity: false }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(key, tie('node'), { maxKeys: 4 }),
  ),
}));
const record = fc.dictionary(key, value.node, { minKeys: 1, maxKeys: 8 });

const style = fc.record({
  defaultStringType: fc.constantFrom(
    'PLAIN',
    'QUOTE_DOUBLE',
    'QUOTE_SINGLE',
    'BLOCK_LITERAL',
    'BLOCK_FOLDED',
  ) as fc.Arbitrary<'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED'>,
  lineWidth: fc.constantFrom(0, 20, 80),
  indent: fc.constantFrom(2, 4),
  indentSeq: fc.boolean(),
});

const written = fc
  .tuple(record, style)
  .map(([data, options]) => stringify(data, { ...options, minContentWidth: 0 }));

const mutated = fc
  .tuple(
    fc.oneof(written, fc.constant(stringify(initiativeData()))),
    fc.nat(),
    fc.nat({ max: 12 }),
    fc.oneof(
      fc.constantFrom(
        ' ',
        '  ',
        '\n',
        '\n  ',
        '- ',
        ': ',
        ':',
        '"',
        "'",
        '|',
        '>-',
        '[]',
        '{}',
        '[a, b]',
        'x',
        '0912345678',
        'e_mail: ',
        '\n---\n',
        '1',
        '.',
        '\u00a0',
      ),
      fc.string({ maxLength: 6 }),
    ),
  )
  .map(([source, at, length, insert]) => {
    const start = at % (source.length + 1);
    return source.slice(0, start) + insert + source.slice(start + length);
  });

/** Texts built line by line: indentation, empty items, block scalars and folds meet in every order. */
const structuralLine = fc.constantFrom(
  'a: 1',
  'b:',
  '  c: x',
  '  - y',
  '- z',
  '  - w: 1',
  '    v: 2',
  '    - u',
  'd: "q',
  '  r"',
  "e: 's",
  "  t'",
  'f: long',
  '  cont',
  ' cont1',
  '    cont4',
  'g: |',
  'g: |-',
  'g: >+',
  'g: |2',
  'g: >-1',
  '  blk',
  '    blk4',
  '',
  ' ',
  '   ',
  'i: []',
  '- []',
  'j: {}',
  '- - n',
  '  - - m',
  '-',
  '  -',
  '- ',
  'l: a:b',
  'o: x: y',
  ' p: 1',
  'title: Số',
  '  hóa',
  'x: -1',
  'y: 1e3',
  'z: .inf',
  'aa: 0o17',
  'bb: ~',
  '"cc": 1',
  "'dd': 2",
  'ff:  spaced',
  'gg: - x',
);
const structural = fc
  .tuple(fc.array(structuralLine, { minLength: 1, maxLength: 8 }), fc.boolean())
  .map(([lines, newline]) => lines.join('\n') + (newline ? '\n' : ''));

describe('fast YAML path', () => {
  it('gives the same result as the full parser on texts built line by line', () => {
    let fast = 0;
    fc.assert(
      fc.property(structural, (source) => {
        if (compare(source)) fast += 1;
      }),
      { numRuns: 3000 },
    );
    expect(fast).toBeGreaterThan(100);
  });

  it('gives the same result as the full parser on written values', () => {
    let fast = 0;
    fc.assert(
      fc.property(written, (source) => {
        if (compare(source)) fast += 1;
      }),
      { numRuns: 600 },
    );
    // The comparison must exercise the fast path, not only its refusals.
    expect(fast).toBeGreaterThan(100);
  });

  it('gives the same result as the full parser on mutated texts', () => {
    let fast = 0;
    fc.assert(
      fc.property(mutated, (source) => {
        if (compare(source)) fast += 1;
      }),
      { numRuns: 1500 },
    );
    expect(fast).toBeGreaterThan(100);
  });

  it('takes the fast path for the sample entries, with the same results', () => {
    const folder = join(ROOT, 'content/initiatives');
    let entries = 0;
    let fast = 0;
    for (const slug of readdirSync(folder)) {
      let entryText: string;
      try {
        entryText = readFileSync(join(folder, slug, 'index.md'), 'utf8');
      } catch {
        continue;
      }
      const lines = entryText.split('\n');
      const closing = lines.indexOf('---', 1);
      const source = lines.slice(1, closing).join('\n');
      entries += 1;
      if (compare(source)) fast += 1;
      expect(parseEntryText(entryText).data).toEqual(parseYamlFully(source, 2).data);
    }
    expect(entries).toBeGreaterThan(0);
    expect(fast).toBeGreaterThan(entries / 2);
  });

  it('leaves tags, anchors, aliases, directives, merges and prototype keys to the full parser', () => {
    for (const source of [
      'a: !!js/function "function(){ return 1 }"',
      'a: !custom x',
      'a: &x 1\nb: *x',
      '%YAML 1.2\n---\na: 1',
      'base: {a: 1}\nmerged:\n  <<: {b: 2}',
      'c: &c {a: 1}\nmerged:\n  <<: *c',
      '__proto__:\n  polluted: true',
      'constructor: 1',
      'a: 1\na: 2',
      'a: [x]',
      '? a\n: b',
      `a${' '.repeat(1100)}: 1`,
      `title: ${'dài '.repeat(300)}`,
    ]) {
      expect(parseYamlFast(source), source).toBeUndefined();
      compare(source);
    }
  });

  it('leaves a scalar continued at its list dash to the full parser (js-yaml would accept it)', () => {
    const source = "title:\n  - 'Số hóa tháng\n  6/2024 Số hóa'\n";
    expect(parseYamlFast(source)).toBeUndefined();
    expect(parseYamlFully(source, 2).data).toBeUndefined();
    compare(source);
  });

  it('reads a merge key as a plain key, as the full parser does (merges are off)', () => {
    const source = 'merged:\n  <<: x\n  b: 2';
    expect(parseYamlFast(source)?.data).toEqual({ merged: { '<<': 'x', b: 2 } });
    compare(source);
  });
});

describe('front matter split', () => {
  /** The plain definition: split into lines, the first bare "---" after the first line closes. */
  function reference(text: string) {
    const lines = text.split('\n');
    const closing = lines.findIndex(
      (line, index) => index > 0 && /^---[ \t]*$/.test(line.replace(/\r$/, '')),
    );
    if (closing === -1) return { body: '', bodyStartLine: lines.length + 1, yaml: undefined };
    return {
      body: lines.slice(closing + 1).join('\n'),
      bodyStartLine: closing + 2,
      yaml: lines.slice(1, closing).join('\n'),
    };
  }

  it('reads a file saved with CRLF exactly as the same file with LF', () => {
    const lf = '---\ntitle: Một\ncampaign: "2024"\n---\n\n## Thực trạng\n\nNội dung.\n';
    const crlf = lf.replaceAll('\n', '\r\n');
    const fromCrlf = parseEntryText(crlf);
    const fromLf = parseEntryText(lf);
    expect(fromCrlf.problems).toEqual([]);
    expect(fromCrlf.data).toEqual({ title: 'Một', campaign: '2024' });
    expect(fromCrlf.data).toEqual(fromLf.data);
    expect(fromCrlf.body).toBe(fromLf.body);
    expect(fromCrlf.lineOf(['campaign'])).toBe(3);
  });

  it('finds the same front matter and body as a line split', () => {
    const piece = fc.constantFrom(
      '---',
      '--- ',
      '---\r',
      '----',
      'title: a',
      '',
      'b',
      '\r',
      ' ---',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (rest) => {
        const text = ['---', ...rest].join('\n');
        const parsed = parseEntryText(text);
        // Windows line endings read as line feeds; the split is then the plain line split.
        const expected = reference(withLineFeeds(text));
        expect(parsed.body).toBe(expected.body);
        expect(parsed.bodyStartLine).toBe(expected.bodyStartLine);
        if (expected.yaml !== undefined) {
          expect(parsed.source).toBe(expected.yaml);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
