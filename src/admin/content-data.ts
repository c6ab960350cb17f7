import { parse } from 'yaml';

/**
 * Facts read from the repository's content when the admin is bundled. Decap has no
 * free key–value widget, so a decision's scores are an object whose keys are the
 * rubric criteria of the campaigns known at build time (a new campaign arrives with
 * the next build, like every other page of the site).
 */
const campaignFiles = import.meta.glob<string>('../../content/campaigns/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});

interface CriterionInfo {
  id: string;
  name: string;
  max: number;
}

function frontMatter(text: string): unknown {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  return match?.[1] ? parse(match[1]) : undefined;
}

/** Every criterion id of every campaign's rubric, first name and largest maximum kept. */
export function knownCriteria(): CriterionInfo[] {
  const byId = new Map<string, CriterionInfo>();
  for (const text of Object.values(campaignFiles)) {
    const data = frontMatter(text) as { rubric?: { criteria?: CriterionInfo[] } } | undefined;
    for (const criterion of data?.rubric?.criteria ?? []) {
      const known = byId.get(criterion.id);
      if (!known) byId.set(criterion.id, { ...criterion });
      else known.max = Math.max(known.max, criterion.max);
    }
  }
  return [...byId.values()];
}
