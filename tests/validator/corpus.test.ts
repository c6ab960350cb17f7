import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/validator/index.ts';

const ROOT = join(import.meta.dirname, '../..');

describe('the sample corpus', () => {
  it('validates with 0 errors', async () => {
    const report = await validate({ root: ROOT });
    const errors = report.files.flatMap((file) =>
      file.problems
        .filter((problem) => problem.severity === 'error')
        .map((problem) => `${file.path}:${problem.line ?? ''} ${problem.code} ${problem.message}`),
    );
    expect(errors).toEqual([]);
    const initiatives = readdirSync(join(ROOT, 'content/initiatives'));
    const checked = report.files.filter((file) => file.path.startsWith('content/initiatives/'));
    expect(checked).toHaveLength(initiatives.length);
    expect(report.files.map((file) => file.path)).toEqual(
      expect.arrayContaining([
        'content/units.yaml',
        'content/scope-levels.yaml',
        'content/campaigns/2024-tanh-linh.md',
      ]),
    );
  });
});
