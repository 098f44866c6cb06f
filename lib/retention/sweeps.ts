import "server-only";
import type { DbClient } from "@/lib/db";

const cutoff = (now: Date, days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);

/** Delivery records of sent (or given-up) emails; their bodies were already emptied when sent. */
export async function deleteOldEmailRecords(db: DbClient, days: number, now = new Date()): Promise<number> {
  const { count } = await db.outboxMessage.deleteMany({
    where: { status: { in: ["sent", "failed"] }, createdAt: { lt: cutoff(now, days) } },
  });
  return count;
}

/** The audit log is never edited; it is only trimmed by age, as the privacy notice says. */
export async function deleteOldAuditEvents(db: DbClient, days: number, now = new Date()): Promise<number> {
  const { count } = await db.auditEvent.deleteMany({ where: { at: { lt: cutoff(now, days) } } });
  return count;
}

/** Only when the charity sets a period for confirmed signatures (SIGNATURE_RETENTION_DAYS). */
export async function deleteOldConfirmedSignatures(
  db: DbClient,
  days: number,
  now = new Date(),
): Promise<number> {
  const { count } = await db.signature.deleteMany({
    where: { status: "confirmed", createdAt: { lt: cutoff(now, days) } },
  });
  return count;
}
