/**
 * The rules the admin runs (entry-rules.ts) are the validator's own: the same problems for
 * the same entry, with or without the disk, and nothing in their import graph that a
 * browser cannot load.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Problem } from '../../src/model/problems.ts';
import { campaignSchema, type Unit } from '../../src/schemas/index.ts';
import { checkInitiativeFile } from '../../src/validator/check-file.ts';
import { checkInitiativeText, type EntryContext } from '../../src/validator/entry-rules.ts';
import { labelProblems } from '../../src/validator/field-labels.ts';
import { validate } from '../../src/validator/index.ts';
import {
  CAMPAIGN_ID,
  campaignData,
  entryText,
  type Fixture,
  initiativeData,
  makeFixture,
  units,
} from '../support/fixtures.ts';

const project = resolve(import.meta.dirname, '../..');

/** Modules a module loads at run time (type-only imports and exports are erased). */
function runtimeImports(file: string): { relative: string[]; packages: string[] } {
  const source = readFileSync(file, 'utf8');
  const relative: string[] = [];
  const packages: string[] = [];
  const statements = source.matchAll(
    /^(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gms,
  );
  for (const [, typeOnly, specifier] of statements) {
    if (typeOnly || !specifier) continue;
    if (specifier.startsWith('.')) relative.push(resolve(dirname(file), specifier));
    else packages.push(specifier);
  }
  // Modules loaded on demand (`await import('./…')`) run in the browser too.
  for (const [, specifier] of source.matchAll(
    /(?<!type[^;\n]*)\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    if (!specifier) continue;
    if (specifier.startsWith('.')) relative.push(resolve(dirname(file), specifier));
    else packages.push(specifier);
  }
  return { relative, packages };
}

function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    const found = runtimeImports(file);
    for (const name of found.packages) packages.add(name);
    pending.push(...found.relative);
  }
  return { files, packages };
}

const builtins = new Set(builtinModules);
const nodeOnly = (name: string) =>
  name.startsWith('node:') || builtins.has(name.split('/')[0] ?? name);

describe('entry-rules.ts is browser-safe', () => {
  for (const module of [
    'src/validator/entry-rules.ts',
    'src/admin/entry-checks.ts',
    'src/admin/gated-backend.ts',
    'src/admin/checks-widget.ts',
  ]) {
    it(`${module}: no Node built-in in its run-time import graph`, () => {
      const graph = importGraph(join(project, module));
      const files = [...graph.files].map((file) => file.slice(project.length + 1));
      // The walk reaches the rules and the reader, so it would see what they import.
      expect(files).toEqual(
        expect.arrayContaining(['src/validator/markdown.ts', 'src/model/read.ts']),
      );
      expect(files).not.toContain('src/model/files.ts');
      expect([...graph.packages].filter(nodeOnly)).toEqual([]);
    });
  }
});

let fixture: Fixture | undefined;
afterEach(() => fixture?.cleanup());

const withoutDiskRules = (problems: Problem[]) =>
  problems.filter(
    (problem) =>
      !problem.code.startsWith('attachments.') && !problem.code.startsWith('duplicates.'),
  );

