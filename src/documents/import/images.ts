/**
 * A picture of the Word file, judged by its bytes. The type a .docx declares for a
 * picture is only its part's file name ("image1.png"): anyone can put an SVG with a
 * script, or a page, under that name. What is written beside the entry is decided by
 * what the bytes are, with the signatures the validator checks attachments against,
 * so that an imported picture never comes out as an `attachments.type-mismatch`.
 */
import sharp from 'sharp';
import { formatBytes } from '../../core/numbers.ts';
import { attachmentTypes } from '../../schemas/vocabularies.ts';
import { imageKindOf } from '../../validator/attachments.ts';

const MAX_IMAGE_BYTES = attachmentTypes.image.maxBytes;
const PIXEL_LIMIT = 100_000_000;

/** Text that starts with a tag: SVG, HTML or other XML, which a browser may run scripts from. */
function isMarkup(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 512))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return head.startsWith('<');
}

/** Raster formats sharp reads that are worth turning into PNG/JPEG; vector and page formats are not. */
const CONVERTIBLE = new Set(['png', 'jpeg', 'webp', 'gif', 'tiff', 'heif', 'avif', 'jp2']);

const FORMAT_NAMES: Record<string, string> = {
  png: 'PNG',
  jpg: 'JPEG',
  jpeg: 'JPEG',
  webp: 'WebP',
  gif: 'GIF',
  tiff: 'TIFF',
  heif: 'HEIF',
  avif: 'AVIF',
  jp2: 'JPEG 2000',
  svg: 'SVG',
};

/** "PNG" for `image/png`, "EMF" for `image/x-emf`: the type the Word file declares, as people call it. */
export function declaredTypeName(contentType: string): string {
  const subtype = contentType
    .toLowerCase()
    .replace(/^image\//, '')
    .replace(/^x-/, '')
    .replace(/\+xml$/, '');
  return FORMAT_NAMES[subtype] ?? (subtype.toUpperCase() || 'không rõ');
}

export type PreparedImage =
  | {
      ok: true;
      content: Buffer;
      extension: 'png' | 'jpg';
      /** What the bytes were, as people call it ("JPEG"). */
      real: string;
    }
  | {
      ok: false;
      /** What the bytes were, as people call it, when known. */
      real?: string;
      /** Why nothing is written, in Vietnamese, to follow "không được đính kèm: ". */
      reason: string;
    };

const ASK_AGAIN = 'Hãy chèn lại ảnh dạng PNG hoặc JPEG.';

/** The picture as an attachment: PNG or JPEG bytes kept as they are, other raster images re-encoded. */
export async function prepareImage(content: Buffer): Promise<PreparedImage> {
  const kind = imageKindOf(content);
  if (isMarkup(content)) {
    const svg = /<svg[\s>]/i.test(Buffer.from(content.subarray(0, 4096)).toString('utf8'));
    return {
      ok: false,
      real: svg ? 'SVG' : 'văn bản đánh dấu (XML/HTML)',
      reason: `nội dung thật là ${svg ? 'ảnh vẽ SVG' : 'văn bản đánh dấu (XML/HTML)'}, không phải ảnh PNG hay JPEG, và có thể chứa mã chạy trên trình duyệt. ${ASK_AGAIN}`,
    };
  }
  let format: string | undefined;
  let hasAlpha = false;
  try {
    const meta = await sharp(content, { limitInputPixels: PIXEL_LIMIT }).metadata();
    format = meta.format;
    hasAlpha = meta.hasAlpha === true;
  } catch {
    format = undefined;
  }
  const real = (kind && FORMAT_NAMES[kind]) ?? (format ? FORMAT_NAMES[format] : undefined);
  // A signature with something else behind it is not a picture anyone can see.
  const readable =
    format !== undefined &&
    CONVERTIBLE.has(format) &&
    (kind === undefined || (kind === 'jpg' ? format === 'jpeg' : format === kind));
  if (!readable) {
    const vector = format === 'svg';
    const reason = kind
      ? `nội dung có phần đầu của ảnh ${real} nhưng không đọc được như một ảnh`
      : real
        ? `nội dung thật là ${vector ? 'ảnh vẽ SVG' : `ảnh ${real}`}, không phải ảnh PNG hay JPEG${vector ? ', và có thể chứa mã chạy trên trình duyệt' : ''}`
        : 'nội dung không phải ảnh PNG, JPEG hay một loại ảnh đọc được';
    return { ok: false, ...(real ? { real } : {}), reason: `${reason}. ${ASK_AGAIN}` };
  }
  const name = real ?? format ?? '';
  if ((kind === 'png' || kind === 'jpg') && content.length <= MAX_IMAGE_BYTES)
    return { ok: true, content, extension: kind, real: name };
  try {
    if (kind !== 'jpg' && (hasAlpha || content.length <= MAX_IMAGE_BYTES)) {
      const png = await sharp(content, { limitInputPixels: PIXEL_LIMIT }).png().toBuffer();
      if (png.length <= MAX_IMAGE_BYTES)
        return { ok: true, content: png, extension: 'png', real: name };
    }
    const jpeg = await sharp(content, { limitInputPixels: PIXEL_LIMIT })
      .resize({ width: 2400, height: 2400, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82 })
      .toBuffer();
    if (jpeg.length <= MAX_IMAGE_BYTES)
      return { ok: true, content: jpeg, extension: 'jpg', real: name };
  } catch {
    // Falls through: a picture sharp cannot re-encode is reported like one too large.
  }
  return {
    ok: false,
    real: name,
    reason: `ảnh ${name} không chuyển được sang PNG/JPEG dưới ${formatBytes(MAX_IMAGE_BYTES)}. ${ASK_AGAIN}`,
  };
}
