/**
 * Content files from disk, through the one reader (read.ts): size limits, UTF-8,
 * byte-order marks, and the records of every collection of the registry. Node only;
 * the admin reads texts it already has with read.ts directly.
 */
import { isUtf8 } from 'node:buffer';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { formatBytes } from '../core/numbers.ts';
import type {
  Adoption,
  Campaign,
  Decision,
  Initiative,
  ScopeLevel,
  Unit,
} from '../schemas/index.ts';
import { type CollectionRow, collections, pathOf } from './collections.ts';
import { error, type Problem } from './problems.ts';
import {
  type EntryFile,
  isPlainRecord,
  parseEntryText,
  parseYamlSafely,
  withLineFeeds,
  type YamlFile,
} from './read.ts';

/** Entries are a few kilobytes; anything this large is refused before parsing. */
export const MAX_ENTRY_BYTES = 512 * 1024;
/** Data files (units, decisions) may hold many records. */
export const MAX_DATA_BYTES = 4 * 1024 * 1024;
/** Read a file as UTF-8 within a size limit; problems instead of exceptions. */
export function readTextFile(
  path: string,
  maxBytes: number,
): { text: string; hadBom: boolean; problems: Problem[] } {
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) {
      return {
        text: '',
        hadBom: false,
        problems: [error('file.unreadable', 'Không phải là tệp.')],
      };
    }
    if (stat.size > maxBytes) {
      return {
        text: '',
        hadBom: false,
        problems: [
          error(
            'file.too-large',
            `Tệp nặng ${formatBytes(stat.size)}, vượt giới hạn ${formatBytes(maxBytes)} của một tệp nội dung; không kiểm tra tiếp.`,
          ),
        ],
      };
    }
    bytes = readFileSync(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT' ? 'Không tìm thấy tệp.' : `Không đọc được tệp (${code ?? 'lỗi không rõ'}).`;
    return { text: '', hadBom: false, problems: [error('file.unreadable', message)] };
  }
  if (!isUtf8(bytes)) {
    return {
      text: '',
      hadBom: false,
      problems: [
        error('unicode.encoding', 'Tệp không phải văn bản UTF-8; hãy lưu lại với bảng mã UTF-8.'),
      ],
    };
  }
  const text = bytes.toString('utf8');
  const hadBom = text.charCodeAt(0) === 0xfeff;
  return { text: hadBom ? text.slice(1) : text, hadBom, problems: [] };
}

/** What a reader returns for a file it could not read at all: no data, only the problems. */
function unreadable(path: string, problems: Problem[]): YamlFile & { data: undefined } {
  return {
    path,
    text: '',
    hadBom: false,
    data: undefined,
    problems,
    lineOf: () => undefined,
    lineOfOffset: () => 1,
    doc: undefined,
    scalars: [],
  };
}

const unexpected = () => error('internal', 'Không đọc được tệp do lỗi không mong đợi.');

/**
 * Read an entry (`index.md`, a campaign). Never throws: a missing, huge,
 * non-UTF-8 or hostile file yields `data: undefined` and problems.
 */
export function readEntryFile(path: string): EntryFile {
  try {
    const read = readTextFile(path, MAX_ENTRY_BYTES);
    if (read.problems.length > 0) {
      return { ...unreadable(path, read.problems), body: '', bodyStartLine: 1 };
    }
    // The reader itself reads past (and warns of) a byte-order mark.
    return parseEntryText(read.hadBom ? `\ufeff${read.text}` : read.text, path);
  } catch {
    return { ...unreadable(path, [unexpected()]), body: '', bodyStartLine: 1 };
  }
}

/** Read a data file (units, scope levels, decisions, adoptions). Never throws. */
export function readYamlFile(path: string): YamlFile {
  try {
    const read = readTextFile(path, MAX_DATA_BYTES);
    if (read.problems.length > 0) {
      return unreadable(path, read.problems);
    }
    const text = withLineFeeds(read.text);
    const parsed = parseYamlSafely(text, 1);
    return Object.assign(parsed, { path, text, hadBom: read.hadBom });
  } catch {
    return unreadable(path, [unexpected()]);
  }
}

