/**
 * The reader's fast path for one field: the title of an entry without a YAML parser,
 * for the near-duplicate check of a pull request, which needs the title of every entry of
 * the archive (10,000 files: 0.1 s here, against 1.5 s through the full reader). It gives
 * the title the one reader would give, or nothing (the caller then reads the file through
 * the reader); tests/model/title.test.ts proves the two equal.
 */
import { closeSync, openSync, readSync } from 'node:fs';

const HEAD_BYTES = 2048;
const headBuffer = Buffer.allocUnsafe(HEAD_BYTES);
const TITLE_KEY = Buffer.from('\ntitle:');
const FENCE_LINE = Buffer.from('\n---');

export interface QuickTitle {
  /** Whether the file exists. */
  found: boolean;
  /** The title, when it could be read without a YAML parser. */
  title?: string;
}

/**
 * The title of an entry without parsing it: the `title:` line of the front
 * matter when it is a plain one-line value (what the form writes, first).
 * Leaves `title` undefined when unsure, and the caller reads the file properly.
 */
export function quickTitle(path: string): QuickTitle {
  let read: number;
  try {
    const fd = openSync(path, 'r');
    try {
      read = readSync(fd, headBuffer, 0, HEAD_BYTES, 0);
    } finally {
      closeSync(fd);
    }
  } catch (cause) {
    return { found: (cause as NodeJS.ErrnoException).code !== 'ENOENT' };
  }
  // Decode only from the title line on: 10,000 entries make this loop hot.
  const at = headBuffer.subarray(0, read).indexOf(TITLE_KEY);
  const fence = headBuffer.subarray(0, 5).toString('latin1');
  if (at === -1 || !/^---\r?\n/.test(fence)) return { found: true };
  const closing = headBuffer.subarray(0, read).indexOf(FENCE_LINE, 3);
  if (closing !== -1 && closing < at) return { found: true };
  let text = headBuffer.toString('utf8', at + 1, read);
  // Without the closing fence in the bytes read, stop at the last whole line.
  let end = text.indexOf('\n---');
  if (end === -1) end = read === HEAD_BYTES ? text.lastIndexOf('\n') : text.length;
  text = text.slice(0, end);
  const match = /^title:[ \t]*(.*?)[ \t]*\r?$/m.exec(text);
  let value = match?.[1];
  if (match?.index !== 0 || !value || /^["'|>&!*[{%@`#]/.test(value)) {
    return { found: true };
  }
  // A long plain value continues on indented lines; YAML folds each break into one space.
  const rest = text.slice(match[0].length + 1).split('\n');
  for (const line of rest) {
    if (!/^[ \t]/.test(line)) break;
    const part = line.trim();
    if (part === '') return { found: true };
    value = `${value} ${part}`;
  }
  if (/\s#/.test(value) || /: /.test(value)) return { found: true };
  return { found: true, title: value };
}
