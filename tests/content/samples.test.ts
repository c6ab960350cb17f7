/**
 * The sample corpus is what the site, the CMS previews and the documents are
 * shown with, so it must stay coherent: every file parses with the content
 * model, every reference resolves, and the committee's figures add up.
 * The full rule set lives in the validator; this test guards the samples themselves.
 */

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { describe, expect, it } from 'vitest';
import { gradeForScore, totalScore, votesNeeded } from '../../src/core/committee.ts';
import { slugify } from '../../src/core/slug.ts';
import { type CollectionRow, collections, contentPaths } from '../../src/model/collections.ts';
import { readRecords } from '../../src/model/files.ts';
import {
  type Adoption,
  adoptionSchema,
  applicationFieldIds,
  attachmentTypeOf,
  bodySections,
  type Campaign,
  campaignSchema,
  type Decision,
  decisionSchema,
  type Initiative,
  initiativeSchema,
  reformAreaIds,
  scopeLevelSchema,
  unitSchema,
} from '../../src/schemas/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const at = (path: string) => join(root, path);

/** The slug of the richest sample entry, which fills every optional field. */
const KITCHEN_SINK = 'mau-day-du-kiosk-tra-cuu-ho-so-tai-bo-phan-mot-cua-huyen';
const MAX_SAMPLE_ATTACHMENT_BYTES = 200 * 1024;

interface Entry {
  slug: string;
  data: Initiative;
  raw: Record<string, unknown>;
  body: string;
}

