import "server-only";
import type { DbClient } from "@/lib/platform/db";
import { forgetEmailsTo } from "@/lib/mail/outbox";
import { checkpointAfterErasure } from "@/lib/retention/wal-checkpoint";

import { UNCONFIRMED_VOLUNTEER_DAYS } from "@/lib/volunteers/retention-days";

export { UNCONFIRMED_VOLUNTEER_DAYS };

/** Deletes unconfirmed volunteers past the limit, with any emails to them still held in the outbox. */
export async function deleteUnconfirmedVolunteers(db: DbClient, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - UNCONFIRMED_VOLUNTEER_DAYS * 24 * 60 * 60 * 1000);
  const expired = await db.volunteer.findMany({
    where: { status: "pending", createdAt: { lt: cutoff } },
    select: { id: true },
  });
  let deleted = 0;
  for (const volunteer of expired) {
    await db.$transaction(async (tx) => {
      // Delete first, and only while still pending: someone who confirmed a moment ago keeps everything.
      const { count } = await tx.volunteer.deleteMany({ where: { id: volunteer.id, status: "pending" } });
      if (count === 0) return;
      await forgetEmailsTo(tx, volunteer.id);
      deleted += 1;
    });
  }
  if (deleted > 0) await checkpointAfterErasure(db);
  return deleted;
}
