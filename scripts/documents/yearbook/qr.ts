import QRCode from 'qrcode';
import type { Picture } from '../render/model.ts';

/** Printed side of a QR code, in millimetres: large enough for any phone at arm's length. */
export const QR_SIZE_MM = 28;

/**
 * A QR code of the initiative's public page, as a PNG drawn module by module (no smoothing),
 * with medium error correction so that a creased or stamped page still scans.
 */
export async function qrPicture(url: string, alt: string): Promise<Picture> {
  const data = await QRCode.toBuffer(url, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 2,
    scale: 8,
    color: { dark: '#000000', light: '#ffffff' },
  });
  // The PNG's width sits in bytes 16–19 of its IHDR chunk; the code is square.
  const side = data.readUInt32BE(16);
  return { kind: 'image', data, type: 'png', width: side, height: side, alt, widthMm: QR_SIZE_MM };
}
