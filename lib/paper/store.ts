import "server-only";
import type { DbClient } from "@/lib/platform/db";
import { recordAudit } from "@/lib/admin/audit/record";
import { changeTotals } from "@/lib/pledge/totals";
import { countOutcomes, readDraft } from "@/lib/paper/draft-contents";
import { insertPaperRows } from "@/lib/paper/insert";

// Storing a checked draft: every new row becomes a confirmed signature (they signed in person) and counts
// in the public total, all in one transaction with the batch's change of state and its audit entry.
// Either all of it happens or none of it.

export type StoreResult =
  | { stored: false }
  | {
      stored: true;
      signatures: number;
      paperOnly: number;
      /** Rows whose mailbox signed (online) after the preview was made: skipped, as a repeat would be. */
      signedSincePreview: number;
    };

/** Long enough for the largest upload on a busy machine; an upload is thousands of people, not one. */
export const PAPER_TRANSACTION = { maxWait: 10_000, timeout: 120_000 } as const;

export async function storePaperDraft(
  db: DbClient,
  batchId: string,
  actor: string,
  now = new Date(),
): Promise<StoreResult> {
  return db.$transaction(async (tx) => {
    const batch = await tx.paperBatch.findUnique({ where: { id: batchId } });
    const contents = batch?.status === "draft" ? readDraft(batch.draft) : undefined;
    if (!batch || !contents) return { stored: false };
    // Claimed first, so a second press of the button (or a second member of staff) stores nothing.
    const { count } = await tx.paperBatch.updateMany({
      where: { id: batchId, status: "draft" },
      data: { status: "stored", draft: null, storedAt: now },
    });
    if (count !== 1) return { stored: false };

    const toStore = contents.rows.filter((row) => row.outcome === "new" || row.outcome === "paper-only");
    const inserted = await insertPaperRows(tx, batch, toStore, now);
    await changeTotals(
      tx,
      inserted.map((row) => row.place),
      1,
    );
    await tx.paperBatch.update({ where: { id: batchId }, data: { storedCount: inserted.length } });
    const paperOnly = inserted.filter((row) => row.emailKey.startsWith("paper:")).length;
    const result = {
      stored: true as const,
      signatures: inserted.length,
      paperOnly,
      signedSincePreview: toStore.length - inserted.length,
    };
    const { alreadySigned, repeated } = countOutcomes(contents.rows);
    await recordAudit(tx, {
      actor,
      action: "paper-store",
      subject: batchId,
      detail: {
        signatures: result.signatures,
        paperOnly,
        signedSincePreview: result.signedSincePreview,
        alreadySigned,
        repeated,
        problems: contents.problems.length,
      },
    });
    return result;
  }, PAPER_TRANSACTION);
}
