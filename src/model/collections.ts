/**
 * The collection registry: one row per kind of content — where it lives, how its
 * files are named, how an id is read from a path, which schema judges it and what
 * it is called in Vietnamese. Astro's content config, the validator's discovery,
 * field labels, the model docs, the CMS config and every loader map over these rows;
 * no other module spells a content path.
 */
import type { z } from 'zod';
import {
  adoptionSchema,
  campaignSchema,
  decisionSchema,
  initiativeSchema,
  organiserSchema,
  scopeLevelListSchema,
  scopeLevelSchema,
  unitListSchema,
  unitSchema,
} from '../schemas/index.ts';
import { CONTENT_ROOT, LAYOUT } from './layout.ts';

export { CONTENT_ROOT } from './layout.ts';

interface RowBase {
  /** Astro collection name and CMS collection name. */
  name: string;
  /** The validator's name for the kind (used in reports and JSON output). */
  kind: string;
  /** Vietnamese name of the collection, for the CMS and the docs. */
  title: string;
  /** Vietnamese name of one record (in messages: "Mã {noun}"). */
  noun: string;
  /**
   * What the id in a file name is called, when not the noun: a decision file is named
   * after its campaign, so both read `<mã-đợt>` in path patterns.
   */
  idNoun?: string;
  /** Only the committee and maintainers may change these files (see the guard). */
  committeeOwned: boolean;
}

/** One Markdown file per record inside a folder of its own, attachments beside it. */
export interface FolderRow<T = unknown> extends RowBase {
  layout: 'folder';
  format: 'markdown';
  folder: string;
  /** The entry's file inside its folder. */
  entryFile: 'index.md';
  schema: z.ZodType<T>;
}

/** One file per record in a folder; the id is the file name without its extension. */
export interface FilesRow<T = unknown> extends RowBase {
  layout: 'files';
  format: 'markdown' | 'yaml';
  folder: string;
  extension: '.md' | '.yaml';
  schema: z.ZodType<T>;
}

/** One YAML file holding a list of records, each with its own `id`. */
export interface ListRow<T = unknown> extends RowBase {
  layout: 'list';
  format: 'yaml';
  file: string;
  /** One record of the list. */
  schema: z.ZodType<T>;
  /** The whole file: the list and the rules across its items (unique ids, known parents). */
  listSchema: z.ZodType<T[]>;
}

export type CollectionRow = FolderRow | FilesRow | ListRow;

const initiatives = {
  name: 'initiatives',
  kind: 'initiative',
  title: 'Sáng kiến',
  noun: 'sáng kiến',
  committeeOwned: false,
  layout: 'folder',
  format: 'markdown',
  folder: LAYOUT.initiatives,
  entryFile: 'index.md',
  schema: initiativeSchema,
} as const satisfies FolderRow;

const organisers = {
  name: 'organisers',
  kind: 'organiser',
  title: 'Cơ quan tổ chức',
  noun: 'cơ quan tổ chức',
  idNoun: 'cơ quan',
  committeeOwned: true,
  layout: 'files',
  format: 'yaml',
  folder: LAYOUT.organisers,
  extension: '.yaml',
  schema: organiserSchema,
} as const satisfies FilesRow;

const campaigns = {
  name: 'campaigns',
  kind: 'campaign',
  title: 'Đợt phát động',
  noun: 'đợt phát động',
  idNoun: 'đợt',
  committeeOwned: true,
  layout: 'files',
  format: 'markdown',
  folder: LAYOUT.campaigns,
  extension: '.md',
  schema: campaignSchema,
} as const satisfies FilesRow;

const units = {
  name: 'units',
  kind: 'units',
  title: 'Đơn vị',
  noun: 'đơn vị',
  committeeOwned: true,
  layout: 'list',
  format: 'yaml',
  file: LAYOUT.units,
  schema: unitSchema,
  listSchema: unitListSchema,
} as const satisfies ListRow;

const scopeLevels = {
  name: 'scopeLevels',
  kind: 'scope-levels',
  title: 'Phạm vi ảnh hưởng',
  noun: 'phạm vi',
  committeeOwned: true,
  layout: 'list',
  format: 'yaml',
  file: LAYOUT.scopeLevels,
  schema: scopeLevelSchema,
  listSchema: scopeLevelListSchema,
} as const satisfies ListRow;

const decisions = {
  name: 'decisions',
  kind: 'decision',
  title: 'Quyết định của hội đồng',
  noun: 'quyết định',
  idNoun: 'đợt',
  committeeOwned: true,
  layout: 'files',
  format: 'yaml',
  folder: LAYOUT.decisions,
  extension: '.yaml',
  schema: decisionSchema,
} as const satisfies FilesRow;

const adoptions = {
  name: 'adoptions',
  kind: 'adoption',
  title: 'Áp dụng, nhân rộng',
  noun: 'báo cáo áp dụng',
  committeeOwned: false,
  layout: 'files',
  format: 'yaml',
  folder: LAYOUT.adoptions,
  extension: '.yaml',
  schema: adoptionSchema,
} as const satisfies FilesRow;

