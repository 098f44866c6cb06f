import "server-only";
import type { DbClient } from "@/lib/platform/db";
import { recordAudit } from "@/lib/admin/audit/record";
import type { PaperEvent } from "@/lib/validation/admin/paper";
import { checkPaperRows } from "@/lib/paper/check";
import { countOutcomes, writeDraft } from "@/lib/paper/draft-contents";
import { DRAFT_MAX_AGE_MS } from "@/lib/paper/limits";
import type { RawPaperRow } from "@/lib/paper/parse";

// An upload becomes a draft batch first: its rows checked and kept for the preview, no signature written.
// Staff then store it (store.ts) or discard it; a draft nobody acts on is deleted after a day.

export type NewDraft = PaperEvent & {
  fileName: string;
  rows: readonly RawPaperRow[];
  ignoredColumns: string[];
};

/** Checks the rows against the form's rules and the signatures already held, and keeps the result. */
export async function createPaperDraft(db: DbClient, upload: NewDraft, actor: string): Promise<string> {
  const { rows, problems } = await checkPaperRows(db, upload.rows);
  const outcomes = countOutcomes(rows);
  return db.$transaction(async (tx) => {
    const batch = await tx.paperBatch.create({
      data: {
        eventName: upload.eventName,
        eventDate: upload.eventDate,
        consentVersion: upload.consentVersion,
        kind: "upload",
        status: "draft",
        draft: writeDraft({ rows, problems, ignoredColumns: upload.ignoredColumns }),
        fileName: upload.fileName.slice(0, 200),
        rowCount: upload.rows.length,
        createdBy: actor,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor,
      action: "paper-upload",
      subject: batch.id,
      detail: { rows: upload.rows.length, problems: problems.length, ...outcomes },
    });
    return batch.id;
  });
}

/** Throws a draft away: nothing of it is kept but the batch's event and counts. False if not a draft. */
export async function discardPaperDraft(db: DbClient, batchId: string, actor: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.paperBatch.updateMany({
      where: { id: batchId, status: "draft" },
      data: { status: "discarded", draft: null },
    });
    if (count === 1) await recordAudit(tx, { actor, action: "paper-discard", subject: batchId });
    return count === 1;
  });
}

/**
 * For the hourly sweep: drafts older than a day are deleted with the names and addresses they hold. The
 * upload's audit entry still says that it happened.
 */
export async function deleteStalePaperDrafts(
  db: Pick<DbClient, "paperBatch">,
  now = new Date(),
): Promise<number> {
  const { count } = await db.paperBatch.deleteMany({
    where: { status: "draft", createdAt: { lt: new Date(now.getTime() - DRAFT_MAX_AGE_MS) } },
  });
  return count;
}
