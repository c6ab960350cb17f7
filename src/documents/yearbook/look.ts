/**
 * The site's look in print: its primary blue for headings and the "after" bars, its grey
 * for the "before" bars (src/styles/site.css, src/styles/initiative.css), set in the site's
 * sans-serif face (Liberation Sans in the PDF, Arial in Word).
 */
export const LOOK = {
  primary: '#0b4f8a',
  muted: '#4a5361',
  before: '#5b6573',
  surface: '#f3f6f9',
  border: '#c9d1da',
  good: '#1d6b34',
  bad: '#a3261a',
} as const;

/** Type sizes of the booklet, in points. */
export const SIZES = { body: 11, table: 9.5, chapter: 16, section: 12 } as const;
