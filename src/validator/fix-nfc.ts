/** `--fix`: the one rule that writes. Apart from unicode.ts, which the admin bundles. */
import { readFileSync, writeFileSync } from 'node:fs';
import { isNfc } from './unicode.ts';

/**
 * Rewrite a file to NFC, nothing else (a leading BOM is kept as it was). Returns whether
 * the file changed. Invalid UTF-8 is left alone.
 */
export function fixNfc(path: string): boolean {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return false;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return false;
  }
  if (isNfc(text)) return false;
  writeFileSync(path, text.normalize('NFC'), 'utf8');
  return true;
}
