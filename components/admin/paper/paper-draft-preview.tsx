import { placeLabel } from "@/lib/admin/records/format";
import type { countOutcomes, DraftContents } from "@/lib/paper/draft-contents";
import { outcomeLabels } from "@/components/admin/paper/labels";

type PaperDraftPreviewProps = {
  id: string;
  contents: DraftContents;
  outcomes: ReturnType<typeof countOutcomes>;
  storeAction: (form: FormData) => Promise<void>;
  discardAction: (form: FormData) => Promise<void>;
};

/** Rows shown in the preview table; the counts above it always cover the whole file. */
const ROWS_SHOWN = 1_000;

const n = (count: number) => count.toLocaleString("en-GB");
const signatures = (count: number) => (count === 1 ? "signature" : "signatures");

/** What storing this upload would do, row by row, before anything is stored. */
export function PaperDraftPreview({
  id,
  contents,
  outcomes,
  storeAction,
  discardAction,
}: PaperDraftPreviewProps) {
  const toStore = outcomes.new + outcomes.paperOnly;
  const { problems, rows, ignoredColumns } = contents;
  return (
    <>
      <h2>Check before storing</h2>
      <p>Nothing from this file is stored yet. Storing it would:</p>
      <ul data-testid="paper-preview-counts">
        <li>
          add <strong>{n(outcomes.new)}</strong> new {signatures(outcomes.new)} with an email address
        </li>
        <li>
          add <strong>{n(outcomes.paperOnly)}</strong> paper-only {signatures(outcomes.paperOnly)} (no email:
          counted, never emailed)
        </li>
        <li>
          skip <strong>{n(outcomes.alreadySigned)}</strong> already signed (online or on an earlier form)
        </li>
        <li>
          skip <strong>{n(outcomes.repeated)}</strong> repeated in this file
        </li>
        <li>
          leave out <strong>{n(problems.length)}</strong> {problems.length === 1 ? "problem" : "problems"}{" "}
          listed below
        </li>
      </ul>
      {ignoredColumns.length > 0 && <p>These columns were not read: {ignoredColumns.join(", ")}.</p>}

      {problems.length > 0 && (
        <section aria-labelledby="problems-heading">
          <h3 id="problems-heading">Rows with problems (not stored)</h3>
          <p>
            Correct them in the sheet and upload it again, or store the rest now and type these in once
            corrected.
          </p>
          <div className="table-scroll">
            <table>
              <caption>Problems, by row of the file</caption>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((problem, index) => (
                  <tr key={`${problem.row}-${index}`}>
                    <th scope="row">{problem.row}</th>
                    <td>{problem.column}</td>
                    <td>{problem.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {rows.length > 0 && (
        <section aria-labelledby="rows-heading">
          <h3 id="rows-heading">Rows that passed the checks</h3>
          {rows.length > ROWS_SHOWN && (
            <p>
              The first {n(ROWS_SHOWN)} of {n(rows.length)} are shown.
            </p>
          )}
          <div className="table-scroll">
            <table>
              <caption>What happens to each row</caption>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Lives in</th>
                  <th scope="col">Campaign emails</th>
                  <th scope="col">What happens</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, ROWS_SHOWN).map((row) => (
                  <tr key={row.row}>
                    <th scope="row">{row.row}</th>
                    <td>{row.name}</td>
                    <td>{row.email || "none"}</td>
                    <td>{placeLabel(row.nation, row.country)}</td>
                    <td>{row.campaignEmails ? "yes" : "no"}</td>
                    <td>{outcomeLabels[row.outcome]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <div className="button-row">
        {toStore > 0 && (
          <form action={storeAction}>
            <input type="hidden" name="id" value={id} />
            <button type="submit" className="button button--primary">
              Store {n(toStore)} {signatures(toStore)}
            </button>
          </form>
        )}
        <form action={discardAction}>
          <input type="hidden" name="id" value={id} />
          <button type="submit" className="button button--secondary">
            Discard this upload
          </button>
        </form>
      </div>
    </>
  );
}
