/**
 * Names, not ids, wherever the admin shows a reference: the lists of decisions and adoptions
 * and the editorial board (Decap's summary templates, compiled by Decap's own code), and the
 * summary line of a collapsed list item (an indicator's kind, an adoption's unit).
 */
import { readdirSync, readFileSync } from 'node:fs';
// Decap's own template code, as its lists and board compile summaries (the ES build: the other needs a window).
import * as stringTemplate from 'decap-cms-lib-widgets/dist/esm/stringTemplate.js';
import { fromJS } from 'immutable';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { type CmsField, cmsConfig } from '../../src/admin/config.ts';
import { quietYamlFormat } from '../../src/admin/formats.ts';
import { SHOWN_NAMES, shownItem, withShownNames } from '../../src/admin/shown-names.ts';
import {
  loadSiteNames,
  readInitiativeNames,
  resetSiteNames,
  siteNamesKnown,
  withSiteNames,
} from '../../src/admin/site-names.ts';
import { collections, pathOf } from '../../src/model/collections.ts';
import { readEntryFile } from '../../src/model/files.ts';
import { indicatorKinds } from '../../src/schemas/index.ts';

const units = parse(readFileSync('content/units.yaml', 'utf8')) as { id: string; name: string }[];
const unitName = (id: string) => units.find((unit) => unit.id === id)?.name;

function collection(name: string) {
  return cmsConfig.collections.find((each) => each.name === name) as {
    summary: string;
    fields: CmsField[];
  };
}

/** What Decap shows for an entry in its list and on its board card: the summary template. */
function summaryOf(name: string, data: Record<string, unknown>): string {
  return stringTemplate.compileStringTemplate(
    collection(name).summary,
    null,
    '',
    fromJS(data),
    (value: string) => value,
  ) as string;
}

const format = withShownNames(quietYamlFormat);

