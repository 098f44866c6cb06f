import { parse } from "csv-parse/sync";
import { MAX_ROWS, MAX_UPLOAD_BYTES } from "@/lib/paper/limits";
import { columnFor, paperColumns, type PaperColumn } from "@/lib/paper/columns";

// Reading an uploaded paper pledges file into rows of cells, or one plain sentence saying why the whole
// file cannot be used. Nothing about the rows themselves is judged here (lib/paper/check.ts does that).

/** One line of the file: its row number as a spreadsheet shows it (the headings are row 1), and its cells. */
export type RawPaperRow = { row: number; cells: Partial<Record<PaperColumn, string>> };

export type ParsedFile =
  { ok: true; rows: RawPaperRow[]; ignoredColumns: string[] } | { ok: false; message: string };

const saveAsUtf8 =
  'The file is not in the UTF-8 text format we read. In Excel choose File, Save As, and "CSV UTF-8 (Comma delimited)"; in Numbers or Google Sheets, export or download as CSV.';

const expectedHeadings = paperColumns
  .filter((column) => column.required)
  .map((column) => column.heading)
  .join(", ");

const refuse = (message: string): ParsedFile => ({ ok: false, message });

/** Decodes strictly: a byte that is not UTF-8 (a file saved as Latin-1 or Windows-1252) refuses the file. */
function decode(bytes: Uint8Array): string | undefined {
  try {
    // The decoder drops a leading byte-order mark (Excel writes one), as `ignoreBOM: false` means.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function parsePaperCsv(bytes: Uint8Array): ParsedFile {
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return refuse(tooLargeMessage);
  const text = decode(bytes);
  if (text === undefined) return refuse(saveAsUtf8);
  if (text.trim() === "")
    return refuse("The file is empty. Add a row of column headings and one row per form.");

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      // A quotation mark inside an unquoted cell (5" tall, =HYPERLINK("…")) is read as text, not a broken file.
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      max_record_size: 64 * 1024,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return refuse(
      `The file could not be read as CSV${line ? ` (near row ${line})` : ""}: check for a stray quotation mark, or save it again as CSV UTF-8.`,
    );
  }
  if (records.length === 0)
    return refuse("The file is empty. Add a row of column headings and one row per form.");

  const [header, ...body] = records;
  const headings = header!.record.map((cell) => cell.trim());
  const positions = new Map<PaperColumn, number>();
  const ignoredColumns: string[] = [];
  headings.forEach((heading, index) => {
    const column = columnFor(heading);
    if (column && !positions.has(column)) positions.set(column, index);
    else if (heading) ignoredColumns.push(heading);
  });
  const missing = paperColumns.filter((column) => column.required && !positions.has(column.key));
  if (missing.length > 0)
    return refuse(
      `The file's first row must name the columns. Expected: ${expectedHeadings} (and Country, for people outside the UK). ` +
        `Missing: ${missing.map((column) => column.heading).join(", ")}. ` +
        `Found: ${headings.filter(Boolean).map(shortHeading).join(", ") || "no headings"}.`,
    );
  if (body.length === 0)
    return refuse("The file has column headings but no rows. Add one row per paper form.");
  if (body.length > MAX_ROWS)
    return refuse(
      `The file has ${body.length.toLocaleString("en-GB")} rows; one upload takes at most ${MAX_ROWS.toLocaleString("en-GB")}. Split it into smaller files.`,
    );

  const rows = body.map(({ record, info }) => ({
    row: info.lines,
    cells: Object.fromEntries([...positions].map(([column, index]) => [column, record[index] ?? ""])),
  }));
  return { ok: true, rows, ignoredColumns: ignoredColumns.map(shortHeading) };
}

/** Headings are shown back to staff, shortened: a file without headings has a person's details there. */
const shortHeading = (heading: string) => (heading.length > 30 ? `${heading.slice(0, 27)}…` : heading);

export const tooLargeMessage = `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. One upload takes at most ${MAX_ROWS.toLocaleString("en-GB")} rows: split it into smaller files.`;
