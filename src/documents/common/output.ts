import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { renderDocx } from '../render/docx.ts';
import { MissingFontError } from '../render/fonts.ts';
import type { DocModel } from '../render/model.ts';
import { renderPdf } from '../render/pdf.ts';
import { UsageError, UserError } from './errors.ts';

export type Format = 'docx' | 'pdf';

export function parseFormat(value: string | undefined): Format {
  if (value === 'docx' || value === 'pdf') return value;
  throw new UsageError(
    value
      ? `Định dạng "${value}" không hỗ trợ; chọn --format docx hoặc --format pdf.`
      : 'Thiếu --format docx|pdf.',
  );
}

export async function render(model: DocModel, format: Format): Promise<Buffer> {
  try {
    return format === 'docx' ? await renderDocx(model) : await renderPdf(model);
  } catch (error) {
    if (error instanceof MissingFontError) throw new UserError(error.message);
    throw error;
  }
}

/** Writes the file (creating its folder) and returns its absolute path. */
export function writeOutput(file: string, content: Buffer): string {
  const path = resolve(file);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  } catch (error) {
    throw new UserError(`Không ghi được tệp ${file}: ${(error as Error).message}`);
  }
  return path;
}
