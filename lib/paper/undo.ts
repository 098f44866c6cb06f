import "server-only";
import type { DbClient } from "@/lib/platform/db";
import { recordAudit } from "@/lib/admin/audit/record";
import { forgetEmailsTo } from "@/lib/mail/outbox";
import { recordRemovals } from "@/lib/pledge/removals";
import { changeTotals } from "@/lib/pledge/totals";
import { checkpointAfterErasure } from "@/lib/retention/wal-checkpoint";
import { PAPER_TRANSACTION } from "@/lib/paper/store";

// Undoing a stored batch (an upload, or an event's typed-in forms), for the file that was the wrong one or
// the event that was entered twice: its signatures are deleted, the total drops by the ones it counted,
// CRM exports are told to remove them, and emails still queued to them are forgotten. One transaction.

export type UndoResult = { undone: false } | { undone: true; removed: number };

export async function undoPaperBatch(
  db: DbClient,
  batchId: string,
  actor: string,
  now = new Date(),
): Promise<UndoResult> {
  const result = await db.$transaction(async (tx): Promise<UndoResult> => {
    const { count } = await tx.paperBatch.updateMany({
      where: { id: batchId, status: "stored" },
      data: { status: "undone", undoneAt: now, undoneBy: actor },
    });
    if (count !== 1) return { undone: false };
    const signatures = await tx.signature.findMany({
      where: { paperBatchId: batchId },
      select: { id: true, status: true, nation: true, country: true, confirmedOn: true, partnerCode: true },
    });
    const ids = signatures.map((row) => row.id);
    // Paper signatures are rarely emailed (many have no address), so look first and forget only those.
    const emailed = new Set<string>();
    for (let start = 0; start < ids.length; start += 500) {
      const queued = await tx.outboxMessage.findMany({
        where: { refId: { in: ids.slice(start, start + 500) } },
        select: { refId: true },
      });
      for (const row of queued) if (row.refId) emailed.add(row.refId);
    }
    for (const id of emailed) await forgetEmailsTo(tx, id);
    for (let start = 0; start < ids.length; start += 500)
      await tx.signature.deleteMany({ where: { id: { in: ids.slice(start, start + 500) } } });
    for (let start = 0; start < ids.length; start += 1000)
      await recordRemovals(tx, ids.slice(start, start + 1000), "paper-undone", now);
    await changeTotals(
      tx,
      signatures
        .filter((row) => row.status === "confirmed")
        .map((row) => ({ ...row, day: row.confirmedOn ?? "unknown" })),
      -1,
    );
    await recordAudit(tx, { actor, action: "paper-undo", subject: batchId, detail: { removed: ids.length } });
    return { undone: true, removed: ids.length };
  }, PAPER_TRANSACTION);
  if (result.undone) await checkpointAfterErasure(db);
  return result;
}
