/**
 * Attachments of an initiative: each declared file exists beside index.md, is
 * of an allowed type by extension and by its first bytes (a renamed .exe is
 * caught), within the size limits; videos are links, never files. Files in the
 * folder that are not declared are reported, dangerous ones as errors. Nothing in
 * the folder may be a symbolic link (src/model/files.ts says why): it is refused,
 * never followed.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatBytes } from '../core/numbers.ts';
import { kindOf, readRegularFile, symlinkMessage } from '../model/files.ts';
import { error, type Problem, warning } from '../model/problems.ts';
import {
  attachmentTypeOf,
  attachmentTypes,
  maxAttachmentsBytesPerEntry,
  videoExtensions,
} from '../schemas/index.ts';
import type { DeclaredAttachment } from './entry-rules.ts';

export type { DeclaredAttachment } from './entry-rules.ts';

const VIDEO = new Set<string>(videoExtensions);
/** Files that a site generator or browser could execute or render as a page. */
const EXECUTABLE =
  /\.(?:mdx|md|markdown|html?|xhtml|svg|js|mjs|cjs|jsx|ts|tsx|astro|vue|svelte|php|sh|bat|cmd|ps1|exe|dll|jar|py|rb|pl|json|ya?ml|toml)$/i;

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(dot + 1).toLowerCase();
}

function startsWith(head: Uint8Array, magic: readonly number[], at = 0): boolean {
  return magic.every((byte, index) => head[at + index] === byte);
}

/** The image types an attachment may be, as their files are named. */
export type ImageKind = 'png' | 'jpg' | 'webp';

/**
 * PNG, JPEG or WebP by the first bytes (WebP is RIFF…WEBP), else undefined: the rule for an
 * attachment's image and for a picture taken from a Word file (src/documents/import/images.ts).
 */
export function imageKindOf(head: Uint8Array): ImageKind | undefined {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8))
    return 'webp';
  return undefined;
}

/** Whether the first bytes match the extension (png is PNG, jpg is JPEG, webp is RIFF…WEBP). */
function magicMatches(name: string, head: Buffer): boolean {
  const extension = extensionOf(name);
  const type = attachmentTypeOf(name);
  if (!type) return false;
  if (extension === 'png' || extension === 'webp') return imageKindOf(head) === extension;
  if (extension === 'jpg' || extension === 'jpeg') return imageKindOf(head) === 'jpg';
  return attachmentTypes[type].magic.some((magic) => startsWith(head, magic));
}

export function checkAttachments(
  folder: string,
  declared: readonly DeclaredAttachment[],
  entryFile = 'index.md',
): Problem[] {
  const problems: Problem[] = [];
  const listed = new Set(declared.map((attachment) => attachment.file));
  let total = 0;
  for (const attachment of declared) {
    const field = `attachments[${attachment.index}].file`;
    const at = { field, line: attachment.line };
    const extension = extensionOf(attachment.file);
    if (VIDEO.has(extension)) {
      problems.push(
        error(
          'attachments.video',
          `"${attachment.file}": video phải là đường liên kết (mục Video), không đính kèm tệp video.`,
          at,
        ),
      );
      continue;
    }
    const type = attachmentTypeOf(attachment.file);
    if (
      !type ||
      attachment.file.includes('/') ||
      attachment.file.includes('\\') ||
      attachment.file.includes('..')
    ) {
      // The schema already explains the allowed names and types.
      continue;
    }
    // The first bytes and the size come from one open file, which is never a link.
    const read = readRegularFile(join(folder, attachment.file), { head: 16 });
    if (!read.ok) {
      problems.push(
        read.reason === 'symlink'
          ? error('attachments.symlink', `Tệp đính kèm ${symlinkMessage(attachment.file)}`, at)
          : read.reason === 'unreadable'
            ? error('attachments.unreadable', `Không đọc được tệp "${attachment.file}".`, at)
            : error(
                'attachments.missing',
                `Không tìm thấy tệp "${attachment.file}" trong thư mục của sáng kiến.`,
                at,
              ),
      );
      continue;
    }
    const size = read.size;
    const head = read.bytes;
    total += size;
    const limit = attachmentTypes[type].maxBytes;
    if (size > limit) {
      problems.push(
        error(
          'attachments.too-large',
          `Tệp "${attachment.file}" nặng ${formatBytes(size)}, vượt giới hạn ${formatBytes(limit)} của loại ${attachmentTypes[type].name}.`,
          at,
        ),
      );
    }
    if (!magicMatches(attachment.file, head)) {
      problems.push(
        error(
          'attachments.type-mismatch',
          `Nội dung tệp "${attachment.file}" không phải ${attachmentTypes[type].name} như phần mở rộng .${extensionOf(attachment.file)} cho biết.`,
          at,
        ),
      );
    }
  }
  if (total > maxAttachmentsBytesPerEntry) {
    problems.push(
      error(
        'attachments.total-too-large',
        `Tổng dung lượng tệp đính kèm là ${formatBytes(total)}, vượt giới hạn ${formatBytes(maxAttachmentsBytesPerEntry)} của một sáng kiến.`,
        { field: 'attachments' },
      ),
    );
  }
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    names = [];
  }
  for (const name of names.sort()) {
    if (name === entryFile || listed.has(name)) continue;
    const kind = kindOf(join(folder, name));
    if (kind === 'symlink') {
      // Any link, hidden or not, declared or not: a build step might still follow it.
      problems.push(error('attachments.symlink', `Tệp ${symlinkMessage(name)}`));
    } else if (kind === 'directory') {
      problems.push(
        error(
          'attachments.subfolder',
          `Thư mục con "${name}" không được phép: tệp đính kèm đặt ngay cạnh index.md.`,
        ),
      );
    } else if (VIDEO.has(extensionOf(name))) {
      problems.push(
        error(
          'attachments.video',
          `"${name}": video phải là đường liên kết, không đặt tệp video vào thư mục.`,
        ),
      );
    } else if (/\.mdx$/i.test(name) || /^index\./i.test(name)) {
      problems.push(
        error(
          'safety.entry-extension',
          `Tệp "${name}": nội dung sáng kiến chỉ được là index.md (Markdown thuần, không MDX).`,
        ),
      );
    } else if (EXECUTABLE.test(name)) {
      problems.push(
        error(
          'safety.file-type',
          `Tệp "${name}" có loại không được phép đặt trong thư mục sáng kiến.`,
        ),
      );
    } else if (name.startsWith('.')) {
      // Editor and OS files (.DS_Store) are ignored by the site; not the submitter's concern.
    } else {
      problems.push(
        warning(
          'attachments.unlisted',
          `Tệp "${name}" có trong thư mục nhưng chưa khai báo trong mục "Tệp đính kèm"; tệp này sẽ không được công bố.`,
        ),
      );
    }
  }
  return problems;
}
