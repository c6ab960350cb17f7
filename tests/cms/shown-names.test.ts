/**
 * Names, not ids, wherever the admin shows a reference: the lists of decisions and adoptions
 * and the editorial board (Decap's summary templates, compiled by Decap's own code), and the
 * summary line of a collapsed list item (an indicator's kind, an adoption's unit).
 */
import { readdirSync, readFileSync } from 'node:fs';
// Decap's own template code, as its lists and board compile summaries (the ES build: the other needs a window).
import * as stringTemplate from 'decap-cms-lib-widgets/dist/esm/stringTemplate.js';
import { fromJS } from 'immutable';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type CmsField, cmsConfig } from '../../src/admin/config.ts';
import { quietYamlFormat } from '../../src/admin/formats.ts';
import { SHOWN_NAMES, shownItem, withShownNames } from '../../src/admin/shown-names.ts';
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
