import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { describeDiff, diffDecisions } from '../../scripts/decide/diff.ts';
import { type Decision, decisionSchema } from '../../src/schemas/index.ts';

const project = resolve(import.meta.dirname, '../..');
const recorded: Decision = decisionSchema.parse(
  parse(readFileSync(resolve(project, 'content/decisions/2024-tanh-linh.yaml'), 'utf8')),
);
const rubric = { grades: [], criteria: [] };

describe("decide's list of changes", () => {
  it('shows the dates of the decision and the meeting as dd/mm/yyyy', () => {
    const moved: Decision = {
      ...recorded,
      document: { ...recorded.document, number: '9999/QĐ-UBND', date: '2024-10-09' },
      meetingOn: '2024-09-27',
    };
    expect(describeDiff(diffDecisions(recorded, moved, rubric))).toEqual([
      '~ quyết định: 2150/QĐ-UBND ngày 08/10/2024 → 9999/QĐ-UBND ngày 09/10/2024',
      '~ ngày họp xét: 26/09/2024 → 27/09/2024',
    ]);
  });
});
