/** Decap's English interface strings, to check that none of them reaches the Vietnamese admin. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

type Tree = { [key: string]: string | Tree };

/**
 * Every whole English phrase of Decap's locale (its sources are plain object literals), without
 * placeholders; "Markdown" is a name, the same in Vietnamese.
 */
export function decapEnglishPhrases(): string[] {
  const require = createRequire(import.meta.url);
  const file = require.resolve('decap-cms-locales/src/en/index.js');
  const source = readFileSync(file, 'utf8').replace(/export default \w+;\s*$/, '');
  const tree = new Function(`${source}; return en;`)() as Tree;
  const leaves = (node: Tree): string[] =>
    Object.values(node).flatMap((value) => (typeof value === 'string' ? [value] : leaves(value)));
  return leaves(tree)
    .filter((text) => !text.includes('%{') && text.length >= 4 && text !== 'Markdown')
    .map((text) => text.trim());
}
