/**
 * Vietnamese names of front-matter fields, read from the labels of the schema tree
 * (src/schemas/tree.ts) so that the validator speaks the same words as the form.
 */
import type { z } from 'zod';
import { childNode, schemaTree, type TreeNode } from '../schemas/index.ts';
import type { FieldPath } from './problems.ts';

/**
 * "Tác giả thứ 2 › Tỷ lệ đóng góp (%)" for `['authors', 1, 'share']`. Falls
 * back to the raw key for unknown fields.
 */
export function fieldLabel(schema: z.ZodType, path: FieldPath): string {
  const parts: string[] = [];
  let current: TreeNode | undefined = schemaTree(schema);
  for (const segment of path) {
    const next: TreeNode | undefined = current ? childNode(current, segment) : undefined;
    if (typeof segment === 'number') {
      const last = parts.pop();
      parts.push(last ? `${last} thứ ${segment + 1}` : `mục thứ ${segment + 1}`);
    } else {
      parts.push(next?.label ?? `"${segment}"`);
    }
    current = next;
  }
  return parts.join(' › ');
}
