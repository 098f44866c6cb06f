import "server-only";
import type { DbClient } from "@/lib/platform/db";

/** Unconfirmed and held sign-ups are deleted after this many days (the privacy notice says so). */
export const UNCONFIRMED_RETENTION_DAYS = 30;

/** Deletes what we promised not to keep. Idempotent, so every app instance may run it. */
export async function deleteExpiredSignatures(db: DbClient, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - UNCONFIRMED_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  const { count } = await db.signature.deleteMany({
    where: { status: { in: ["pending", "held"] }, createdAt: { lt: cutoff } },
  });
  return count;
}
