import { describe, expect, it } from 'vitest';
import { rosterPlace } from '../../src/model/roster.ts';
import type { Committee } from '../../src/schemas/index.ts';

const committee = { members: [] } as unknown as Committee;

describe('rosterPlace: where a message sends the secretary to find the committee', () => {
  it("names the campaign's own section when it has one", () => {
    expect(
      rosterPlace(
        '2026-xa-tanh-linh',
        { organiser: 'ubnd-xa-tanh-linh', committee },
        { committee },
      ),
    ).toBe('content/campaigns/2026-xa-tanh-linh.md, mục "Hội đồng xét sáng kiến"');
  });

  it("names the organiser's standing committee when the campaign has none", () => {
    expect(
      rosterPlace('2026-xa-tanh-linh', { organiser: 'ubnd-xa-tanh-linh' }, { committee }),
    ).toBe('content/organisers/ubnd-xa-tanh-linh.yaml, mục "Hội đồng sáng kiến thường trực"');
  });

  it('names both places where one may be written when neither has one', () => {
    expect(rosterPlace('2026-xa-tanh-linh', { organiser: 'ubnd-xa-tanh-linh' }, {})).toBe(
      'mục "Hội đồng xét sáng kiến" của đợt (content/campaigns/2026-xa-tanh-linh.md) hoặc "Hội đồng sáng kiến thường trực" của cơ quan tổ chức (content/organisers/ubnd-xa-tanh-linh.yaml)',
    );
  });
});
