import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import yauzl from 'yauzl';
import { UsageError, UserError } from '../common/errors.ts';

/** Limits for a Word file sent by a person: generous for real documents, fatal for zip bombs. */
export const LIMITS = {
  fileBytes: 30 * 1024 * 1024,
  entries: 2000,
  unpackedBytes: 150 * 1024 * 1024,
  /** A single part compressing better than this is not a document. */
  ratio: 200,
} as const;

const MB = 1024 * 1024;

/**
 * Reads the file and checks that it is a genuine, reasonable .docx before
 * mammoth unpacks it: the declared sizes are checked first, then every part is
 * inflated with a running count, because a zip's headers may lie.
 */
export async function readDocx(path: string): Promise<Buffer> {
  const name = basename(path);
  if (!existsSync(path)) throw new UsageError(`Không tìm thấy tệp "${path}".`);
  const stat = statSync(path);
  if (!stat.isFile()) throw new UsageError(`"${path}" không phải là một tệp.`);
  if (stat.size > LIMITS.fileBytes)
    throw new UserError(
      `Tệp "${name}" nặng ${(stat.size / MB).toFixed(1)} MB, vượt giới hạn ${LIMITS.fileBytes / MB} MB. Hãy nén ảnh trong Word (Tệp → Nén ảnh) rồi thử lại.`,
    );
  const buffer = readFileSync(path);
  if (buffer.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])))
    throw new UserError(
      `Tệp "${name}" là định dạng Word cũ (.doc). Hãy mở bằng Word hoặc LibreOffice và lưu lại thành .docx.`,
    );
  if (buffer.subarray(0, 4).toString('latin1') === '%PDF')
    throw new UserError(`Tệp "${name}" là PDF, không phải Word .docx. Hãy gửi bản Word (.docx).`);
  if (!buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])))
    throw new UserError(
      `Tệp "${name}" không phải tệp Word .docx (không đúng cấu trúc tệp nén của Word).`,
    );
  await inspectZip(buffer, name);
  return buffer;
}

async function inspectZip(buffer: Buffer, name: string): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true });
  } catch {
    throw new UserError(`Tệp "${name}" bị hỏng hoặc không phải tệp Word .docx.`);
  }
  if (zip.entryCount > LIMITS.entries)
    throw new UserError(
      `Tệp "${name}" chứa ${zip.entryCount} thành phần, quá nhiều cho một văn bản Word.`,
    );
  const refuse = () =>
    new UserError(
      `Tệp "${name}" khi giải nén quá lớn so với kích thước tệp (nghi là "bom nén"); không xử lý.`,
    );
  let declared = 0;
  let unpacked = 0;
  let hasDocument = false;
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName === 'word/document.xml') hasDocument = true;
      declared += entry.uncompressedSize;
      if (declared > LIMITS.unpackedBytes) throw refuse();
      if (
        entry.uncompressedSize > MB &&
        entry.uncompressedSize > entry.compressedSize * LIMITS.ratio
      )
        throw refuse();
      if (entry.fileName.endsWith('/')) continue;
      const stream = await zip.openReadStreamPromise(entry);
      const isXml = /\.(?:xml|rels)$/i.test(entry.fileName);
      let tail = '';
      for await (const chunk of stream) {
        unpacked += (chunk as Buffer).length;
        if (unpacked > LIMITS.unpackedBytes) {
          stream.destroy();
          throw refuse();
        }
        // Word never declares a DOCTYPE; one in a part can only be there to expand entities.
        if (isXml) {
          const text = tail + (chunk as Buffer).toString('latin1');
          if (/<!(?:DOCTYPE|ENTITY)/i.test(text)) {
            stream.destroy();
            throw new UserError(
              `Tệp "${name}" có phần ${entry.fileName} khai báo DOCTYPE/ENTITY, không phải văn bản Word bình thường; không xử lý.`,
            );
          }
          tail = text.slice(-16);
        }
      }
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`Tệp "${name}" bị hỏng, không giải nén được: ${(error as Error).message}`);
  } finally {
    zip.close();
  }
  if (!hasDocument)
    throw new UserError(
      `Tệp "${name}" là tệp nén nhưng không phải văn bản Word .docx (thiếu phần word/document.xml).`,
    );
}