/** Every file through the project's one reader, as the validator and the site read it. */
function records(row: CollectionRow) {
  return readRecords(root, row).map((record) => {
    expect(record.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    return record;
  });
}

function loadUnits() {
  return records(collections.units).map((record) => unitSchema.parse(record.raw));
}

function loadScopeLevels() {
  return records(collections.scopeLevels).map((record) => scopeLevelSchema.parse(record.raw));
}

function loadCampaigns(): Map<string, Campaign> {
  return new Map(
    records(collections.campaigns).map((record) => [record.id, campaignSchema.parse(record.raw)]),
  );
}

function loadInitiatives(): Entry[] {
  return records(collections.initiatives).map((record) => {
    const result = initiativeSchema.safeParse(record.raw);
    if (!result.success) {
      throw new Error(`${record.id}: ${JSON.stringify(result.error.issues, null, 2)}`);
    }
    return {
      slug: record.id,
      data: result.data,
      raw: record.raw as Record<string, unknown>,
      body: record.body,
    };
  });
}

function loadYamlDir<T>(row: CollectionRow, schema: { parse(value: unknown): T }) {
  return records(row).map((record) => ({ id: record.id, data: schema.parse(record.raw) }));
}

const units = loadUnits();
const unitIds = new Set(units.map((unit) => unit.id));
const scopeIds = new Set(loadScopeLevels().map((level) => level.id));
const campaigns = loadCampaigns();
const initiatives = loadInitiatives();
const bySlug = new Map(initiatives.map((entry) => [entry.slug, entry]));
const decisions: { id: string; data: Decision }[] = loadYamlDir(
  collections.decisions,
  decisionSchema,
);
const adoptions: { id: string; data: Adoption }[] = loadYamlDir(
  collections.adoptions,
  adoptionSchema,
);

type MdNode = {
  type: string;
  url?: string;
  depth?: number;
  value?: string;
  children?: MdNode[];
};

function textOf(node: MdNode): string {
  return node.value ?? (node.children ?? []).map(textOf).join('');
}
function walk(node: MdNode, visit: (node: MdNode) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

describe('sample initiatives', () => {
  it('has at least 14 entries, all marked as sample', () => {
    expect(initiatives.length).toBeGreaterThanOrEqual(14);
    for (const entry of initiatives) expect(entry.data.sample, entry.slug).toBe(true);
  });

  it('together cover all six reform areas and all four fields', () => {
    const areas = new Set(initiatives.flatMap((entry) => entry.data.areas));
    const fields = new Set(initiatives.flatMap((entry) => entry.data.fields));
    expect([...areas].sort()).toEqual([...reformAreaIds].sort());
    expect([...fields].sort()).toEqual([...applicationFieldIds].sort());
  });

  it('name each folder after the title, except the kitchen-sink entry', () => {
    for (const entry of initiatives) {
      if (entry.slug === KITCHEN_SINK) continue;
      expect(entry.slug).toBe(slugify(entry.data.title));
    }
  });

  it('resolve campaign, units and adapted-from references', () => {
    for (const { slug, data } of initiatives) {
      expect(campaigns.has(data.campaign), `${slug}: campaign`).toBe(true);
      expect(unitIds.has(data.unit), `${slug}: unit ${data.unit}`).toBe(true);
      for (const person of [...data.authors, ...data.trialParticipants]) {
        expect(unitIds.has(person.unit), `${slug}: ${person.name} → ${person.unit}`).toBe(true);
      }
      for (const other of data.adaptedFrom) {
        expect(bySlug.has(other), `${slug}: adaptedFrom ${other}`).toBe(true);
        expect(other).not.toBe(slug);
      }
    }
  });

  it('were submitted within the campaign window and applied before submission', () => {
    for (const { slug, data } of initiatives) {
      const campaign = campaigns.get(data.campaign);
      if (!campaign) throw new Error(`${slug}: no campaign`);
      expect(data.submitted >= campaign.opensOn, `${slug}: submitted`).toBe(true);
      expect(data.submitted <= campaign.deadline, `${slug}: submitted`).toBe(true);
      expect(data.firstApplied < data.submitted, `${slug}: firstApplied`).toBe(true);
    }
  });

  it('one entry is submitted on the last valid day', () => {
    const deadlines = new Set([...campaigns.values()].map((campaign) => campaign.deadline));
    expect(initiatives.some((entry) => deadlines.has(entry.data.submitted))).toBe(true);
  });

  it('group authors have shares summing to 100 and each entry has 1–3 indicators or more', () => {
    expect(initiatives.some((entry) => entry.data.authors.length === 1)).toBe(true);
    expect(initiatives.some((entry) => entry.data.authors.length > 2)).toBe(true);
    for (const { slug, data } of initiatives) {
      if (data.authors.length > 1) {
        const total = data.authors.reduce((sum, author) => sum + (author.share ?? 0), 0);
        expect(total, slug).toBeCloseTo(100, 5);
      }
      expect(data.indicators.length, slug).toBeGreaterThanOrEqual(1);
    }
  });

  it('bodies hold exactly the five sections in order, each with two blocks or more, in plain Markdown', () => {
    const headings = bodySections.map((section) => section.heading);
    for (const { slug, data, body } of initiatives) {
      const tree = fromMarkdown(body) as MdNode;
      const sections: { heading: string; blocks: number }[] = [];
      for (const node of tree.children ?? []) {
        expect(node.type === 'heading' && node.depth === 1, `${slug}: level-1 heading`).toBe(false);
        if (node.type === 'heading' && node.depth === 2) {
          sections.push({ heading: textOf(node).trim(), blocks: 0 });
        } else {
          const last = sections.at(-1);
          expect(last, `${slug}: text before the first section`).toBeDefined();
          if (last) last.blocks += 1;
        }
      }
      expect(
        sections.map((section) => section.heading),
        slug,
      ).toEqual(headings);
      for (const section of sections) {
        expect(section.blocks, `${slug}: ${section.heading}`).toBeGreaterThanOrEqual(2);
      }
      const declared = new Set(data.attachments.map((attachment) => attachment.file));
      walk(tree, (node) => {
        expect(node.type, `${slug}: raw HTML`).not.toBe('html');
        if (node.type === 'link') expect(node.url, slug).toMatch(/^https:\/\//);
        if (node.type === 'image')
          expect(declared.has(node.url ?? ''), `${slug}: ${node.url}`).toBe(true);
      });
    }
  });

  it('attachments exist beside the entry, match their type and stay small', () => {
    const withAttachments = initiatives.filter((entry) => entry.data.attachments.length > 0);
    expect(withAttachments.length).toBeGreaterThanOrEqual(4);
    for (const { slug, data } of initiatives) {
      for (const { file } of data.attachments) {
        const path = at(join(contentPaths.initiatives, slug, file));
        expect(existsSync(path), `${slug}/${file} missing`).toBe(true);
        expect(statSync(path).size, `${slug}/${file}`).toBeLessThanOrEqual(
          MAX_SAMPLE_ATTACHMENT_BYTES,
        );
        const head = readFileSync(path).subarray(0, 4);
        const type = attachmentTypeOf(file);
        const magic = { image: [0x89, 0xff], pdf: [0x25], office: [0x50] }[type ?? 'image'];
        expect(magic, `${slug}/${file}`).toContain(head[0]);
      }
      const onDisk = readdirSync(at(join(contentPaths.initiatives, slug))).filter(
        (name) => name !== 'index.md',
      );
      const declared = data.attachments.map((attachment) => attachment.file);
      expect(onDisk.sort(), `${slug}: undeclared files`).toEqual(declared.sort());
    }
    expect(initiatives.some((entry) => entry.data.videos.length > 0)).toBe(true);
  });

  it('the kitchen-sink entry fills every field of the schema', () => {
    const entry = bySlug.get(KITCHEN_SINK);
    if (!entry) throw new Error(`missing ${KITCHEN_SINK}`);
    for (const key of Object.keys(initiativeSchema.shape)) {
      const value = entry.raw[key];
      expect(value, key).toBeDefined();
      if (Array.isArray(value)) expect(value.length, key).toBeGreaterThan(0);
    }
    const types = new Set(entry.data.attachments.map((a) => attachmentTypeOf(a.file)));
    expect([...types].sort()).toEqual(['image', 'office', 'pdf']);
    expect(entry.data.indicators.some((i) => i.kind === 'other' && i.label && i.unit)).toBe(true);
    expect(entry.data.authors.every((author) => author.share !== undefined)).toBe(true);
  });
});

describe('sample decision', () => {
  it('exists for each campaign with results', () => {
    expect(decisions.length).toBeGreaterThanOrEqual(1);
  });

  for (const { id, data } of decisions) {
    const campaign = campaigns.get(data.campaign);

    it(`${id}: refers to known campaign, members, entries and scopes`, () => {
      if (!campaign) throw new Error(`unknown campaign ${data.campaign}`);
      expect(data.sample).toBe(true);
      expect(campaign.reviewOn && data.meetingOn >= campaign.reviewOn).toBe(true);
      expect(data.document.date >= data.meetingOn).toBe(true);
      const memberIds = new Set(data.members.map((member) => member.id));
      expect(memberIds.size).toBe(data.members.length);
      for (const result of data.results) {
        expect(bySlug.get(result.initiative)?.data.campaign, result.initiative).toBe(data.campaign);
        for (const member of result.recused) expect(memberIds.has(member)).toBe(true);
        if (result.scope) expect(scopeIds.has(result.scope), result.scope).toBe(true);
      }
      expect(new Set(data.results.map((r) => r.initiative)).size).toBe(data.results.length);
    });

    it(`${id}: members who wrote an entry are recused from it`, () => {
      let recusals = 0;
      for (const result of data.results) {
        const authors = new Set(
          bySlug.get(result.initiative)?.data.authors.map((author) => author.name) ?? [],
        );
        for (const member of data.members) {
          if (authors.has(member.name)) {
            expect(result.recused, `${member.id} on ${result.initiative}`).toContain(member.id);
            recusals += 1;
          }
        }
      }
      expect(recusals).toBeGreaterThanOrEqual(1);
    });

    it(`${id}: scores, votes, grades and recognition agree with the rubric`, () => {
      if (!campaign) throw new Error(`unknown campaign ${data.campaign}`);
      const { rubric } = campaign;
      let notRecognised = 0;
      for (const result of data.results) {
        const label = result.initiative;
        expect(Object.keys(result.scores).sort(), label).toEqual(
          rubric.criteria.map((criterion) => criterion.id).sort(),
        );
        for (const criterion of rubric.criteria) {
          expect(result.scores[criterion.id], label).toBeLessThanOrEqual(criterion.max);
        }
        const total = totalScore(result.scores);
        const voting = data.members.length - result.recused.length;
        expect(result.votesFor + result.votesAgainst, label).toBe(voting);
        const majority = result.votesFor >= votesNeeded(voting);
        const recognised = majority && total >= rubric.passScore;
        expect(result.recognised, label).toBe(recognised);
        const expectedGrade = recognised ? gradeForScore(rubric.grades, total)?.id : undefined;
        expect(result.grade, label).toBe(expectedGrade);
        if (!result.recognised) {
          notRecognised += 1;
          expect(result.replicate, label).toBe(false);
        }
      }
      expect(notRecognised).toBeGreaterThanOrEqual(1);
      expect(data.results.some((result) => result.replicate)).toBe(true);
    });
  }
});

describe('sample adoptions', () => {
  it('there are at least two, each of a recognised initiative by another unit', () => {
    expect(adoptions.length).toBeGreaterThanOrEqual(2);
    const recognised = new Set(
      decisions.flatMap(({ data }) =>
        data.results.filter((result) => result.recognised).map((result) => result.initiative),
      ),
    );
    for (const { id, data } of adoptions) {
      expect(data.sample, id).toBe(true);
      expect(recognised.has(data.initiative), `${id}: ${data.initiative}`).toBe(true);
      expect(unitIds.has(data.unit), `${id}: ${data.unit}`).toBe(true);
      expect(bySlug.get(data.initiative)?.data.unit, id).not.toBe(data.unit);
      expect(data.indicators.length, id).toBeGreaterThan(0);
      expect(data.document, id).toBeDefined();
    }
  });
});

describe('no personal data in sample content', () => {
  const files: string[] = [];
  const collect = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) collect(path);
      else if (/\.(md|ya?ml)$/.test(name)) files.push(path);
    }
  };
  collect(at(contentPaths.root));

  it.each(files.map((file) => [file.slice(root.length), file]))('%s', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    expect(source).toBe(source.normalize('NFC'));
    // An organiser's switchboard and mailbox are its letterhead's, public by design.
    const text = file.startsWith(at(contentPaths.organisers))
      ? source.replace(/^ {2}(?:phone|email): .*$/gm, '')
      : source;
    // Phone numbers (0xx xxx xxxx, +84…), e-mail addresses and 9/12-digit identity numbers.
    expect(text).not.toMatch(/(?:\+84|\b0)\d{2}[ .]?\d{3}[ .]?\d{3,4}\b/);
    expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    expect(text).not.toMatch(/\b\d{9}(?:\d{3})?\b/);
  });
});
