import "server-only";
import type { DbClient } from "@/lib/platform/db";
import { recordAudit } from "@/lib/admin/audit/record";
import { changeTotals } from "@/lib/pledge/totals";
import { emailKey } from "@/lib/validation/email-key";
import type { PaperEntry } from "@/lib/validation/admin/paper";
import { insertPaperRows } from "@/lib/paper/insert";
import { PAPER_TRANSACTION } from "@/lib/paper/store";

// Typing in one paper form: stored at once (staff see what they typed; there is nothing to preview), into
// the event's "typed" batch, so an event's typed-in forms can be undone together like an upload.

export type TypedResult =
  { added: true; batchId: string; signatureId: string } | { added: false; reason: "already-signed" };

/** Thrown inside the transaction when the address has signed, so the new batch (if any) goes too. */
class AlreadySigned extends Error {}

export async function addTypedPaperPledge(
  db: DbClient,
  entry: PaperEntry,
  actor: string,
  now = new Date(),
): Promise<TypedResult> {
  if (entry.email && (await db.signature.count({ where: { emailKey: emailKey(entry.email) } })) > 0)
    return { added: false, reason: "already-signed" };
  try {
    return await db.$transaction(async (tx) => {
      const event = {
        eventName: entry.eventName,
        eventDate: entry.eventDate,
        consentVersion: entry.consentVersion,
      };
      const batch =
        (await tx.paperBatch.findFirst({
          where: { ...event, kind: "typed", status: "stored" },
          orderBy: { createdAt: "desc" },
          select: { id: true },
        })) ??
        (await tx.paperBatch.create({
          data: { ...event, kind: "typed", status: "stored", storedAt: now, createdBy: actor },
          select: { id: true },
        }));
      // The unique index has the last word: someone may have signed online since the check above.
      const [inserted] = await insertPaperRows(tx, { id: batch.id, ...event }, [entry], now);
      if (!inserted) throw new AlreadySigned();
      await changeTotals(tx, [inserted.place], 1);
      await tx.paperBatch.update({
        where: { id: batch.id },
        data: { rowCount: { increment: 1 }, storedCount: { increment: 1 } },
      });
      await recordAudit(tx, {
        actor,
        action: "paper-add",
        subject: batch.id,
        detail: { signatureId: inserted.id, paperOnly: !entry.email },
      });
      return { added: true as const, batchId: batch.id, signatureId: inserted.id };
    }, PAPER_TRANSACTION);
  } catch (error) {
    if (error instanceof AlreadySigned) return { added: false, reason: "already-signed" };
    throw error;
  }
}
