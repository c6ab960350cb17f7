/**
 * Cells of every CSV and workbook the project writes (open data, the committee's
 * consolidated list). A title such as `=HYPERLINK("http://…")` or `@SUM(…)` is a
 * formula to Excel and LibreOffice, which run it when the file is opened ("CSV
 * injection"); anyone who can submit an entry can write one. The OWASP rule: a
 * text cell that starts with = + - @, a tab or a carriage return gets a leading
 * apostrophe, so it is read as text. Numbers, booleans and dates are not text
 * and stay as they are (a negative number is a number, not a formula).
 */

/**
 * Text a spreadsheet would read as a formula. Leading spaces and apostrophes are
 * looked through: some programs trim spaces on import, and a text that already
 * starts with apostrophes must still round-trip through restoreCellText.
 */
const FORMULA_START = /^[\s']*[=+\-@\t\r]/;

/** The text with a leading apostrophe when a spreadsheet would read it as a formula. */
export function neutraliseCellText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell value made safe: text neutralised, every other value unchanged. */
export function spreadsheetCell<T>(value: T): T {
  return (typeof value === 'string' ? neutraliseCellText(value) : value) as T;
}

/**
 * The text as it was before neutraliseCellText, for a program that reads back a
 * sheet the project wrote (`npm run decide`): exactly one apostrophe is removed,
 * and only where neutraliseCellText would have put one.
 */
export function restoreCellText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
