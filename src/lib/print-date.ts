/**
 * The day a page is printed, on its print footer (src/layouts/Base.astro). Without JavaScript the
 * footer says only how fresh the data are; with it, the date of the paper copy is written in just
 * before the browser prints, so a printout never passes an older date off as the day it was made.
 * Framework-free so that a unit test can run it on a document of its own.
 */

/**
 * The day in Viet Nam, dd/mm/yyyy. Not `formatDate` of src/core/dates.ts, though it gives the same
 * text (a test compares them): importing it would make every page load the shared chunk it sits
 * in (3.7 kB) for this script of a few hundred bytes.
 */
const DAY = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

function dayInVietnam(now: Date): string {
  const parts = Object.fromEntries(DAY.formatToParts(now).map((part) => [part.type, part.value]));
  return `${parts.day}/${parts.month}/${parts.year}`;
}

/** The footer's placeholder, empty and hidden until a print. */
export const PRINT_DATE_SELECTOR = '[data-print-date]';

/** "In ngày dd/mm/yyyy · ", the day in Viet Nam whatever the reader's clock says. */
export function printDateText(now: Date): string {
  return `In ngày ${dayInVietnam(now)} · `;
}

/** Writes the print date into every placeholder of `root` and shows it. */
export function showPrintDate(root: ParentNode, now: Date): void {
  for (const element of root.querySelectorAll<HTMLElement>(PRINT_DATE_SELECTOR)) {
    element.textContent = printDateText(now);
    element.hidden = false;
  }
}

/** At every print (menu, Ctrl+P, `window.print()`), the date of that moment. */
export function enablePrintDate(): void {
  window.addEventListener('beforeprint', () => showPrintDate(document, new Date()));
}
