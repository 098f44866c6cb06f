import type { CheckedRow, RowProblem } from "@/lib/paper/check";

// What a draft batch keeps in PaperBatch.draft while staff look at the preview: the checked rows, the
// problems, and any columns the file had that we do not read. Deleted when stored or discarded, or by the
// hourly sweep after a day.

export type DraftContents = { rows: CheckedRow[]; problems: RowProblem[]; ignoredColumns: string[] };

export const writeDraft = (contents: DraftContents): string => JSON.stringify(contents);

export function readDraft(text: string | null): DraftContents | undefined {
  if (!text) return undefined;
  const parsed = JSON.parse(text) as Partial<DraftContents>;
  return {
    rows: parsed.rows ?? [],
    problems: parsed.problems ?? [],
    ignoredColumns: parsed.ignoredColumns ?? [],
  };
}

/** How many rows of each outcome, for the preview, the audit log and the stored summary. */
export function countOutcomes(rows: readonly CheckedRow[]) {
  const count = (outcome: CheckedRow["outcome"]) => rows.filter((row) => row.outcome === outcome).length;
  return {
    new: count("new"),
    paperOnly: count("paper-only"),
    alreadySigned: count("already-signed"),
    repeated: count("repeated"),
  };
}
