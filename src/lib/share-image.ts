/**
 * Share cards (1200 × 630 PNG) drawn from SVG with sharp. The text uses fonts
 * installed on the build machine through fontconfig: DejaVu Sans or Liberation
 * Sans cover every Vietnamese letter; any sans-serif is the last resort.
 */
import sharp from 'sharp';
import { siteInfo } from './site.ts';

const FONT = "'DejaVu Sans', 'Liberation Sans', 'Noto Sans', Arial, sans-serif";

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Greedy line wrap by character count (the card's fonts are close to monospaced in width). */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current && `${current} ${word}`.length > maxChars) {
      lines.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(current);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1]?.replace(/\s*\S*$/, '')}…`;
    return kept;
  }
  return lines;
}

export function shareCardSvg(kicker: string, title: string, footer: string): string {
  const lines = wrapText(title, 30, 4);
  const titleSpans = lines
    .map((line, index) => `<tspan x="80" dy="${index === 0 ? 0 : 72}">${escapeXml(line)}</tspan>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
  <rect width="1200" height="630" fill="#083a66"/>
  <rect x="0" y="590" width="1200" height="40" fill="#a33d00"/>
  <text x="80" y="120" font-family="${FONT}" font-size="34" fill="#cfe0f1">${escapeXml(kicker)}</text>
  <text x="80" y="220" font-family="${FONT}" font-size="58" font-weight="bold" fill="#ffffff">${titleSpans}</text>
  <text x="80" y="550" font-family="${FONT}" font-size="30" fill="#ffffff">${escapeXml(footer)}</text>
</svg>`;
}

export async function renderShareCard(
  kicker: string,
  title: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const svg = shareCardSvg(kicker, title, siteInfo.name);
  return new Uint8Array(await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer());
}
