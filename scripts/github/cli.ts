import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** True when the module was started as `node scripts/x.ts` rather than imported. */
export function isMain(meta: ImportMeta): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(meta.url));
  } catch {
    return false;
  }
}
