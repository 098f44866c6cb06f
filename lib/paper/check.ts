import type { DbClient } from "@/lib/platform/db";
import { emailKey } from "@/lib/validation/email-key";
import { firstErrorPerField } from "@/lib/validation/form-errors";
import { paperRowSchema, type PaperRow } from "@/lib/validation/admin/paper";
import { otherCountries } from "@/lib/values/countries";
import { ukNations } from "@/lib/values/nations";
import { columnHeading, type PaperColumn } from "@/lib/paper/columns";
import type { RawPaperRow } from "@/lib/paper/parse";

// Checks each row of a paper pledges file with the online form's rules, and says what storing it would do:
// a new signature, a paper-only one (no email), or nothing, because that mailbox has already signed
// (online, or on an earlier form) or appears earlier in the same file. Reads, never writes.

export type PaperOutcome = "new" | "paper-only" | "already-signed" | "repeated";

export type CheckedRow = PaperRow & { row: number; outcome: PaperOutcome };

/** A row that cannot be stored, in words staff can act on: which row, which column, what is wrong. */
export type RowProblem = { row: number; column: string; message: string };

export type CheckedFile = { rows: CheckedRow[]; problems: RowProblem[] };

/** Cells a spreadsheet would run as a formula (CSV injection): the row is refused, never "fixed". */
const formulaStart = /^[=+\-@\t\r]/;

const nationByWords = new Map<string, string>([
  ...ukNations.flatMap(({ value, label }) => [
    [label.toLowerCase(), value] as const,
    [value, value] as const,
  ]),
  ["other", "other"],
  ["outside the uk", "other"],
  ["outside uk", "other"],
  ["ni", "northern-ireland"],
]);
const countryByName = new Map(otherCountries.map(({ code, name }) => [name.toLowerCase(), code]));

const yes = new Set(["yes", "y", "true", "1", "ticked", "x", "✓", "✔"]);
const no = new Set(["no", "n", "false", "0", "", "not ticked"]);

/** Turns a row's cells into what the online form would send, or the first problem with a cell. */
function readCells(raw: RawPaperRow): { input: Record<string, unknown> } | { problem: RowProblem } {
  for (const [column, cell] of Object.entries(raw.cells))
    if (formulaStart.test(cell ?? ""))
      return {
        problem: {
          row: raw.row,
          column: columnHeading(column),
          message:
            "This cell looks like a spreadsheet formula (it starts with =, +, -, @ or a tab). Type the value as plain text.",
        },
      };
  const cell = (column: PaperColumn) => (raw.cells[column] ?? "").trim();
  const nationWords = cell("nation").toLowerCase().replace(/\s+/g, " ");
  const nation = nationByWords.get(nationWords);
  if (!nation)
    return {
      problem: {
        row: raw.row,
        column: "Nation",
        message: nationWords
          ? "Write England, Scotland, Wales, Northern Ireland or Outside the UK."
          : "Nation is empty. Write England, Scotland, Wales, Northern Ireland or Outside the UK.",
      },
    };
  const ticked = cell("campaignEmails").toLowerCase();
  if (!yes.has(ticked) && !no.has(ticked))
    return {
      problem: {
        row: raw.row,
        column: "Campaign emails",
        message: "Write yes if the box was ticked, or no.",
      },
    };
  const countryWords = cell("country");
  return {
    input: {
      name: raw.cells.name ?? "",
      email: raw.cells.email ?? "",
      nation,
      country: countryByName.get(countryWords.toLowerCase()) ?? countryWords,
      campaignEmails: yes.has(ticked),
    },
  };
}

/** Keeps rows whose cells pass the online form's rules; the rest become problems, one per cell. */
export function checkRowFields(rows: readonly RawPaperRow[]): {
  valid: (PaperRow & { row: number })[];
  problems: RowProblem[];
} {
  const valid: (PaperRow & { row: number })[] = [];
  const problems: RowProblem[] = [];
  for (const raw of rows) {
    const read = readCells(raw);
    if ("problem" in read) {
      problems.push(read.problem);
      continue;
    }
    const parsed = paperRowSchema.safeParse(read.input);
    if (parsed.success) {
      valid.push({ ...parsed.data, row: raw.row });
      continue;
    }
    for (const [field, message] of Object.entries(firstErrorPerField<string>(parsed.error)))
      problems.push({ row: raw.row, column: columnHeading(field), message: message! });
  }
  return { valid, problems };
}

/** Which of these mailboxes have signed already, in chunks that any database takes in one IN list. */
export async function signedAlready(
  db: Pick<DbClient, "signature">,
  keys: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < keys.length; start += 500) {
    const rows = await db.signature.findMany({
      where: { emailKey: { in: keys.slice(start, start + 500) } },
      select: { emailKey: true },
    });
    for (const row of rows) found.add(row.emailKey);
  }
  return found;
}

/** What storing would do to each good row: one signature per mailbox, as online. */
export async function decideOutcomes(
  db: Pick<DbClient, "signature">,
  rows: readonly (PaperRow & { row: number })[],
): Promise<CheckedRow[]> {
  const keys = rows.filter((row) => row.email).map((row) => emailKey(row.email));
  const signed = await signedAlready(db, [...new Set(keys)]);
  const seen = new Set<string>();
  return rows.map((row) => {
    if (!row.email) return { ...row, outcome: "paper-only" };
    const key = emailKey(row.email);
    const outcome: PaperOutcome = signed.has(key) ? "already-signed" : seen.has(key) ? "repeated" : "new";
    seen.add(key);
    return { ...row, outcome };
  });
}

export async function checkPaperRows(
  db: Pick<DbClient, "signature">,
  rows: readonly RawPaperRow[],
): Promise<CheckedFile> {
  const { valid, problems } = checkRowFields(rows);
  return { rows: await decideOutcomes(db, valid), problems };
}
