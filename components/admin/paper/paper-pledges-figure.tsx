import Link from "next/link";
import type { PaperSummary } from "@/lib/paper/summary";

/** The dashboard's paper figure: how many of the confirmed signatures came from paper, and from where. */
export function PaperPledgesFigure({
  summary,
  canAddPaper,
}: {
  summary: PaperSummary;
  canAddPaper: boolean;
}) {
  return (
    <section aria-labelledby="paper-pledges-heading">
      <h2 id="paper-pledges-heading">Paper pledges</h2>
      <p>
        <strong data-testid="paper-total">{summary.counted.toLocaleString("en-GB")}</strong> of the confirmed
        signatures were signed on paper at events (they are in the total above).
        {canAddPaper && (
          <>
            {" "}
            <Link href="/admin/paper">Add or undo paper pledges</Link>
          </>
        )}
      </p>
      {summary.recent.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption>Latest paper batches stored</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Day</th>
                <th scope="col">Signatures</th>
              </tr>
            </thead>
            <tbody>
              {summary.recent.map((batch) => (
                <tr key={batch.id}>
                  <th scope="row">{batch.eventName}</th>
                  <td>{batch.eventDate}</td>
                  <td>{batch.storedCount.toLocaleString("en-GB")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
