import sharp from 'sharp';
import { type IndicatorView, verdictNames } from '../../core/indicators.ts';
import { formatValue } from '../../core/numbers.ts';
import { scaleBars } from '../../lib/bars.ts';
import type { Picture } from '../render/model.ts';
import { LOOK } from './look.ts';

/** Printed width of a chart, in millimetres; drawn at about 250 dpi. */
export const CHART_WIDTH_MM = 150;
const WIDTH = 1500;
const LABEL = 230;
const BAR_AREA = 560;
const TITLE = 34;
const BAR = 36;
const GAP = 12;
const ROW = TITLE + 14 + 2 * (BAR + GAP) + 26;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A title on one line of the chart: the table under it gives the full name. */
function oneLine(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/**
 * The chart of an initiative's indicators as the site draws it: for each, a grey bar before
 * and a blue bar after, on the indicator's own scale (their units differ), with the values.
 */
export function chartSvg(views: readonly IndicatorView[]): string {
  const height = views.length * ROW + 10;
  const rows = views.map((view, index) => {
    const top = index * ROW + 4;
    const bars = scaleBars(
      [
        { label: 'Trước', value: view.before.value },
        { label: 'Sau', value: view.after.value },
      ],
      BAR_AREA,
    );
    const lines = bars.map((bar, position) => {
      const y = top + TITLE + 14 + position * (BAR + GAP);
      const measure = position === 0 ? view.before : view.after;
      const fill = position === 0 ? LOOK.before : LOOK.primary;
      const value = `${formatValue(bar.value, view.unit)} (${measure.period})`;
      return [
        `<text x="0" y="${y + BAR * 0.72}" font-size="29" fill="${LOOK.muted}">${bar.label === 'Trước' ? 'Trước áp dụng' : 'Sau áp dụng'}</text>`,
        `<rect x="${LABEL}" y="${y}" width="${Math.max(bar.length, 2)}" height="${BAR}" fill="${fill}"/>`,
        `<text x="${LABEL + Math.max(bar.length, 2) + 12}" y="${y + BAR * 0.72}" font-size="29" fill="#1b1f24">${escapeXml(oneLine(value, 48))}</text>`,
      ].join('');
    });
    const verdictColour = view.improved
      ? LOOK.good
      : view.verdict === 'worse'
        ? LOOK.bad
        : LOOK.muted;
    return [
      `<text x="0" y="${top + TITLE * 0.85}" font-size="${TITLE}" font-weight="bold" fill="#1b1f24">${escapeXml(oneLine(view.title))}</text>`,
      ...lines,
      `<text x="${LABEL}" y="${top + ROW - 14}" font-size="28" fill="${verdictColour}">${escapeXml(verdictNames[view.verdict])}</text>`,
    ].join('');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Liberation Sans, Arial, sans-serif"><rect width="100%" height="100%" fill="#ffffff"/>${rows.join('')}</svg>`;
}

/** The chart as a PNG picture for both renderers; none for an initiative without indicators. */
export async function chartPicture(
  views: readonly IndicatorView[],
  alt: string,
): Promise<Picture | undefined> {
  if (views.length === 0) return undefined;
  const svg = chartSvg(views);
  // RGB without alpha: the PDF embeds it as it is, no pixel-by-pixel split of an alpha channel.
  const { data, info } = await sharp(Buffer.from(svg))
    .removeAlpha()
    .png({ compressionLevel: 6 })
    .toBuffer({ resolveWithObject: true });
  return {
    kind: 'image',
    data,
    type: 'png',
    width: info.width,
    height: info.height,
    alt,
    widthMm: CHART_WIDTH_MM,
  };
}
