import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Times New Roman cannot be installed from Debian; Liberation Serif (package
 * fonts-liberation2) has the same metrics and every Vietnamese letter, so the
 * PDF embeds it while the DOCX names Times New Roman.
 */
const FONT_DIRS = [
  process.env.KHO_FONT_DIR,
  '/usr/share/fonts/truetype/liberation2',
  '/usr/share/fonts/truetype/liberation',
  '/usr/local/share/fonts/liberation2',
].filter((dir): dir is string => Boolean(dir));

export interface SerifFonts {
  regular: string;
  bold: string;
  italic: string;
  boldItalic: string;
}

export class MissingFontError extends Error {}

export function findSerifFonts(): SerifFonts {
  for (const dir of FONT_DIRS) {
    const fonts = {
      regular: join(dir, 'LiberationSerif-Regular.ttf'),
      bold: join(dir, 'LiberationSerif-Bold.ttf'),
      italic: join(dir, 'LiberationSerif-Italic.ttf'),
      boldItalic: join(dir, 'LiberationSerif-BoldItalic.ttf'),
    };
    if (Object.values(fonts).every((file) => existsSync(file))) return fonts;
  }
  throw new MissingFontError(
    'Không tìm thấy phông chữ Liberation Serif (thay thế Times New Roman) để tạo PDF. ' +
      'Cài gói Debian "fonts-liberation2" (apt-get install fonts-liberation2) hoặc đặt biến KHO_FONT_DIR trỏ tới thư mục chứa LiberationSerif-*.ttf.',
  );
}
