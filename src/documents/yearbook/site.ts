/**
 * Whether the site's build makes the campaigns' yearbooks. It needs the print fonts: a first
 * `npm start` on a machine without them still gets its site (and a line saying why there is no
 * yearbook), while a deploy build refuses to publish a campaign page without its yearbook.
 */
import { isDeployBuild } from '../../lib/deploy-config.ts';
import { printFontsProblem } from '../render/fonts.ts';

let warned = false;

export function yearbooksBuilt(
  env: Record<string, string | undefined> = process.env,
  problem: string | undefined = printFontsProblem(),
): boolean {
  if (!problem) return true;
  if (isDeployBuild(env)) throw new Error(`Không dựng được kỷ yếu của các đợt: ${problem}`);
  if (!warned) console.warn(`Bỏ qua kỷ yếu PDF của các đợt: ${problem}`);
  warned = true;
  return false;
}
