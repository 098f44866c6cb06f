import { DateTime } from "@/components/admin/date-time";
import type { ExportRunRow } from "@/lib/admin/export/export-runs";

const kindLabels: Record<string, string> = { "crm-full": "Full", "crm-changes": "Changes" };

function Covered({ run }: { run: ExportRunRow }) {
  if (run.kind === "crm-full")
    return run.since ? (
      <>
        Everyone on the list; removals from <DateTime value={run.since} />
      </>
    ) : (
      <>Everyone on the list</>
    );
  return (
    <>
      From <DateTime value={run.since} /> to <DateTime value={run.upTo} />
    </>
  );
}

/** The last CRM exports: who took which window, how many rows, and whether the download finished. */
export function ExportRunsTable({ runs }: { runs: readonly ExportRunRow[] }) {
  if (runs.length === 0) return <p>No CRM export has been downloaded yet.</p>;
  return (
    <div className="table-scroll">
      <table>
        <caption>The last {runs.length} CRM exports, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">By</th>
            <th scope="col">Kind</th>
            <th scope="col">Covers</th>
            <th scope="col">Rows</th>
            <th scope="col">Downloaded in full</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <th scope="row">
                <DateTime value={run.upTo} />
              </th>
              <td className="admin-break">{run.actor}</td>
              <td>{kindLabels[run.kind] ?? run.kind}</td>
              <td>
                <Covered run={run} />
              </td>
              <td>{run.rows.toLocaleString("en-GB")}</td>
              <td>{run.complete ? "Yes" : "No: not counted as exported"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
