/**
 * Content files from disk, through the one reader (read.ts): size limits, UTF-8,
 * byte-order marks, and the records of every collection of the registry. Node only;
 * the admin reads texts it already has with read.ts directly.
 */
import { isUtf8 } from 'node:buffer';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  type Stats,
} from 'node:fs';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import { formatBytes } from '../core/numbers.ts';
import type {
  Adoption,
  Campaign,
  Decision,
  Initiative,
  Organiser,
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
/**
 * Content never goes through a symbolic link: a link committed into an entry's folder
 * could point at another entry's file or anywhere on the machine that builds the site,
 * and would be read, checked and published as if it were the entry's own file. So
 * every file and folder of the content tree is looked at with lstat, and files are
 * opened with O_NOFOLLOW, so that a link put in place after the look is not followed
 * either. (Only the last part of a path is checked: the content root itself may be a
 * link, as the benchmark's is.) O_NOFOLLOW is 0 where the platform has none (Windows).
 */
const NO_FOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/** What is at a path, never following a symbolic link. */
export type PathKind = 'file' | 'directory' | 'symlink' | 'other';

export function kindOf(path: string): PathKind | undefined {
  let stat: Stats;
  try {
    stat = lstatSync(path);
  } catch {
    return undefined;
  }
  if (stat.isSymbolicLink()) return 'symlink';
  if (stat.isFile()) return 'file';
  if (stat.isDirectory()) return 'directory';
  return 'other';
}

export type RegularFile =
  | { ok: true; bytes: Buffer; size: number }
  | { ok: false; reason: 'missing' | 'symlink' | 'not-file' | 'too-large'; size?: number }
  | { ok: false; reason: 'unreadable'; code: string | undefined };

/**
 * The bytes of a regular file, never through a symbolic link; with `maxBytes`, a larger
 * file is not read at all. With `head`, only that many first bytes are read.
 */
export function readRegularFile(
  path: string,
  options: { maxBytes?: number; head?: number } = {},
): RegularFile {
  const failure = (cause: unknown): RegularFile => {
    const code = (cause as NodeJS.ErrnoException).code;
    // ELOOP: the file was replaced by a link after lstat looked at it.
    if (code === 'ELOOP') return { ok: false, reason: 'symlink' };
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing' };
    return { ok: false, reason: 'unreadable', code };
  };
  let fd: number;
  try {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return { ok: false, reason: 'symlink' };
    if (!stat.isFile()) return { ok: false, reason: 'not-file' };
    fd = openSync(path, NO_FOLLOW);
  } catch (cause) {
    return failure(cause);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: 'not-file' };
    if (options.maxBytes !== undefined && stat.size > options.maxBytes) {
      return { ok: false, reason: 'too-large', size: stat.size };
    }
    if (options.head !== undefined) {
      const buffer = Buffer.alloc(options.head);
      const read = readSync(fd, buffer, 0, options.head, 0);
      return { ok: true, bytes: buffer.subarray(0, read), size: stat.size };
    }
    return { ok: true, bytes: readFileSync(fd), size: stat.size };
  } catch (cause) {
    return failure(cause);
  } finally {
    closeSync(fd);
  }
}

/** The message for a content file that is a symbolic link (the validator and the reader). */
export function symlinkMessage(name: string): string {
  return `"${name}" là liên kết tượng trưng (symbolic link), không phải tệp thật; nội dung không được trỏ tới tệp khác: hãy chép chính tệp vào thay cho liên kết.`;
}

/** Read a file as UTF-8 within a size limit; problems instead of exceptions. */
export function readTextFile(
  path: string,
  maxBytes: number,
): { text: string; hadBom: boolean; problems: Problem[] } {
  const failed = (problem: Problem) => ({ text: '', hadBom: false, problems: [problem] });
  const read = readRegularFile(path, { maxBytes });
  if (!read.ok) {
    switch (read.reason) {
      case 'symlink':
        return failed(error('file.symlink', symlinkMessage(basename(path))));
      case 'missing':
        return failed(error('file.unreadable', 'Không tìm thấy tệp.'));
      case 'not-file':
        return failed(error('file.unreadable', 'Không phải là tệp.'));
      case 'too-large':
        return failed(
          error(
            'file.too-large',
            `Tệp nặng ${formatBytes(read.size ?? 0)}, vượt giới hạn ${formatBytes(maxBytes)} của một tệp nội dung; không kiểm tra tiếp.`,
          ),
        );
      default:
        return failed(
          error('file.unreadable', `Không đọc được tệp (${read.code ?? 'lỗi không rõ'}).`),
        );
    }
  }
  const bytes = read.bytes;
  if (!isUtf8(bytes)) {
    return failed(
      error('unicode.encoding', 'Tệp không phải văn bản UTF-8; hãy lưu lại với bảng mã UTF-8.'),
    );
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

/** Entries already parsed in the current `sharingParses` scope: path → the text and its parse. */
let parsed: Map<string, { source: string; file: EntryFile }> | undefined;

/**
 * Within `work`, an entry read again with the very same text is not parsed again: the committee's
 * report loads every entry and then has the validator read each of them. The parse is shared as
 * it is, so a caller in the scope must not change what it gets (the validator and loadContent
 * only read it).
 */
export async function sharingParses<T>(work: () => Promise<T>): Promise<T> {
  if (parsed) return work();
  parsed = new Map();
  try {
    return await work();
  } finally {
    parsed = undefined;
  }
}

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
    const source = read.hadBom ? `\ufeff${read.text}` : read.text;
    const known = parsed?.get(path);
    if (known?.source === source) return known.file;
    const file = parseEntryText(source, path);
    parsed?.set(path, { source, file });
    return file;
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

/** A regular file (a symbolic link is not one, whatever it points at). */
export function isFile(path: string): boolean {
  return kindOf(path) === 'file';
}

/** A real folder (a symbolic link is not one, whatever it points at). */
export function isDirectory(path: string): boolean {
  return kindOf(path) === 'directory';
}

/** The ids of a folder or files row present under `root` (a list row has none). */
export function listIds(root: string, row: CollectionRow): string[] {
  if (row.layout === 'list') return [];
  const names = listDir(join(root, row.folder)).filter((name) => !name.startsWith('.'));
  if (row.layout === 'folder') {
    // Both the folder and its entry file must be real: lstat on the file alone goes through a linked folder.
    return names.filter(
      (name) => isDirectory(join(root, row.folder, name)) && isFile(join(root, pathOf(row, name))),
    );
  }
  return names
    .filter((name) => name.endsWith(row.extension) && isFile(join(root, row.folder, name)))
    .map((name) => name.slice(0, -row.extension.length));
}

/** Read one record's file through the one reader. */
export function readRecordFile(root: string, row: CollectionRow, id: string): RecordFile {
  const path = pathOf(row, id);
  // lstat of the entry file alone would look through a linked entry folder.
  if (row.layout === 'folder' && kindOf(join(root, row.folder, id)) === 'symlink') {
    return {
      id,
      path,
      raw: undefined,
      body: '',
      text: '',
      problems: [error('file.symlink', symlinkMessage(id))],
    };
  }
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
  organisers: LoadedEntry<Organiser>[];
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
    organisers: loadRow(root, collections.organisers),
    units: validItems(loadRow(root, collections.units)),
    scopeLevels: validItems(loadRow(root, collections.scopeLevels)),
  };
}
