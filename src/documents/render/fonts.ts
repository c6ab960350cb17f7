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

function findFamily(family: 'Serif' | 'Sans', replaces: string): SerifFonts {
  for (const dir of FONT_DIRS) {
    const fonts = {
      regular: join(dir, `Liberation${family}-Regular.ttf`),
      bold: join(dir, `Liberation${family}-Bold.ttf`),
      italic: join(dir, `Liberation${family}-Italic.ttf`),
      boldItalic: join(dir, `Liberation${family}-BoldItalic.ttf`),
    };
    if (Object.values(fonts).every((file) => existsSync(file))) return fonts;
  }
  throw new MissingFontError(
    `Không tìm thấy phông chữ Liberation ${family} (thay thế ${replaces}) để tạo PDF. ` +
      `Cài gói Debian "fonts-liberation2" (apt-get install fonts-liberation2) hoặc đặt biến KHO_FONT_DIR trỏ tới thư mục chứa Liberation${family}-*.ttf.`,
  );
}

export function findSerifFonts(): SerifFonts {
  return findFamily('Serif', 'Times New Roman');
}

/** Liberation Sans, metric-compatible with Arial: the site's sans-serif look in print. */
export function findSansFonts(): SerifFonts {
  return findFamily('Sans', 'Arial');
}

/**
 * Whether both print families are installed. The site's build makes yearbooks only then: a
 * first `npm start` on a machine without the fonts still gets its site (and says why there is
 * no yearbook), while a deploy build refuses to publish without them.
 */
export function printFontsProblem(): string | undefined {
  try {
    findSerifFonts();
    findSansFonts();
    return undefined;
  } catch (error) {
    if (error instanceof MissingFontError) return error.message;
    throw error;
  }
}
