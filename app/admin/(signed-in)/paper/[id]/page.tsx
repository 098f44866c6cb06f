import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PaperDraftPreview } from "@/components/admin/paper/paper-draft-preview";
import { batchKindLabels, batchStatusLabels } from "@/components/admin/paper/labels";
import { formatDateTime } from "@/lib/admin/records/format";
import { requireStaff } from "@/lib/admin/access/session";
import { paperPledges } from "@/lib/paper";
import { discardAction, storeAction, undoAction } from "@/app/admin/(signed-in)/paper/actions";

export const metadata: Metadata = { title: "Paper batch" };

const isUuid = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export default async function PaperBatchPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff("paper-pledges");
  const { id } = await params;
  const query = await searchParams;
  const batch = isUuid(id) ? await paperPledges(staff).read(id) : null;
  if (!batch) notFound();
  const skipped = Number(query.skipped ?? 0) || 0;

  return (
    <>
      <p>
        <Link href="/admin/paper">Back to paper pledges</Link>
      </p>
      <h1>
        {batch.eventName}, {batch.eventDate}
      </h1>
      {query.done === "stored" && (
        <div className="panel panel--success" role="status">
          <p>
            Stored {batch.storedCount.toLocaleString("en-GB")}{" "}
            {batch.storedCount === 1 ? "signature. It counts" : "signatures. They count"} in the total now.
            {skipped > 0 &&
              ` ${skipped.toLocaleString("en-GB")} ${skipped === 1 ? "row was" : "rows were"} skipped: ${skipped === 1 ? "its address has" : "their addresses have"} signed online since the preview.`}
          </p>
        </div>
      )}
      {query.done === "not-draft" && (
        <div className="panel" role="status">
          <p>This upload has already been stored or discarded, so nothing was done.</p>
        </div>
      )}
      <dl className="admin-details">
        <dt>State</dt>
        <dd>{batchStatusLabels[batch.status] ?? batch.status}</dd>
        <dt>How</dt>
        <dd>
          {batchKindLabels[batch.kind] ?? batch.kind}
          {batch.fileName && `: ${batch.fileName}`}
        </dd>
        <dt>Wording on the forms</dt>
        <dd>{batch.consentVersion}</dd>
        <dt>Added by</dt>
        <dd>
          {batch.createdBy}, {formatDateTime(batch.createdAt)}
        </dd>
        <dt>Rows</dt>
        <dd>{batch.rowCount.toLocaleString("en-GB")}</dd>
        {batch.status !== "draft" && (
          <>
            <dt>Signatures stored</dt>
            <dd>{batch.storedCount.toLocaleString("en-GB")}</dd>
          </>
        )}
        {batch.undoneAt && (
          <>
            <dt>Undone</dt>
            <dd>
              {batch.undoneBy}, {formatDateTime(batch.undoneAt)}
            </dd>
          </>
        )}
      </dl>

      {batch.status === "draft" && batch.contents && batch.outcomes && (
        <PaperDraftPreview
          id={batch.id}
          contents={batch.contents}
          outcomes={batch.outcomes}
          storeAction={storeAction}
          discardAction={discardAction}
        />
      )}

      {batch.status === "stored" && (
        <section aria-labelledby="undo-heading">
          <h2 id="undo-heading">Undo</h2>
          <p>
            Undoing removes every signature stored from this{" "}
            {batch.kind === "typed" ? "event's typed-in forms" : "upload"} and lowers the total to match. CRM
            exports are told to remove them.
          </p>
          <form action={undoAction}>
            <input type="hidden" name="id" value={batch.id} />
            <button type="submit" className="button button--secondary">
              Undo this batch ({batch.storedCount.toLocaleString("en-GB")} signatures)
            </button>
          </form>
        </section>
      )}
    </>
  );
}
