/**
 * A hast plugin for initiative bodies, run after the sanitizer: every image loads lazily
 * and decodes off the main thread, and an image published beside its entry
 * (`<base>sang-kien/<slug>/<file>`, see attachmentImages) gets its own width and height, read
 * from the file's header, so the page does not jump while it loads.
 */
import { lstatSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Element } from 'hast';
import sharp from 'sharp';
import { initiativeSlugOf } from './markdown-safety.ts';

interface ImageContext {
  readonly fileURL: URL | undefined;
  replaceNode(node: object, replacement: Element): void;
}

const BARE_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Width and height as shown (EXIF orientation applied), or undefined for what is not an image. */
export async function imageSize(
  path: string,
): Promise<{ width: number; height: number } | undefined> {
  try {
    // A link to elsewhere is never published (attachments are regular files only).
    if (!lstatSync(path).isFile()) return undefined;
    const meta = await sharp(path).metadata();
    const width = meta.autoOrient?.width ?? meta.width;
    const height = meta.autoOrient?.height ?? meta.height;
    return width && height ? { width, height } : undefined;
  } catch {
    return undefined;
  }
}

/** The size of an image published beside the entry being rendered, if `node` shows one. */
async function ownImageSize(
  node: Element,
  fileURL: URL | undefined,
  prefix: string,
): Promise<{ width: number; height: number } | undefined> {
  const src = node.properties?.src;
  const slug = initiativeSlugOf(fileURL);
  if (!slug || !fileURL || typeof src !== 'string' || !src.startsWith(`${prefix}${slug}/`)) {
    return undefined;
  }
  const file = src.slice(`${prefix}${slug}/`.length);
  if (!BARE_FILE.test(file)) return undefined;
  return imageSize(join(dirname(fileURLToPath(fileURL)), file));
}

export function imageAttributes(base: string) {
  const prefix = `${base.endsWith('/') ? base : `${base}/`}sang-kien/`;
  return {
    name: 'kho-image-attributes',
    element: {
      filter: ['img'],
      async visit(node: Element, ctx: ImageContext) {
        const size = await ownImageSize(node, ctx.fileURL, prefix);
        ctx.replaceNode(node, {
          ...node,
          properties: { ...node.properties, ...size, loading: 'lazy', decoding: 'async' },
        });
      },
    },
  };
}