describe('lists and board cards name units and campaigns', () => {
  for (const file of readdirSync('content/adoptions')) {
    const text = readFileSync(`content/adoptions/${file}`, 'utf8');

    it(`the adoption ${file} is listed by its unit's name, and saved without it`, () => {
      const data = format.fromFile(text);
      const unit = data.unit as string;
      expect(unitName(unit)).toBeTruthy();
      const summary = summaryOf('adoptions', data);
      expect(summary).toContain(unitName(unit) as string);
      expect(summary).not.toContain(unit);
      expect(format.toFile(structuredClone(data))).toBe(text);
      expect(format.toFile({ ...structuredClone(data), note: 'Ghi chú' })).not.toContain(
        SHOWN_NAMES,
      );
    });
  }

  for (const file of readdirSync('content/decisions')) {
    const text = readFileSync(`content/decisions/${file}`, 'utf8');

    it(`the decision ${file} is listed by its campaign's title`, () => {
      const data = format.fromFile(text);
      const campaign = data.campaign as string;
      const title = /^title: (.*)$/m.exec(
        readFileSync(`content/campaigns/${campaign}.md`, 'utf8'),
      )?.[1];
      expect(title).toBeTruthy();
      const summary = summaryOf('decisions', data);
      expect(summary).toContain((title as string).replace(/^["']|["']$/g, ''));
      expect(summary).not.toContain(campaign);
      expect(format.toFile(structuredClone(data))).toBe(text);
    });
  }
});

describe('a collapsed list item is summed up by names', () => {
  it("an indicator by its kind's name, a unit by its name", () => {
    const indicators = collection('initiatives').fields.find(
      (field) => field.name === 'indicators',
    ) as CmsField & { fields: CmsField[]; summary: string };
    const kind = indicatorKinds[0] as { id: string; name: string };
    const item = fromJS({ kind: kind.id });
    const shown = shownItem(item, indicators.fields) as ReturnType<typeof fromJS>;
    const summary = stringTemplate.compileStringTemplate(
      indicators.summary.replace(/fields\./g, ''),
      null,
      '',
      shown as never,
      (value: string) => value,
    );
    expect(summary).toContain(kind.name);
    expect(summary).not.toContain(kind.id);

    const adoption = collection('adoptions').fields;
    const unit = units[3] as { id: string; name: string };
    const named = shownItem(fromJS({ unit: unit.id, note: 'x' }), adoption) as {
      get(key: string): unknown;
    };
    expect(named.get('unit')).toBe(unit.name);
    expect(named.get('note')).toBe('x');
  });
});

/** The site's document of names (src/pages/du-lieu/[dataset].ts) for these ids. */
function namesDocument(ids: readonly string[]) {
  const initiatives: Record<string, { title: string }> = {};
  for (const id of ids) {
    initiatives[id] = {
      title: String(readEntryFile(pathOf(collections.initiatives, id)).data?.title),
    };
  }
  return { initiatives };
}

/** A fetch answering the names document, recording what it was asked. */
function siteWith(document: unknown, status = 200) {
  const asked: string[] = [];
  const fetcher = (async (url: string | URL | Request) => {
    asked.push(String(url));
    return new Response(JSON.stringify(document), { status });
  }) as typeof fetch;
  return { asked, fetcher };
}

const adoptionFiles = readdirSync('content/adoptions');
const adoptedIds = adoptionFiles.map(
  (file) => parse(readFileSync(`content/adoptions/${file}`, 'utf8')).initiative as string,
);

describe('initiatives by their title, as the site publishes them', () => {
  beforeEach(() => resetSiteNames());
  afterEach(() => vi.unstubAllGlobals());

  it('an adoption is listed by its initiative’s id until the titles arrive, then by its title', async () => {
    const file = adoptionFiles[0] as string;
    const text = readFileSync(`content/adoptions/${file}`, 'utf8');
    const id = adoptedIds[0] as string;
    expect(summaryOf('adoptions', format.fromFile(text))).toContain(id);

    const { asked, fetcher } = siteWith(namesDocument(adoptedIds));
    expect(await loadSiteNames(fetcher)).toBe(true);
    expect(asked).toEqual(['/du-lieu/initiative-names.json']);
    const data = format.fromFile(text);
    const title = namesDocument([id]).initiatives[id]?.title as string;
    const summary = summaryOf('adoptions', data);
    expect(summary).toContain(title);
    expect(summary).not.toContain(id);
    // The title is shown, never saved.
    expect(format.toFile(structuredClone(data))).toBe(text);
    // Asked once: later entries use what came.
    await loadSiteNames(fetcher);
    expect(asked).toHaveLength(1);
  });

  it('a decision’s result item is summed up by the initiative’s title, an unknown one by its id', async () => {
    const results = collection('decisions').fields.find((field) => field.name === 'results') as
      | (CmsField & { fields: CmsField[] })
      | undefined;
    const known = adoptedIds[0] as string;
    const title = namesDocument([known]).initiatives[known]?.title;
    // The form holds `<id>/index` (src/admin/initiative-widget.ts).
    const item = fromJS({ initiative: `${known}/index` });
    const before = shownItem(item, results?.fields) as { get(key: string): unknown };
    expect(before.get('initiative')).toBe(`${known}/index`);
    await loadSiteNames(siteWith(namesDocument([known])).fetcher);
    const after = shownItem(item, results?.fields) as { get(key: string): unknown };
    expect(after.get('initiative')).toBe(title);
    const pending = shownItem(fromJS({ initiative: 'chua-cong-bo/index' }), results?.fields) as {
      get(key: string): unknown;
    };
    expect(pending.get('initiative')).toBe('chua-cong-bo/index');
  });

  it('keeps only titles and lists of names from what the site sends', () => {
    const read = readInitiativeNames({
      initiatives: {
        a: { title: 'Một', adopters: ['Xã A', 3, null] },
        b: { title: 4 },
        c: null,
        d: { title: 'Bốn', adopters: 'Xã B' },
      },
    });
    expect([...read]).toEqual([
      ['a', { title: 'Một', adopters: ['Xã A'] }],
      ['d', { title: 'Bốn' }],
    ]);
    expect(readInitiativeNames(null).size).toBe(0);
    expect(readInitiativeNames({ initiatives: 'x' }).size).toBe(0);
  });

  it('while the site is being built, shows ids and asks again only after a while', async () => {
    const down = siteWith('Trang web đang được dựng', 503);
    let clock = 1_000_000;
    const now = () => clock;
    expect(await loadSiteNames(down.fetcher, now)).toBe(false);
    expect(siteNamesKnown()).toBe(false);
    clock += 1000;
    expect(await loadSiteNames(down.fetcher, now)).toBe(false);
    expect(down.asked).toHaveLength(1);
    clock += 60_000;
    const up = siteWith(namesDocument(adoptedIds));
    expect(await loadSiteNames(up.fetcher, now)).toBe(true);
    expect(up.asked).toHaveLength(1);
  });

  it('the backend gives Decap the adoptions once the titles have come, and nothing else waits', async () => {
    let answer: (() => void) | undefined;
    const asked: string[] = [];
    vi.stubGlobal('fetch', (async (url: string) => {
      asked.push(url);
      await new Promise<void>((resolve) => {
        answer = resolve;
      });
      return new Response(JSON.stringify(namesDocument(adoptedIds)));
    }) as unknown as typeof fetch);
    class Base {
      async entriesByFolder(folder: string) {
        return [folder];
      }
      async unpublishedEntry(args: { collection?: string }) {
        return { collection: args.collection };
      }
    }
    const Named = withSiteNames(Base);
    const backend = new Named();
    // Not an adoption: answered at once, nothing fetched.
    expect(await backend.entriesByFolder(collections.initiatives.folder)).toEqual([
      collections.initiatives.folder,
    ]);
    expect(asked).toEqual([]);
    let listed = false;
    const listing = backend.entriesByFolder(collections.adoptions.folder).then((entries) => {
      listed = true;
      return entries;
    });
    await vi.waitFor(() => expect(answer).toBeDefined());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(listed).toBe(false);
    answer?.();
    expect(await listing).toEqual([collections.adoptions.folder]);
    expect(siteNamesKnown()).toBe(true);
    expect(asked).toEqual(['/du-lieu/initiative-names.json']);
    expect(await backend.unpublishedEntry({ collection: 'adoptions' })).toEqual({
      collection: 'adoptions',
    });
  });
});
