/**
 * Same rules at every gate: over 2,000 generated entries — valid ones, each kind of invalid
 * one, hostile ones and YAML typing edge cases — the command-line validator, the site
 * build's loader and the rules bundled in the admin give the same verdict for every file,
 * and every value the loader hands to the pages is one the schema accepts as read (dates
 * stay strings, nothing retyped).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEntryText } from '../../src/admin/entry-checks.ts';
import { loadRecords } from '../../src/loaders/content.ts';
import { collections, pathOf } from '../../src/model/collections.ts';
import { campaignSchema, unitSchema } from '../../src/schemas/index.ts';
import type { EntryContext } from '../../src/validator/entry-rules.ts';
import type { ValidationReport } from '../../src/validator/types.ts';
import {
  bodyOf,
  CAMPAIGN_ID,
  campaignData,
  entryText,
  type Fixture,
  initiativeData,
  makeFixture,
  sectionBodies,
  units,
} from '../support/fixtures.ts';

const ENTRIES = 2_100;
const CLI = join(import.meta.dirname, '../../scripts/validate.ts');

/** One generated entry: its file's text and what the generator meant it to be. */
interface Case {
  kind: string;
  text: string;
}

const valid = fc
  .record({
    shares: fc.constantFrom(undefined, [50, 50], [70, 30], [33.5, 66.5]),
    indicator: fc.boolean(),
  })
  .map(({ shares, indicator }) => {
    const authors = (shares ?? [undefined]).map((share, index) => ({
      name: ['Nguyễn Thị Lan', 'Trần Văn Bình'][index],
      position: 'Công chức',
      unit: 'xa-duc-phu',
      ...(share === undefined ? {} : { share }),
    }));
    return {
      kind: 'valid',
      text: entryText(
        initiativeData({
          authors,
          ...(indicator
            ? {
                indicators: [
                  {
                    kind: 'late-dossier-rate',
                    // Written unquoted by the YAML writer: js-yaml would read a Date.
                    before: { value: 12.5, period: '2024-05-31' },
                    after: { value: 3.1, period: '2024-12-31' },
                    source: 'Hệ thống một cửa điện tử của xã',
                  },
                ],
              }
            : {}),
        }),
      ),
    };
  });

/** Each way a well-meaning submitter gets an entry wrong. */
const invalid = fc
  .constantFrom(
    () => initiativeData({ title: undefined }),
    () => initiativeData({ title: 42 }),
    () => initiativeData({ areas: [] }),
    () => initiativeData({ areas: ['khong-co'] }),
    () => initiativeData({ unit: 'xa-khong-co' }),
    () => initiativeData({ campaign: 'dot-khong-co' }),
    () => initiativeData({ submitted: '2024-09-05' }),
    () => initiativeData({ submitted: '05/09/2024' }),
    () =>
      initiativeData({
        authors: [
          { name: 'Nguyễn Thị Lan', position: 'Công chức', unit: 'xa-duc-phu', share: 60 },
          { name: 'Trần Văn Bình', position: 'Công chức', unit: 'xa-duc-phu', share: 30 },
        ],
      }),
    () => initiativeData({ extra: 'trường lạ' }),
  )
  .chain((make) =>
    fc.constantFrom(
      { kind: 'invalid', text: entryText(make()) },
      {
        kind: 'invalid-body',
        text: entryText(
          initiativeData(),
          bodyOf(Object.fromEntries(Object.keys(sectionBodies).map((heading) => [heading, '']))),
        ),
      },
    ),
  );

/** YAML that two YAML libraries type differently, line endings and byte-order marks. */
const typing = fc
  .constantFrom(
    'period: 2024-05-31',
    'firstApplied: 2024-03-01',
    'submitted: 2024-08-20',
    'title: 0b101',
    'title: 1e3',
    'title: yes',
    'title: ~',
    'title: 0o17',
    'title: .inf',
    'summary: 2024-05-31T10:00:00Z',
  )
  .chain((line) =>
    fc.record({
      line: fc.constant(line),
      crlf: fc.boolean(),
      bom: fc.boolean(),
    }),
  )
  .map(({ line, crlf, bom }) => {
    const [key] = line.split(':') as [string];
    const base = entryText(initiativeData()).split('\n');
    const at = base.findIndex((text) => text.startsWith(`${key}:`));
    if (at >= 0) base[at] = line;
    else base.splice(1, 0, `  ${line}`.trimStart());
    let text = base.join('\n');
    if (crlf) text = text.replaceAll('\n', '\r\n');
    if (bom) text = `\ufeff${text}`;
    return { kind: 'typing', text };
  });

const hostile = fc
  .constantFrom(
    '---js\nmodule.exports = { title: "x" }\n---\n',
    '+++\ntitle = "x"\n+++\n',
    '---\n__proto__: { polluted: true }\n---\n',
    '---\na: !!js/function "function(){ return 1 }"\n---\n',
    '---\na: &a [x, x, x, x, x, x, x, x]\nb: [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b]\n---\n',
    '<script>alert(1)</script>\n',
    '[bấm][r]\n\n[r]: javascript:alert(1)\n',
    '\u202e\u2066\u200b',
    '',
  )
  .map((insert) => {
    const valid = entryText(initiativeData());
    return {
      kind: 'hostile',
      text: insert.startsWith('---') || insert.startsWith('+++') ? insert : valid + insert,
    };
  });

