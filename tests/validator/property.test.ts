/**
 * Random and mutated entries never crash the validator and never run
 * anything: whatever the bytes, the result is a list of problems.
 */
import { existsSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEntryFile } from '../../src/model/files.ts';
import { checkInitiativeFile } from '../../src/validator/check-file.ts';
import { validate } from '../../src/validator/index.ts';
import { entryText, type Fixture, initiativeData, makeFixture } from '../support/fixtures.ts';

let fixture: Fixture;
let marker: string;
const PATH = 'content/initiatives/ngau-nhien/index.md';

beforeAll(() => {
  fixture = makeFixture({ initiatives: 1 });
  marker = fixture.path('da-chay.txt');
  fixture.write(PATH, '');
});
afterAll(() => fixture.cleanup());

const writeMarker = () =>
  `require('fs').writeFileSync(${JSON.stringify(marker ?? '/dev/null')}, 'x')`;

const hostile = () =>
  fc.constantFrom(
    `---js\n${writeMarker()}; module.exports = {}\n---\n`,
    `---javascript\n({ title: (${writeMarker()}, 'x') })\n---\n`,
    `--- js\n${writeMarker()}\n---\n`,
    `---coffee\n${writeMarker()}\n---\n`,
    '+++\ntitle = "x"\n+++\n',
    '---\n__proto__: { polluted: true }\nconstructor: { prototype: { polluted: true } }\n---\n',
    '---\na: !!js/function "function(){ return 1 }"\nb: !!python/object:os.system ["touch x"]\n---\n',
    '---\na: &a [x, x, x, x, x, x, x, x]\nb: [*a, *a, *a, *a, *a, *a, *a, *a]\n---\n',
    '<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n',
    '[x](javascript:alert(1)) ![y](data:image/svg+xml;base64,PHN2Zz4=) <vbscript:x> [z](../../../etc/passwd)\n',
    '```\n---\n```\n{::nomarkdown}<b>x</b>{:/}\n{% raw %}{{ 7*7 }}{% endraw %}\nimport x from "y"\nexport const a = 1\n<Component />\n',
    '\u202e\u2066\u200b\ufeff\u00ad\u0000\u0007\ud800\udfff\u0301\u0301\u0301',
    '\n'.repeat(2000),
    '#'.repeat(5000),
  );

/** Mutations of a valid entry: insert, delete or replace a slice at a random place. */
const mutated = () =>
  fc
    .tuple(
      fc.nat(),
      fc.nat({ max: 50 }),
      fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), hostile()),
    )
    .map(([at, length, insert]) => {
      const valid = entryText(initiativeData());
      const start = at % (valid.length + 1);
      return valid.slice(0, start) + insert + valid.slice(start + length);
    });

const anyEntry = () =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength: 400 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }).map((text) => `---\n${text}\n---\n${text}`),
    fc.jsonValue().map((value) => `---\n${JSON.stringify(value)}\n---\n`),
    fc
      .dictionary(
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'title', 'authors', 'toString'),
        fc.jsonValue(),
      )
      .map((value) => entryText(value as Record<string, unknown>)),
    hostile(),
    mutated(),
  );

function wellFormed(problems: unknown[]): boolean {
  return problems.every((problem) => {
    const p = problem as Record<string, unknown>;
    return (
      typeof p.code === 'string' &&
      (p.severity === 'error' || p.severity === 'warning') &&
      typeof p.message === 'string' &&
      (p.line === undefined || (Number.isInteger(p.line) && (p.line as number) >= 1))
    );
  });
}

describe('property: the validator survives any entry', () => {
  it('never throws, never runs code, never pollutes prototypes', () => {
    fc.assert(
      fc.property(anyEntry(), (text) => {
        writeFileSync(fixture.path(PATH), text);
        const entry = readEntryFile(fixture.path(PATH));
        expect(wellFormed(entry.problems)).toBe(true);
        const { report } = checkInitiativeFile(fixture.root, PATH, false);
        expect(wellFormed(report.problems)).toBe(true);
        expect(report.ok).toBe(report.problems.every((problem) => problem.severity !== 'error'));
        expect(existsSync(marker)).toBe(false);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });

  it('a hostile entry is an error, never a pass', () => {
    fc.assert(
      fc.property(hostile(), (text) => {
        writeFileSync(fixture.path(PATH), text);
        expect(checkInitiativeFile(fixture.root, PATH, false).report.ok).toBe(false);
      }),
    );
  });

  it('the whole pipeline (cross-file rules included) returns a report for random entries', async () => {
    await fc.assert(
      fc.asyncProperty(anyEntry(), async (text) => {
        writeFileSync(fixture.path(PATH), text);
        const report = await validate({ root: fixture.root });
        expect(report.files.map((file) => file.path)).toContain(PATH);
        expect(report.files.every((file) => wellFormed(file.problems))).toBe(true);
        expect(existsSync(marker)).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
