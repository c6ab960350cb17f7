/**
 * A build in shards: each shard renders the pages of the initiatives of some campaigns (one
 * organiser's call of one year), every shard renders the shared pages (lists, facets, units,
 * campaigns, statistics, open data) from the whole catalog, and the shards are merged into one
 * site (scripts/build/shards.ts). `KHO_SHARD` names the campaigns of this build, comma-separated;
 * unset, the build renders everything.
 */
export const SHARD_VARIABLE = 'KHO_SHARD';

/** The campaigns whose initiatives this build renders; undefined: all of them. */
export function shardCampaigns(
  env: Record<string, string | undefined> = process.env,
): Set<string> | undefined {
  const value = env[SHARD_VARIABLE]?.trim();
  if (!value) return undefined;
  return new Set(
    value
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  );
}

/** Whether this build renders the page of an initiative of `campaign`. */
export function inShard(campaign: string, shard = shardCampaigns()): boolean {
  return shard === undefined || shard.has(campaign);
}