describe('the same rules on text and on files', () => {
  const samples = readdirSync(join(project, 'content/initiatives'));
  it.each(samples)('sample %s: text rules = file rules less the attachments', (slug) => {
    const path = `content/initiatives/${slug}/index.md`;
    const onDisk = checkInitiativeFile(project, path, false);
    const onText = checkInitiativeText(readFileSync(join(project, path), 'utf8'), path);
    expect(onText.problems).toEqual(withoutDiskRules(onDisk.report.problems));
    expect({ ...onText.facts }).toEqual({ ...onDisk.facts, titleTokens: undefined });
  });

  const context = (isNew = false): EntryContext => ({
    units: new Map(units.map((unit) => [unit.id, unit as Unit])),
    campaignIds: new Set([CAMPAIGN_ID]),
    campaigns: new Map([[CAMPAIGN_ID, campaignSchema.parse(campaignData())]]),
    today: '2024-08-25',
    isNew,
  });

  it.each([
    ['shares 60 + 30', { authors: shares(60, 30) }, ['schema.invalid']],
    ['shares 60 + 40', { authors: shares(60, 40) }, []],
    ['submitted after the deadline', { submitted: '2024-09-05' }, ['deadline.too-late']],
    ['submitted before the campaign opened', { submitted: '2024-05-31' }, ['deadline.too-early']],
    ['an unknown campaign', { campaign: '2030-khong-co' }, ['references.campaign']],
    ['an unknown unit', { unit: 'xa-khong-co' }, ['references.unit']],
  ])('%s: the validator and the admin find the same errors', async (_name, overrides, codes) => {
    fixture = makeFixture();
    const path = fixture.initiative('mot-sang-kien', initiativeData(overrides));
    const report = await validate({ root: fixture.root, today: '2024-08-25' });
    const fromValidator = report.files.find((file) => file.path === path)?.problems ?? [];
    const text = readFileSync(fixture.path(path), 'utf8');
    const fromAdmin = {
      path,
      ok: false,
      problems: checkInitiativeText(text, path, context()).problems,
    };
    labelProblems(fromAdmin);
    const errors = (problems: Problem[]) =>
      problems.filter((problem) => problem.severity === 'error');
    expect(errors(fromAdmin.problems).map((problem) => problem.code)).toEqual(codes);
    expect(sorted(errors(fromAdmin.problems))).toEqual(sorted(errors(fromValidator)));
  });

  it('the shares rule speaks Vietnamese and names the field', () => {
    const path = 'content/initiatives/mot-sang-kien/index.md';
    const text = entryText(initiativeData({ authors: shares(60, 30) }));
    const report = { path, ok: false, problems: checkInitiativeText(text, path).problems };
    labelProblems(report);
    expect(report.problems).toEqual([
      expect.objectContaining({
        code: 'schema.invalid',
        field: 'authors',
        message: 'Tác giả: Tổng tỷ lệ đóng góp là 90%, phải bằng 100%.',
      }),
    ]);
  });

  it('a new entry for a campaign past its deadline is refused; an edit of a published one is not', () => {
    const path = 'content/initiatives/mot-sang-kien/index.md';
    const text = entryText(initiativeData());
    const codes = (isNew: boolean) =>
      checkInitiativeText(text, path, { ...context(isNew), today: '2024-10-01' }).problems.map(
        (problem) => problem.code,
      );
    expect(codes(true)).toEqual(['deadline.closed']);
    expect(codes(false)).toEqual([]);
  });

  it('five empty section headings are errors, as the admin starts a body', () => {
    const path = 'content/initiatives/mot-sang-kien/index.md';
    const headings = [
      'Thực trạng và vấn đề cần giải quyết',
      'Nội dung giải pháp',
      'Tính mới, tính sáng tạo',
      'Hiệu quả đạt được',
      'Khả năng áp dụng, nhân rộng',
    ];
    const body = headings.map((heading) => `## ${heading}\n\n`).join('');
    const problems = checkInitiativeText(entryText(initiativeData(), body), path).problems;
    expect(problems.map((problem) => problem.code)).toEqual(headings.map(() => 'sections.empty'));
  });
});

function shares(...values: number[]) {
  return values.map((share, index) => ({
    name: ['Nguyễn Thị Lan', 'Trần Văn Đức', 'Lê Minh Tâm'][index],
    position: 'Công chức',
    unit: 'xa-duc-phu',
    share,
  }));
}

function sorted(problems: Problem[]) {
  return problems
    .map(
      (problem) =>
        `${problem.code}|${problem.field ?? ''}|${problem.line ?? ''}|${problem.message}`,
    )
    .sort();
}
