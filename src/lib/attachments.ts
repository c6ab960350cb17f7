import { lstatSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { formatBytes } from '../core/numbers.ts';
import { kindOf, readRegularFile } from '../model/files.ts';
import type { Attachment } from '../schemas/index.ts';
import { attachmentTypeName, extensionLabel } from './terms.ts';

export interface AttachmentView extends Attachment {
  /**
   * Absolute path on disk, or undefined when there is no regular file there: a missing
   * file, or a symbolic link, which is never published (src/model/files.ts says why).
   */
  path?: string;
  bytes?: number;
  sizeLabel?: string;
  typeName: string;
  extension: string;
}

/** Attachments of an entry with their size read from the files beside it. */
export function viewAttachments(
  entryFile: string | undefined,
  attachments: readonly Attachment[],
): AttachmentView[] {
  const folder = entryFile ? dirname(resolve(entryFile)) : undefined;
  return attachments.map((attachment) => {
    const base = {
      ...attachment,
      typeName: attachmentTypeName(attachment.file),
      extension: extensionLabel(attachment.file),
    };
    if (!folder) return base;
    // The schema allows bare file names only; join() cannot leave the folder.
    const path = join(folder, attachment.file);
    // A linked entry folder counts too: lstat on the file alone would look through it.
    if (kindOf(folder) !== 'directory' || kindOf(path) !== 'file') return base;
    const bytes = lstatSync(path).size;
    return { ...base, path, bytes, sizeLabel: formatBytes(bytes) };
  });
}

/** An attachment's bytes, for its page; never through a symbolic link. */
export function attachmentBytes(path: string): Buffer {
  const read = readRegularFile(path);
  if (!read.ok) throw new Error(`Tệp đính kèm "${path}" không phải tệp thường; không công bố.`);
  return read.bytes;
}