const anyCase = fc.oneof(
  { arbitrary: valid, weight: 3 },
  { arbitrary: invalid, weight: 3 },
  { arbitrary: typing, weight: 2 },
  { arbitrary: hostile, weight: 2 },
);

function hasDate(value: unknown): boolean {
  if (value instanceof Date) return true;
  if (Array.isArray(value)) return value.some(hasDate);
  if (value && typeof value === 'object') return Object.values(value).some(hasDate);
  return false;
}

let fixture: Fixture;
let cases: Map<string, Case>;
let cli: ValidationReport;

beforeAll(() => {
  fixture = makeFixture({ initiatives: 0 });
  cases = new Map();
  const generated = fc.sample(anyCase, { numRuns: ENTRIES, seed: 20261130 });
  generated.forEach((item, index) => {
    const id = `muc-${String(index).padStart(5, '0')}`;
    const path = pathOf(collections.initiatives, id);
    fixture.write(path, item.text);
    cases.set(path, item);
  });
  // Exit code 1 (content errors) is expected: the report is on standard output.
  let output: string;
  try {
    output = execFileSync(
      process.execPath,
      [CLI, '--root', fixture.root, '--format', 'json', '--no-cache'],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? '');
  }
  cli = JSON.parse(output) as ValidationReport;
}, 300_000);

afterAll(() => fixture?.cleanup());

describe('the validator and the site loader over generated entries', () => {
  it('generates every kind of entry, valid and invalid', () => {
    const kinds = new Set([...cases.values()].map((item) => item.kind));
    expect([...kinds].sort()).toEqual(['hostile', 'invalid', 'invalid-body', 'typing', 'valid']);
    const verdicts = cli.files.filter((file) => cases.has(file.path));
    expect(verdicts.length).toBe(cases.size);
    expect(verdicts.some((file) => file.ok)).toBe(true);
    expect(verdicts.some((file) => !file.ok)).toBe(true);
    // Every invalid kind is refused; every valid one accepted.
    for (const file of verdicts) {
      const kind = cases.get(file.path)?.kind;
      if (kind === 'valid')
        expect(
          file,
          JSON.stringify(file.problems.filter((p) => p.severity === 'error')),
        ).toMatchObject({ ok: true });
      if (kind === 'invalid' || kind === 'invalid-body')
        expect(file, file.path).toMatchObject({ ok: false });
    }
  });

  it('the loader shows exactly the files the command line accepts, with values the schema takes as read', async () => {
    const left: string[] = [];
    const records = await loadRecords(fixture.root, collections.initiatives, {
      dev: true,
      fresh: true,
      log: (message) => left.push(message),
    });
    const shown = new Set(records.map((record) => record.path));
    const accepted = new Set(cli.files.filter((file) => file.ok).map((file) => file.path));
    const acceptedEntries = new Set([...accepted].filter((path) => cases.has(path)));
    expect([...shown].sort()).toEqual([...acceptedEntries].sort());
    expect(left.join('\n')).toMatch(/Bỏ qua \d+ tệp chưa hợp lệ/);
    for (const record of records) {
      const parsed = collections.initiatives.schema.safeParse(record.raw);
      expect(parsed.success, record.path).toBe(true);
      // Dates are text in the model: no reader turned them into Date objects.
      expect(hasDate(record.raw), record.path).toBe(false);
      const raw = record.raw as Record<string, unknown>;
      expect(parsed.data?.firstApplied).toBe(raw.firstApplied);
      expect(parsed.data?.title).toBe(raw.title);
    }
  });

  it('the rules bundled in the admin give each file the verdict of the command line', () => {
    // What the admin is bundled with: the campaigns and units of the repository. The entries
    // are already in the repository (as in a full validator run), not new submissions.
    const context: EntryContext = {
      campaigns: new Map([[CAMPAIGN_ID, campaignSchema.parse(campaignData())]]),
      campaignIds: new Set([CAMPAIGN_ID]),
      units: new Map(units.map((unit) => [unit.id, unitSchema.parse(unit)])),
      today: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()),
      isNew: false,
    };
    const byPath = new Map(cli.files.map((file) => [file.path, file]));
    const disagreements: string[] = [];
    for (const [path, item] of cases) {
      const admin = checkEntryText(item.text, path, context);
      const adminOk = admin.every((problem) => problem.severity !== 'error');
      const cliFile = byPath.get(path);
      if (adminOk !== cliFile?.ok) {
        disagreements.push(
          `${path} (${item.kind}): admin ${adminOk ? 'nhận' : 'từ chối'}, CLI ${cliFile?.ok ? 'nhận' : 'từ chối'}`,
        );
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('a build refuses the same tree as a whole', async () => {
    await expect(
      loadRecords(fixture.root, collections.initiatives, { fresh: true }),
    ).rejects.toThrow(/Nội dung chưa hợp lệ/);
  });
});
