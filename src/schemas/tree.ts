/**
 * The one walker over the content model: each zod schema read once through zod's
 * public `z.toJSONSchema()` (input side, with the Vietnamese labels of `fieldMeta`
 * on every node), kept per schema object. The CMS form, the model tables of
 * docs/model.md, the validator's field names and every `labelOf()` read this tree
 * instead of zod's internals, so a zod upgrade that moves them breaks nothing here.
 * Framework-free and browser-safe: the admin bundles it.
 */
import { z } from 'zod';
import { type FieldMeta, fieldMeta } from './meta.ts';

/**
 * One node of the tree: the JSON Schema keywords this project reads, the field's
 * label, hint and example, and two extension keys for what JSON Schema cannot say.
 */
export interface TreeNode {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';
  properties?: Record<string, TreeNode>;
  /** The keys of `properties` a file must have: neither optional nor defaulted. */
  required?: string[];
  /** A record's values; `false` for a strict object. */
  additionalProperties?: TreeNode | boolean;
  /** A record's keys. */
  propertyNames?: TreeNode;
  items?: TreeNode;
  /** Alternatives (nullable or union fields). */
  anyOf?: TreeNode[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  /** A string format such as `uri`. */
  format?: string;
  default?: unknown;
  label?: string;
  hint?: string;
  example?: string;
  /** On free-text strings: whether a line break is accepted (`paragraph()`) or refused (`line()`). */
  'x-multiline'?: boolean;
  /** On strings with a `pattern`: the schema's own Vietnamese message when a value does not match it. */
  'x-pattern-message'?: string;
}

type Override = NonNullable<Parameters<typeof z.toJSONSchema>[1]>['override'];
type OverrideContext = Parameters<NonNullable<Override>>[0];

/**
 * A value that breaks the pattern and nothing else: within the length bounds, so
 * that the only message zod gives about the pattern is the one the schema chose.
 */
function patternBreaker(node: TreeNode, pattern: string): string | undefined {
  const regex = new RegExp(pattern, 'u');
  const length = Math.max(node.minLength ?? 1, 1);
  if (node.maxLength !== undefined && length > node.maxLength) return undefined;
  return ['!', ' ', 'A', '\u0000', 'a', '0', '-']
    .map((character) => character.repeat(length))
    .find((candidate) => !regex.test(candidate));
}

function patternMessage(schema: z.ZodType, node: TreeNode, pattern: string): string | undefined {
  const sample = patternBreaker(node, pattern);
  if (sample === undefined) return undefined;
  const issues = z.safeParse(schema, sample).error?.issues ?? [];
  const issue = issues.find(
    (candidate) =>
      candidate.code === 'invalid_format' &&
      // zod writes the pattern as `/source/flags`.
      (candidate.pattern === undefined ||
        candidate.pattern.slice(1, candidate.pattern.lastIndexOf('/')) === pattern),
  );
  return issue?.message;
}

/** Adds to zod's JSON Schema what only the zod schema knows, asking it through its public API. */
function annotate({ zodSchema, jsonSchema }: OverrideContext): void {
  const node = jsonSchema as TreeNode;
  const schema = zodSchema as unknown as z.ZodType;
  if (node.type === 'integer') {
    // `int()` states the safe-integer range as bounds; they are not rules of the model.
    if (node.minimum === Number.MIN_SAFE_INTEGER) delete node.minimum;
    if (node.maximum === Number.MAX_SAFE_INTEGER) delete node.maximum;
    return;
  }
  if (node.type !== 'string' || node.enum !== undefined || node.const !== undefined) return;
  // `line()` refuses a line break with a refinement JSON Schema cannot carry: ask the schema.
  const sample = `${'a'.repeat(Math.max(node.minLength ?? 1, 2))}\nb`;
  node['x-multiline'] = z.safeParse(schema, sample).success;
  if (typeof node.pattern === 'string') {
    const message = patternMessage(schema, node, node.pattern);
    if (message !== undefined) node['x-pattern-message'] = message;
  }
}

const trees = new WeakMap<z.ZodType, TreeNode>();

/**
 * The tree of a schema, computed on first use and kept for as long as the schema
 * lives. Callers share it: read it, never change it.
 */
export function schemaTree(schema: z.ZodType): TreeNode {
  let tree = trees.get(schema);
  if (!tree) {
    const { $schema: _draft, ...root } = z.toJSONSchema(schema, {
      metadata: fieldMeta,
      io: 'input',
      unrepresentable: 'any',
      override: annotate,
    }) as TreeNode & { $schema?: string };
    tree = root;
    trees.set(schema, tree);
  }
  return tree;
}

/**
 * Step to one child: an object's key, an array's item (a number), a record's value
 * (any key). Alternatives are searched in order. Undefined when there is no such child.
 */
export function childNode(node: TreeNode, segment: string | number): TreeNode | undefined {
  if (typeof segment === 'number' && node.items) return node.items;
  if (typeof segment === 'string' && node.properties && Object.hasOwn(node.properties, segment))
    return node.properties[segment];
  if (typeof node.additionalProperties === 'object' && !node.properties)
    return node.additionalProperties;
  for (const branch of node.anyOf ?? []) {
    const found = childNode(branch, segment);
    if (found) return found;
  }
  return undefined;
}

/** The node at a path of keys and item indexes (a zod issue's path), if the schema has one there. */
export function nodeAt(
  schema: z.ZodType,
  path: readonly (string | number)[],
): TreeNode | undefined {
  let node: TreeNode | undefined = schemaTree(schema);
  for (const segment of path) {
    if (!node) return undefined;
    node = childNode(node, segment);
  }
  return node;
}

/** One property of an object node, with whether a file must have it. */
export interface TreeField {
  key: string;
  node: TreeNode;
  required: boolean;
}

/** The properties of an object node, in declaration order. */
export function propertiesOf(node: TreeNode): TreeField[] {
  const required = new Set(node.required ?? []);
  return Object.entries(node.properties ?? {}).map(([key, child]) => ({
    key,
    node: child,
    required: required.has(key),
  }));
}

/** The label, hint and example on a node, as `describe()` attached them. */
export function metaOfNode(node: TreeNode): FieldMeta | undefined {
  if (typeof node.label !== 'string') return undefined;
  return {
    label: node.label,
    ...(node.hint !== undefined && { hint: node.hint }),
    ...(node.example !== undefined && { example: node.example }),
  };
}

/** The label of a schema, found through optional, default and pipe wrappers. */
export function metaOf(schema: z.ZodType): FieldMeta | undefined {
  return metaOfNode(schemaTree(schema));
}

/** The Vietnamese label of a field, or "" when it has none: for headers, facts and columns. */
export function labelOf(schema: z.ZodType): string {
  return schemaTree(schema).label ?? '';
}
