/**
 * Where each kind of content lives, relative to the repository root. Scripts,
 * the CMS config and Astro's collections read these paths from here.
 */
export const contentPaths = {
  root: 'content',
  campaigns: 'content/campaigns',
  initiatives: 'content/initiatives',
  units: 'content/units.yaml',
  scopeLevels: 'content/scope-levels.yaml',
  decisions: 'content/decisions',
  adoptions: 'content/adoptions',
} as const;

/** Files only the committee and maintainers may change (see the guard script). */
export const committeeOwnedPaths = [
  contentPaths.campaigns,
  contentPaths.decisions,
  contentPaths.units,
  contentPaths.scopeLevels,
] as const;
