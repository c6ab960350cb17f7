/**
 * The folder layout (docs/layout.md) is written by hand; this keeps it true: every
 * top-level folder the repository tracks is mentioned, and every path it names exists.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const layout = readFileSync(join(root, 'docs', 'layout.md'), 'utf8');

const trackedFolders = [
  ...new Set(
    execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((path) => path.includes('/'))
      .map((path) => path.slice(0, path.indexOf('/'))),
  ),
].sort();

describe('docs/layout.md', () => {
  it('exists', () => {
    expect(layout.length).toBeGreaterThan(100);
  });

  it('mentions every tracked top-level folder', () => {
    expect(trackedFolders).toContain('src');
    for (const folder of trackedFolders) {
      expect(layout, folder).toContain(`\`${folder}/`);
    }
  });

  it('names only paths that exist', () => {
    const paths = [...layout.matchAll(/`([^`\s]+)`/g)]
      .map((match) => match[1] ?? '')
      .filter((path) => trackedFolders.some((folder) => path.startsWith(`${folder}/`)))
      .filter((path) => !path.includes('<'));
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths) expect(existsSync(join(root, path)), path).toBe(true);
  });
});