/** Every collection, in the order the validator reads them (context first). */
export const collections = {
  units,
  scopeLevels,
  organisers,
  campaigns,
  initiatives,
  decisions,
  adoptions,
} as const;

export type CollectionName = keyof typeof collections;
export type Kind = (typeof collections)[CollectionName]['kind'];

export const collectionRows: readonly CollectionRow[] = Object.values(collections);

export function rowOfKind(kind: Kind): CollectionRow {
  return collectionRows.find((row) => row.kind === kind) as CollectionRow;
}

/** The schema that judges a whole file of this kind. */
export function fileSchemaOf(row: CollectionRow): z.ZodType {
  return row.layout === 'list' ? row.listSchema : row.schema;
}

/** Repository-relative path of a record's file (for a list, the list file). */
export function pathOf(row: CollectionRow, id: string): string {
  if (row.layout === 'folder') return `${row.folder}/${id}/${row.entryFile}`;
  if (row.layout === 'files') return `${row.folder}/${id}${row.extension}`;
  return row.file;
}

/** Where a record's files live: its folder (initiatives) or its file. */
export function placeOf(row: CollectionRow, id: string): string {
  return row.layout === 'folder' ? `${row.folder}/${id}` : pathOf(row, id);
}

/** The path pattern in words, for messages and docs: `content/initiatives/<mã-sáng-kiến>/index.md`. */
export function patternLabel(row: CollectionRow): string {
  const placeholder = `<mã-${(row.idNoun ?? row.noun).replaceAll(' ', '-')}>`;
  if (row.layout === 'folder') return `${row.folder}/${placeholder}/${row.entryFile}`;
  if (row.layout === 'files') return `${row.folder}/${placeholder}${row.extension}`;
  return row.file;
}

/** The glob of a row's files relative to its folder (Astro loaders, the CMS). */
export function globOf(row: FolderRow | FilesRow): string {
  return row.layout === 'folder' ? `*/${row.entryFile}` : `*${row.extension}`;
}

/** The files of every collection, relative to the repository root (for the guard and the docs). */
export const contentPaths = {
  root: CONTENT_ROOT,
  organisers: organisers.folder,
  campaigns: campaigns.folder,
  initiatives: initiatives.folder,
  units: units.file,
  scopeLevels: scopeLevels.file,
  decisions: decisions.folder,
  adoptions: adoptions.folder,
} as const;

/** Paths only the committee and maintainers may change. */
export const committeeOwnedPaths: readonly string[] = collectionRows
  .filter((row) => row.committeeOwned)
  .map((row) => (row.layout === 'list' ? row.file : row.folder));

export type Located =
  | { row: CollectionRow; id: string; path: string; entryPath: string }
  | { misplaced: string; code: 'entry.misplaced' | 'safety.entry-extension' | 'entry.unknown' }
  | { ignored: true };

/**
 * What a repository-relative path is: a record of a collection (with its id and the
 * path of the file that holds it), a misplaced file, or something outside content/.
 * Every file of an initiative's folder belongs to that initiative (its attachments).
 */
export function locate(path: string): Located {
  for (const row of collectionRows) {
    if (row.layout === 'list') {
      if (path === row.file) return { row, id: row.name, path, entryPath: path };
      continue;
    }
    if (!path.startsWith(`${row.folder}/`)) continue;
    const rest = path.slice(row.folder.length + 1);
    if (row.layout === 'folder') {
      const slash = rest.indexOf('/');
      if (slash === -1) {
        return {
          misplaced: `Sáng kiến phải nằm trong thư mục riêng: ${patternLabel(row)}.`,
          code: 'entry.misplaced',
        };
      }
      const id = rest.slice(0, slash);
      return { row, id, path, entryPath: pathOf(row, id) };
    }
    if (!rest.includes('/') && rest.endsWith(row.extension)) {
      const id = rest.slice(0, -row.extension.length);
      return { row, id, path, entryPath: path };
    }
    if (rest.split('/').at(-1)?.startsWith('.')) return { ignored: true };
    return {
      misplaced: `Tệp không đúng chỗ hoặc sai loại: trong ${row.folder}/ chỉ có các tệp *${row.extension}${row.extension === '.md' ? ' (Markdown thuần, không MDX)' : ''}.`,
      code: /\.mdx$/i.test(rest) ? 'safety.entry-extension' : 'entry.misplaced',
    };
  }
  if (path.startsWith(`${CONTENT_ROOT}/`)) {
    if ((path.split('/').at(-1) ?? '').startsWith('.')) return { ignored: true };
    return {
      misplaced: 'Tệp không thuộc loại nội dung nào; trang web bỏ qua tệp này.',
      code: 'entry.unknown',
    };
  }
  return { ignored: true };
}

/** The record id of an initiative's folder path or entry path, if the path is one. */
export function initiativeIdOf(path: string): string | undefined {
  const located = locate(path);
  return 'row' in located && located.row === collections.initiatives ? located.id : undefined;
}