/** One record of a collection as read from disk, before any schema. */
export interface RecordFile {
  id: string;
  /** Repository-relative path of the file that holds it, forward slashes. */
  path: string;
  /** Front matter or YAML value (for a list row: the item), as the reader read it. */
  raw: unknown;
  /** Markdown body (empty for YAML files). */
  body: string;
  /** The file's text after the reader's normalisation (line feeds, no BOM). */
  text: string;
  /** What the reader found wrong with the file itself. */
  problems: Problem[];
}

/** The names in a folder, sorted; none when it cannot be read. */
export function listDir(path: string): string[] {
  try {
    return readdirSync(path).sort();
  } catch {
    return [];
  }
}

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The ids of a folder or files row present under `root` (a list row has none). */
export function listIds(root: string, row: CollectionRow): string[] {
  if (row.layout === 'list') return [];
  const names = listDir(join(root, row.folder)).filter((name) => !name.startsWith('.'));
  if (row.layout === 'folder') {
    return names.filter((name) => isFile(join(root, pathOf(row, name))));
  }
  return names
    .filter((name) => name.endsWith(row.extension))
    .map((name) => name.slice(0, -row.extension.length));
}

/** Read one record's file through the one reader. */
export function readRecordFile(root: string, row: CollectionRow, id: string): RecordFile {
  const path = pathOf(row, id);
  const file =
    row.format === 'markdown' ? readEntryFile(join(root, path)) : readYamlFile(join(root, path));
  return {
    id,
    path,
    raw: file.data,
    body: 'body' in file && typeof file.body === 'string' ? file.body : '',
    text: file.text,
    problems: file.problems,
  };
}

/**
 * Every record of a collection under `root`, read through the one reader: one per
 * file, or one per item of a list file (the item's `id` is its id).
 */
export function readRecords(root: string, row: CollectionRow): RecordFile[] {
  if (row.layout !== 'list') return listIds(root, row).map((id) => readRecordFile(root, row, id));
  const file = readYamlFile(join(root, row.file));
  if (!Array.isArray(file.data)) return [];
  return file.data.map((item, index) => ({
    id: isPlainRecord(item) && typeof item.id === 'string' ? item.id : String(index),
    path: row.file,
    raw: item,
    body: '',
    text: file.text,
    problems: file.problems,
  }));
}

/** One loaded record: its id, where it lives, and its data once the schema accepted it. */
export interface LoadedEntry<T> {
  /** File name without extension, or the folder name for initiatives. */
  id: string;
  /** Path relative to the content root's parent, forward slashes. */
  path: string;
  /** Schema-parsed data; undefined when the file does not pass the schema. */
  data: T | undefined;
  /** Raw front matter or YAML value, as read. */
  raw: unknown;
  /** Markdown body (empty for YAML files). */
  body: string;
  problems: Problem[];
}

export interface LoadedContent {
  root: string;
  campaigns: LoadedEntry<Campaign>[];
  initiatives: LoadedEntry<Initiative>[];
  decisions: LoadedEntry<Decision>[];
  adoptions: LoadedEntry<Adoption>[];
  /** Units that pass the schema (invalid items are left out). */
  units: Unit[];
  scopeLevels: ScopeLevel[];
}

function loadRow<T>(root: string, row: CollectionRow & { schema: z.ZodType<T> }): LoadedEntry<T>[] {
  return readRecords(root, row).map((record) => {
    let data: T | undefined;
    if (
      record.raw !== undefined &&
      record.problems.every((problem) => problem.severity !== 'error')
    ) {
      const result = row.schema.safeParse(record.raw);
      if (result.success) data = result.data;
    }
    return {
      id: record.id,
      path: record.path,
      data,
      raw: record.raw,
      body: record.body,
      problems: record.problems,
    };
  });
}

function validItems<T>(entries: LoadedEntry<T>[]): T[] {
  return entries.flatMap((entry) => (entry.data === undefined ? [] : [entry.data]));
}

/**
 * Load the whole content tree under `root` (the repository root) for reports
 * and pages: every campaign, initiative, decision and adoption with its parsed
 * data. Files that fail the schema are still listed, with `data: undefined`.
 */
export async function loadContent(root = process.cwd()): Promise<LoadedContent> {
  return {
    root,
    campaigns: loadRow(root, collections.campaigns),
    initiatives: loadRow(root, collections.initiatives),
    decisions: loadRow(root, collections.decisions),
    adoptions: loadRow(root, collections.adoptions),
    units: validItems(loadRow(root, collections.units)),
    scopeLevels: validItems(loadRow(root, collections.scopeLevels)),
  };
}
