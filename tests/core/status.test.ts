import { describe, expect, test } from 'vitest';
import {
  decisionStatus,
  decisionStatuses,
  initiativeStatus,
  statusLookup,
} from '../../src/core/status.ts';
import type { Decision, DecisionResult } from '../../src/schemas/index.ts';

const result = (initiative: string, over: Partial<DecisionResult> = {}): DecisionResult => ({
  initiative,
  scores: { novelty: 30, effect: 40 },
  votesFor: 5,
  votesAgainst: 0,
  recused: [],
  recognised: true,
  replicate: false,
  ...over,
});

const decision = (campaign: string, results: DecisionResult[]): Decision => ({
  campaign,
  document: { number: '123/QĐ-UBND', date: '2024-10-01', issuer: 'UBND huyện' },
  meetingOn: '2024-09-26',
  members: [],
  results,
  sample: false,
});

const grades = [
  { id: 'xuat-sac', name: 'Xuất sắc' },
  { id: 'tot', name: 'Tốt' },
];
const gradesOf = (campaign: string) => (campaign === '2024-thu' ? grades : []);

const decisions = [
  decision('2024-thu', [
    result('hen-gio', { grade: 'xuat-sac' }),
    result('so-hoa', { grade: 'tot' }),
    result('kiosk'),
    result('dau-moi', { recognised: false, scores: { novelty: 20, effect: 25 } }),
    result('bo-xep-loai', { grade: 'muc-cu' }),
  ]),
  decision('2023-thu', [result('cu', { grade: 'tot' })]),
];

describe('initiativeStatus', () => {
  const cases: [string, string, string, string, string | undefined][] = [
    ['hen-gio', '2024-thu', 'recognised', 'Được công nhận — Xuất sắc', 'Xuất sắc'],
    ['so-hoa', '2024-thu', 'recognised', 'Được công nhận — Tốt', 'Tốt'],
    // Recognised without a grade: no dangling dash.
    ['kiosk', '2024-thu', 'recognised', 'Được công nhận', undefined],
    // A grade the rubric no longer has keeps its id rather than vanishing (gradeName).
    ['bo-xep-loai', '2024-thu', 'recognised', 'Được công nhận — muc-cu', 'muc-cu'],
    ['dau-moi', '2024-thu', 'not-recognised', 'Chưa được công nhận', undefined],
    // Not in any decision.
    ['moi-gui', '2024-thu', 'undecided', 'Chưa xét', undefined],
    // Grades come from the rubric of the decision's own campaign: 2023's has none here.
    ['cu', '2023-thu', 'recognised', 'Được công nhận — tot', 'tot'],
    // Only the decision of the initiative's own campaign counts.
    ['hen-gio', '2025-thu', 'undecided', 'Chưa xét', undefined],
  ];
  test.each(cases)('%s (%s) → %s: %s', (id, campaign, status, label, grade) => {
    const found = initiativeStatus({ id, campaign }, decisions, gradesOf);
    expect(found.id).toBe(status);
    expect(found.label).toBe(label);
    expect(found.gradeName).toBe(grade);
  });

  test('carries the decision and its line, except while undecided', () => {
    const decided = initiativeStatus({ id: 'dau-moi', campaign: '2024-thu' }, decisions, gradesOf);
    expect(decided.decision?.document.number).toBe('123/QĐ-UBND');
    expect(decided.result?.initiative).toBe('dau-moi');
    const undecided = initiativeStatus({ id: 'x', campaign: '2024-thu' }, decisions, gradesOf);
    expect(undecided.decision).toBeUndefined();
    expect(undecided.result).toBeUndefined();
  });

  test('no decision at all: every initiative is undecided', () => {
    expect(initiativeStatus({ id: 'hen-gio', campaign: '2024-thu' }, [], gradesOf).id).toBe(
      'undecided',
    );
  });

  test('the lookup answers as the single call does', () => {
    const lookup = statusLookup(decisions, gradesOf);
    for (const [id, campaign] of cases) {
      expect(lookup({ id, campaign })).toEqual(
        initiativeStatus({ id, campaign }, decisions, gradesOf),
      );
    }
  });
});

describe('decisionStatuses', () => {
  test('three statuses with Vietnamese names and ASCII slugs for their pages', () => {
    expect(decisionStatuses.map((status) => [status.id, status.name, status.slug])).toEqual([
      ['recognised', 'Được công nhận', 'duoc-cong-nhan'],
      ['not-recognised', 'Chưa được công nhận', 'chua-duoc-cong-nhan'],
      ['undecided', 'Chưa xét', 'chua-xet'],
    ]);
    for (const status of decisionStatuses) expect(status.slug).toMatch(/^[a-z0-9-]+$/);
  });

  test('each status label starts with the name of its status', () => {
    for (const [id, campaign] of [
      ['hen-gio', '2024-thu'],
      ['dau-moi', '2024-thu'],
      ['moi-gui', '2024-thu'],
    ] as const) {
      const found = initiativeStatus({ id, campaign }, decisions, gradesOf);
      expect(found.label.startsWith(decisionStatus(found.id).name)).toBe(true);
    }
  });
});
