import "server-only";
import type { DbClient } from "@/lib/db";

/** Volunteers who never confirmed their email are deleted after this many days (the consent text says so). */
export const UNCONFIRMED_VOLUNTEER_DAYS = 30;

export async function deleteUnconfirmedVolunteers(db: DbClient, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - UNCONFIRMED_VOLUNTEER_DAYS * 24 * 60 * 60 * 1000);
  const { count } = await db.volunteer.deleteMany({
    where: { status: "pending", createdAt: { lt: cutoff } },
  });
  return count;
}
