import "server-only";
import type { DbClient } from "@/lib/platform/db";
import { Prisma } from "@/lib/generated/sqlite/client";
import { deleteLocalEmailsBefore } from "@/lib/mail/local-outbox-cleanup";
import { recordRemovalsWhere } from "@/lib/pledge/removals";

const cutoff = (now: Date, days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);

/**
 * Delivery records of sent and cancelled emails (they hold no personal data, only a record id). Failed or
 * interrupted ones are kept, however old, until staff send them again or mark them dealt with at
 * /admin/emails (lib/mail/problems.ts): otherwise an email nobody received could vanish unseen.
 */
export async function deleteOldEmailRecords(db: DbClient, days: number, now = new Date()): Promise<number> {
  const { count } = await db.outboxMessage.deleteMany({
    where: { status: { in: ["sent", "cancelled"] }, createdAt: { lt: cutoff(now, days) } },
  });
  return count;
}

/**
 * The embedded mode's .eml copies of sent emails (names, links) go after the same period as the delivery
 * records. `folder` defaults to DATA_DIR/outbox; with SMTP there are none and this finds nothing.
 */
export async function deleteOldLocalEmails(days: number, now = new Date(), folder?: string): Promise<number> {
  return deleteLocalEmailsBefore(cutoff(now, days), folder);
}

/** The audit log is never edited; it is only trimmed by age, as the privacy notice says. */
export async function deleteOldAuditEvents(db: DbClient, days: number, now = new Date()): Promise<number> {
  const { count } = await db.auditEvent.deleteMany({ where: { at: { lt: cutoff(now, days) } } });
  return count;
}

/**
 * Only when the charity sets a period for confirmed signatures (SIGNATURE_RETENTION_DAYS). Each one
 * deleted is recorded as a removal, so the next CRM export tells the CRM to delete it too.
 */
export async function deleteOldConfirmedSignatures(
  db: DbClient,
  days: number,
  now = new Date(),
): Promise<number> {
  const before = cutoff(now, days);
  return db.$transaction(async (tx) => {
    await recordRemovalsWhere(
      tx,
      Prisma.sql`"status" = 'confirmed' AND "createdAt" < ${before}`,
      "retention",
      now,
    );
    const { count } = await tx.signature.deleteMany({
      where: { status: "confirmed", createdAt: { lt: before } },
    });
    return count;
  });
}
