import type { Element as HastElement, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toMdast } from 'hast-util-to-mdast';
import mammoth from 'mammoth';
import type { Root } from 'mdast';
import { matchKey, normalizeLine } from '../../core/text.ts';
import { maxAttachmentsBytesPerEntry } from '../../schemas/vocabularies.ts';
import { UserError } from '../common/errors.ts';
import { declaredTypeName, prepareImage } from './images.ts';
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
    // Named as the person finds it again in Word: its place, its title, its part in the file.
    const declared = declaredTypeName(image.contentType ?? '');
    const named = `Hình ${number}${title ? ` "${title}"` : ''} (${picture?.part ? `tệp ${picture.part} trong tệp Word, ` : ''}khai báo là ${declared})`;
    const converted = await prepareImage(await image.readAsBuffer());
    if (!converted.ok) {
      notes.push(`${named} không được đính kèm: ${converted.reason}`);
      return { src: '' };
    }
    if (total + converted.content.length > maxAttachmentsBytesPerEntry) {
      notes.push(`${named} bị bỏ qua: tổng dung lượng tệp đính kèm vượt 25 MB.`);
      return { src: '' };
    }
    total += converted.content.length;
    const file = `hinh-${images.length + 1}.${converted.extension}`;
    if (converted.real !== declared)
      notes.push(
        `${named}: nội dung thật là ảnh ${converted.real}, đã lưu thành ${file} theo nội dung, không theo khai báo.`,
      );
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
