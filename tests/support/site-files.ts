import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/**
 * Every file of a built site under `root`, by path, to compare two builds: the yearbook's PDF
 * without its creation date and id, which differ from one run to the next.
 */
export function siteFiles(root: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name).slice(root.length + 1);
    let text = readFileSync(join(entry.parentPath, entry.name), 'latin1');
    if (path.endsWith('.pdf')) {
      text = text
        .replace(/\(D:[0-9Z+'-]+\)/g, '(D:)')
        .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/g, '');
    }
    found.set(path, text);
  }
  return found;
}

/** Changes a content file as an author would; the change must change something. */
export function edit(file: string, change: (text: string) => string): void {
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  writeFileSync(file, after);
}
