/**
 * Commit messages and pull-request titles name the entry: the admin's backends take the
 * `/index` off the slug Decap puts in `{{slug}}` for a folder collection.
 */
import { describe, expect, it } from 'vitest';
import { namedMessage, withEntryNames } from '../../src/admin/entry-names.ts';
import type { GateableBackend } from '../../src/admin/gated-backend.ts';

const entry = {
  dataFiles: [
    {
      slug: 'nhan-tin-hen-tra-ket-qua/index',
      path: 'content/initiatives/nhan-tin-hen-tra-ket-qua/index.md',
    },
  ],
};

describe('commit messages of the admin', () => {
  it('name the entry, not “<slug>/index”', () => {
    expect(namedMessage('Thêm sáng kiến “nhan-tin-hen-tra-ket-qua/index”', entry)).toBe(
      'Thêm sáng kiến “nhan-tin-hen-tra-ket-qua”',
    );
    // A campaign's slug has no /index: unchanged.
    expect(
      namedMessage('Cập nhật đợt phát động “2025-xa-a”', { dataFiles: [{ slug: '2025-xa-a' }] }),
    ).toBe('Cập nhật đợt phát động “2025-xa-a”');
  });

  it('reach the backend renamed, everything else as Decap sent it', async () => {
    const seen: unknown[] = [];
    class Recorder {
      async persistEntry(saved: unknown, options: unknown) {
        seen.push(saved, options);
        return 'ok';
      }
    }
    const Named = withEntryNames(Recorder as unknown as new (...args: never[]) => GateableBackend);
    const backend = new Named();
    const options = {
      commitMessage: 'Thêm sáng kiến “nhan-tin-hen-tra-ket-qua/index”',
      useWorkflow: true,
    };
    expect(await backend.persistEntry(entry, options)).toBe('ok');
    expect(seen).toEqual([
      entry,
      { commitMessage: 'Thêm sáng kiến “nhan-tin-hen-tra-ket-qua”', useWorkflow: true },
    ]);
  });
});
