/**
 * Which campaigns a new submission is offered and which date it starts with: open
 * campaigns whose deadline has not passed (Viet Nam's date), and a submission date
 * inside their period.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CmsField, campaignChoice, cmsConfig } from '../../src/admin/config.ts';
import {
  campaignsOffered,
  dateInCampaign,
  followedDate,
  offeredCampaigns,
  submittedDefault,
} from '../../src/admin/content-data.ts';
import { PERIOD_OF } from '../../src/admin/date-widget.ts';
import { datesFrom, todayInVietnam } from '../../src/core/dates.ts';
import { parseEntryText } from '../../src/model/read.ts';
import { type Campaign, campaignSchema } from '../../src/schemas/index.ts';

const sample = campaignSchema.parse(
  parseEntryText(readFileSync('content/campaigns/2024-tanh-linh.md', 'utf8')).data,
);
const open = (overrides: Partial<Campaign> = {}): Campaign => ({
  ...sample,
  status: 'open',
  ...overrides,
});

function initiativeField(name: string): CmsField | undefined {
  const form = cmsConfig.collections.find((collection) => collection.name === 'initiatives') as
    | { fields: CmsField[] }
    | undefined;
  return form?.fields.find((item) => item.name === name);
}

describe('the campaign a submission goes to', () => {
  it('offers an open campaign up to and including its deadline, not the day after', () => {
    const campaigns = [{ id: '2024-tanh-linh', campaign: open() }];
    expect(sample.deadline).toBe('2024-09-04');
    expect(campaignsOffered(campaigns, '2024-09-04').map(({ id }) => id)).toEqual([
      '2024-tanh-linh',
    ]);
    expect(campaignsOffered(campaigns, '2024-09-05')).toEqual([]);
  });

  it('does not offer a closed campaign, nor one the schema refuses', () => {
    expect(campaignsOffered([{ id: 'a', campaign: sample }], '2024-07-01')).toEqual([]);
    expect(campaignsOffered([{ id: 'b', campaign: undefined }], '2024-07-01')).toEqual([]);
  });

  it('the form offers open campaigns whose deadline is today or later, bundled or not', () => {
    const today = todayInVietnam();
    const [status, deadline] = campaignChoice.filters;
    expect(status).toEqual({ field: 'status', values: ['open'] });
    expect(deadline?.field).toBe('deadline');
    const days = deadline?.values ?? [];
    expect(days[0]).toBe(today);
    // Every day from today on, for three years: a deadline of any of them is offered.
    expect(days).toEqual(datesFrom(today, days.length));
    expect(days.length).toBeGreaterThanOrEqual(3 * 365);
    // The sample campaign's deadline has passed: it is not among them.
    expect(days).not.toContain(sample.deadline);
    // Every campaign the bundled content offers is offered by the filter too.
    for (const { campaign } of offeredCampaigns(today)) expect(days).toContain(campaign.deadline);
    const field = initiativeField('campaign');
    expect(field).toMatchObject({ widget: 'relation', filters: campaignChoice.filters });
  });
});

describe('the submission date the form starts with', () => {
  it('is today while an offered campaign is receiving', () => {
    expect(submittedDefault([{ id: 'x', campaign: open() }], '2024-07-15')).toBe('2024-07-15');
  });

  it('is the first day of receiving when the offered campaigns have not opened yet', () => {
    const later = open({ opensOn: '2024-08-01' });
    expect(
      submittedDefault(
        [
          { id: 'x', campaign: open() },
          { id: 'y', campaign: later },
        ],
        '2024-05-20',
      ),
    ).toBe('2024-06-01');
  });

  it('is today when no campaign is offered', () => {
    expect(submittedDefault([], '2026-11-30')).toBe('2026-11-30');
  });

  it('the form uses it for "Ngày gửi"', () => {
    const field = initiativeField('submitted');
    const today = todayInVietnam();
    expect(field?.default).toBe(submittedDefault(offeredCampaigns(today), today));
  });
});

describe('a date with a default follows the campaign chosen', () => {
  // The sample campaign receives from 2024-06-01 to 2024-09-04.
  const period = open();

  it('is today while the chosen campaign receives, else the closest day of its period', () => {
    expect(period.opensOn).toBe('2024-06-01');
    expect(dateInCampaign(period, '2024-07-15')).toBe('2024-07-15');
    expect(dateInCampaign(period, '2024-06-01')).toBe('2024-06-01');
    expect(dateInCampaign(period, '2024-09-04')).toBe('2024-09-04');
    expect(dateInCampaign(period, '2024-05-20')).toBe('2024-06-01');
    expect(dateInCampaign(period, '2026-11-30')).toBe('2024-09-04');
    expect(dateInCampaign(undefined, '2026-11-30')).toBeUndefined();
  });

  it('moves when the campaign changes, until the submitter sets the date', () => {
    const later = open({ opensOn: '2025-01-10', deadline: '2025-03-31' });
    const lookup = (id: string) => ({ a: period, b: later })[id];
    const base = { value: '2024-11-30', touched: false, isNew: true, today: '2024-11-30', lookup };
    expect(followedDate({ ...base, campaign: 'a' })).toBe('2024-09-04');
    expect(followedDate({ ...base, campaign: 'b' })).toBe('2025-01-10');
    // Already inside: nothing to change.
    expect(followedDate({ ...base, campaign: 'a', value: '2024-09-04' })).toBeUndefined();
    // Set by hand, an entry already saved, no campaign or one this build does not know: kept.
    expect(followedDate({ ...base, campaign: 'b', touched: true })).toBeUndefined();
    expect(followedDate({ ...base, campaign: 'b', isNew: false })).toBeUndefined();
    expect(followedDate({ ...base, campaign: '' })).toBeUndefined();
    expect(followedDate({ ...base, campaign: 'khong-co' })).toBeUndefined();
  });

  it("the form's dates with a default follow the campaign field; the others do not", () => {
    const form = cmsConfig.collections.find((collection) => collection.name === 'initiatives') as
      | { fields: CmsField[] }
      | undefined;
    const dates = (form?.fields ?? []).filter((field) => field.widget === 'datetime');
    expect(dates.map((field) => field.name)).toEqual(expect.arrayContaining(['submitted']));
    for (const field of dates) {
      expect(field[PERIOD_OF], field.name).toBe(
        field.default === undefined ? undefined : 'campaign',
      );
    }
    expect(initiativeField('submitted')?.[PERIOD_OF]).toBe('campaign');
  });
});
