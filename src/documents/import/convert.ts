import type { Element as HastElement, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toMdast } from 'hast-util-to-mdast';
import mammoth from 'mammoth';
import type { Root } from 'mdast';
import sharp from 'sharp';
import { matchKey, normalizeLine } from '../../core/text.ts';
import { attachmentTypes, maxAttachmentsBytesPerEntry } from '../../schemas/vocabularies.ts';
import { UserError } from '../common/errors.ts';
import { type DocxFacts, readDocxFacts } from './parts.ts';

export interface ExtractedImage {
  file: string;
  title: string;
  /** Whether the title comes from the picture itself (else it is "Hình N"). */
  titled: boolean;
  content: Buffer;
}

export interface Converted {
  tree: Root;
  images: ExtractedImage[];
  /** Things the person should know: images dropped or re-encoded, converter warnings. */
  notes: string[];
  facts: DocxFacts;
}

const MAX_IMAGES = 20;
const MAX_IMAGE_BYTES = attachmentTypes.image.maxBytes;

/** Turns any picture Word holds into a PNG or JPEG that fits the attachment rules. */
async function toAttachmentImage(
  content: Buffer,
  contentType: string,
): Promise<{ content: Buffer; extension: 'png' | 'jpg' } | undefined> {
  if (contentType === 'image/png' && content.length <= MAX_IMAGE_BYTES)
    return { content, extension: 'png' };
  if (
    (contentType === 'image/jpeg' || contentType === 'image/jpg') &&
    content.length <= MAX_IMAGE_BYTES
  )
    return { content, extension: 'jpg' };
  try {
    const image = sharp(content, { limitInputPixels: 100_000_000 });
    const meta = await image.metadata();
    if (contentType !== 'image/jpeg' && (meta.hasAlpha || content.length <= MAX_IMAGE_BYTES)) {
      const png = await image.png().toBuffer();
      if (png.length <= MAX_IMAGE_BYTES) return { content: png, extension: 'png' };
    }
    const jpeg = await sharp(content, { limitInputPixels: 100_000_000 })
      .resize({ width: 2400, height: 2400, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82 })
      .toBuffer();
    return jpeg.length <= MAX_IMAGE_BYTES ? { content: jpeg, extension: 'jpg' } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Word tables rarely mark a header row, and mammoth then writes no <thead>; the
 * first row is the header in practice, and Markdown needs one.
 */
function promoteHeaderRows(node: HastRoot | HastElement): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'table') {
      const hasHead = child.children.some(
        (part) => part.type === 'element' && part.tagName === 'thead',
      );
      const body = child.children.find(
        (part): part is HastElement => part.type === 'element' && part.tagName === 'tbody',
      );
      const rows = (body ?? child).children;
      const first = rows.findIndex((row) => row.type === 'element' && row.tagName === 'tr');
      if (!hasHead && first >= 0) {
        const [row] = rows.splice(first, 1) as HastElement[];
        if (row) {
          for (const cell of row.children)
            if (cell.type === 'element' && cell.tagName === 'td') cell.tagName = 'th';
          child.children.unshift({
            type: 'element',
            tagName: 'thead',
            properties: {},
            children: [row],
          });
        }
      }
    }
    promoteHeaderRows(child);
  }
}

/** Converts the .docx with mammoth, keeps its pictures as PNG/JPEG files, and returns Markdown's tree. */
export async function convertDocx(buffer: Buffer, name: string): Promise<Converted> {
  const images: ExtractedImage[] = [];
  const notes: string[] = [];
  let seen = 0;
  let total = 0;
  let facts: DocxFacts;
  try {
    facts = await readDocxFacts(buffer);
  } catch (error) {
    throw new UserError(
      `Không đọc được nội dung tệp Word "${name}": ${(error as Error).message}. Hãy mở tệp bằng Word và lưu lại thành .docx.`,
    );
  }
  const convertImage = mammoth.images.imgElement(async (image) => {
    seen += 1;
    const number = seen;
    // Mammoth reads the picture drawn for old Word versions, which has no title: the title is
    // taken from the drawing itself, in the same order; mammoth's own text is the fallback.
    const picture = facts.pictures[number - 1];
    const own = ((image as unknown as { altText?: string }).altText ?? '').trim();
    let title = normalizeLine(picture?.title || picture?.description || own);
    const description = normalizeLine(picture?.description ?? '');
    // A description that starts with the title says the same, longer ("Sơ đồ" → "Sơ đồ quy trình …").
    if (description && matchKey(description).startsWith(matchKey(title))) title = description;
    const alt = description && description !== title ? `${title} – ${description}` : title;
    if (images.length >= MAX_IMAGES) {
      notes.push(`Hình ${number} bị bỏ qua: mỗi sáng kiến đính kèm tối đa ${MAX_IMAGES} tệp.`);
      return { src: '' };
    }
    const converted = await toAttachmentImage(await image.readAsBuffer(), image.contentType);
    if (!converted) {
      notes.push(
        `Hình ${number} (${image.contentType}) không chuyển được sang PNG/JPEG dưới 5 MB; hãy chèn lại ảnh dạng PNG hoặc JPEG.`,
      );
      return { src: '' };
    }
    if (total + converted.content.length > maxAttachmentsBytesPerEntry) {
      notes.push(`Hình ${number} bị bỏ qua: tổng dung lượng tệp đính kèm vượt 25 MB.`);
      return { src: '' };
    }
    total += converted.content.length;
    const file = `hinh-${images.length + 1}.${converted.extension}`;
    images.push({
      file,
      title: title.length >= 3 ? title.slice(0, 160) : `Hình ${images.length + 1}`,
      titled: title.length >= 3,
      content: converted.content,
    });
    return { src: file, alt } as { src: string };
  });
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer },
      {
        convertImage,
        externalFileAccess: false,
        ignoreEmptyParagraphs: true,
        styleMap: ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"],
      },
    );
    html = result.value;
  } catch (error) {
    throw new UserError(
      `Không đọc được nội dung tệp Word "${name}": ${(error as Error).message}. Hãy mở tệp bằng Word và lưu lại thành .docx.`,
    );
  }
  const hast = fromHtml(html, { fragment: true });
  promoteHeaderRows(hast);
  const tree = toMdast(hast) as Root;
  return { tree, images, notes, facts };
}
