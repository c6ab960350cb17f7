import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { formatBytes } from '../core/numbers.ts';
import type { Attachment } from '../schemas/index.ts';
import { attachmentTypeName, extensionLabel } from './terms.ts';

export interface AttachmentView extends Attachment {
  /** Absolute path on disk, or undefined when the file is missing. */
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
    try {
      const bytes = statSync(path).size;
      return { ...base, path, bytes, sizeLabel: formatBytes(bytes) };
    } catch {
      return base;
    }
  });
}
