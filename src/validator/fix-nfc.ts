/** `--fix`: the one rule that writes. Apart from unicode.ts, which the admin bundles. */
import { closeSync, constants, openSync, writeFileSync } from 'node:fs';
import { readRegularFile } from '../model/files.ts';
import { isNfc } from './unicode.ts';

/**
 * Rewrite a file to NFC, nothing else (a leading BOM is kept as it was). Returns whether
 * the file changed. Invalid UTF-8 is left alone.
 */
export function fixNfc(path: string): boolean {
  // Never through a link: writing would change the file it points at, wherever that is.
  const read = readRegularFile(path);
  if (!read.ok) return false;
  const bytes = read.bytes;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return false;
  }
  if (isNfc(text)) return false;
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return false;
  }
  try {
    writeFileSync(fd, text.normalize('NFC'), 'utf8');
  } finally {
    closeSync(fd);
  }
  return true;
}
