/**
 * Where each collection's files live, without the schemas that judge them (collections.ts
 * builds its rows on these). The build's coordinator only counts and lists files while its
 * shards run beside it; reading a folder's name through the registry loaded zod and every
 * schema into it, about 60 MB held for nothing at the build's peak of memory.
 */

/** The folder, relative to the repository root, that holds every content file. */
export const CONTENT_ROOT = 'content';

/** Each collection's folder (or list file), relative to the repository root. */
export const LAYOUT = {
  initiatives: `${CONTENT_ROOT}/initiatives`,
  organisers: `${CONTENT_ROOT}/organisers`,
  campaigns: `${CONTENT_ROOT}/campaigns`,
  units: `${CONTENT_ROOT}/units.yaml`,
  scopeLevels: `${CONTENT_ROOT}/scope-levels.yaml`,
  decisions: `${CONTENT_ROOT}/decisions`,
  adoptions: `${CONTENT_ROOT}/adoptions`,
} as const;
