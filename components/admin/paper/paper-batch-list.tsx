import Link from "next/link";
import { formatDateTime } from "@/lib/admin/records/format";
import type { PaperBatchListItem } from "@/lib/paper/summary";
import { batchKindLabels, batchStatusLabels } from "@/components/admin/paper/labels";

type PaperBatchListProps = {
  batches: readonly PaperBatchListItem[];
  undoAction: (form: FormData) => Promise<void>;
};

/** Every upload and typed-in event, newest first, with a way to undo each stored one as a whole. */
export function PaperBatchList({ batches, undoAction }: PaperBatchListProps) {
  if (batches.length === 0) return <p>Nothing has been added from paper yet.</p>;
  return (
    <div className="table-scroll">
      <table>
        <caption>Paper batches, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Day</th>
            <th scope="col">How</th>
            <th scope="col">State</th>
            <th scope="col">Rows</th>
            <th scope="col">Signatures stored</th>
            <th scope="col">Added by</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {batches.map((batch) => (
            <tr key={batch.id}>
              <th scope="row">
                <Link href={`/admin/paper/${batch.id}`}>{batch.eventName}</Link>
              </th>
              <td>{batch.eventDate}</td>
              <td>{batchKindLabels[batch.kind] ?? batch.kind}</td>
              <td>
                {batchStatusLabels[batch.status] ?? batch.status}
                {batch.undoneAt && <> on {formatDateTime(batch.undoneAt)}</>}
              </td>
              <td>{batch.rowCount.toLocaleString("en-GB")}</td>
              <td>{batch.storedCount.toLocaleString("en-GB")}</td>
              <td>
                {batch.createdBy}, {formatDateTime(batch.createdAt)}
              </td>
              <td>
                {batch.status === "stored" ? (
                  <form action={undoAction}>
                    <input type="hidden" name="id" value={batch.id} />
                    <button type="submit" className="button button--secondary button--small">
                      Undo {batch.eventName}, {batch.eventDate}
                    </button>
                  </form>
                ) : batch.status === "draft" ? (
                  <Link href={`/admin/paper/${batch.id}`}>Check and store</Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
