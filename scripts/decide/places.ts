/**
 * From a problem the validator finds in the decision `decide` is about to write back to the
 * field it is in: the validator names a field (`results[2].note`) or only a line of the
 * YAML text (text rules such as invisible characters), and the secretary needs neither.
 * decide.ts then turns the field into the sheet, row and column the value was read from.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { FieldPath } from '../../src/model/problems.ts';
import { parseYamlFully } from '../../src/model/read.ts';

/**
 * The deepest field of a YAML text whose key or value covers a line (1-based, the text's
 * first line being 1, as the validator counts in a YAML file); undefined outside every field.
 */
export function pathAtLine(text: string, line: number): FieldPath | undefined {
  const parsed = parseYamlFully(text, 1);
  const root = parsed.doc?.contents;
  if (!root) return undefined;
  const covers = (start: number | undefined, end: number | undefined) =>
    start !== undefined &&
    end !== undefined &&
    parsed.lineOfOffset(start) <= line &&
    line <= parsed.lineOfOffset(Math.max(start, end - 1));
  const within = (node: unknown, path: FieldPath): FieldPath | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const value = pair.value as Node | null;
        const end = value?.range?.[1] ?? pair.key.range?.[1];
        if (!covers(pair.key.range?.[0], end)) continue;
        const key = [...path, String(pair.key.value)];
        return within(value, key) ?? key;
      }
    } else if (isSeq(node)) {
      for (const [index, item] of node.items.entries()) {
        const range = (item as Node | null)?.range;
        if (!covers(range?.[0], range?.[1])) continue;
        const at = [...path, index];
        return within(item, at) ?? at;
      }
    }
    return undefined;
  };
  return within(root, []);
}
