import QRCode from 'qrcode';
import sharp from 'sharp';
import type { Picture } from '../render/model.ts';

/** Printed side of a QR code, in millimetres: large enough for any phone at arm's length. */
export const QR_SIZE_MM = 28;
/** Pixels per module, and the quiet zone around the code in modules. */
const SCALE = 8;
const MARGIN = 2;

/**
 * A QR code of the initiative's public page, with medium error correction so that a creased
 * or stamped page still scans. Drawn module by module as a grey-scale PNG without alpha,
 * which the PDF embeds as it is (a PNG with alpha would be split pixel by pixel).
 */
export async function qrPicture(url: string, alt: string): Promise<Picture> {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const side = (modules.size + 2 * MARGIN) * SCALE;
  const pixels = Buffer.alloc(side * side, 255);
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) {
      if (!modules.get(row, column)) continue;
      const top = (row + MARGIN) * SCALE;
      const left = (column + MARGIN) * SCALE;
      for (let y = top; y < top + SCALE; y++)
        pixels.fill(0, y * side + left, y * side + left + SCALE);
    }
  }
  const data = await sharp(pixels, { raw: { width: side, height: side, channels: 1 } })
    .png({ compressionLevel: 6 })
    .toBuffer();
  return { kind: 'image', data, type: 'png', width: side, height: side, alt, widthMm: QR_SIZE_MM };
}
