import { join } from 'node:path';
import type { Image, Nodes } from 'mdast';
import sharp from 'sharp';
import { readRegularFile } from '../../model/files.ts';
import { type PictureMap, parseMarkdown } from '../render/markdown.ts';

function imagesOf(node: Nodes, found: Image[] = []): Image[] {
  if (node.type === 'image') found.push(node);
  if ('children' in node) for (const child of node.children) imagesOf(child, found);
  return found;
}

/**
 * Loads the pictures an entry's body shows from the entry's own folder, as PNG
 * or JPEG (what Word and PDF both take). Links elsewhere stay as text, and so does
 * a picture that is a symbolic link: it is never followed (see src/model/files.ts).
 */
export async function loadPictures(dir: string, body: string): Promise<PictureMap> {
  const pictures = new Map<string, Omit<import('../render/model.ts').Picture, 'kind' | 'alt'>>();
  for (const image of imagesOf(parseMarkdown(body))) {
    const name = image.url;
    if (pictures.has(name) || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || name.includes('..'))
      continue;
    const read = readRegularFile(join(dir, name));
    if (!read.ok) continue;
    try {
      const input = read.bytes;
      const meta = await sharp(input).metadata();
      if (!meta.width || !meta.height) continue;
      const keep = meta.format === 'png' || meta.format === 'jpeg';
      const data = keep ? input : await sharp(input).png().toBuffer();
      pictures.set(name, {
        data,
        type: meta.format === 'jpeg' ? 'jpg' : 'png',
        width: meta.width,
        height: meta.height,
      });
    } catch {
      // An unreadable picture is left as its text label; the validator reports bad attachments.
    }
  }
  return pictures;
}
