import type { DbClient } from "@/lib/platform/db";
import { readProgress, type UpdateProgress } from "@/lib/updates/progress";

// An update's counts are read from its outbox rows, and those delivery records are deleted after
// SENT_EMAIL_RETENTION_DAYS. So once nothing is left to send, the counts are written onto the update
// itself (`finalProgress`) and read from there on. This runs whenever staff open the update, and in the
// hourly sweep just before old delivery records are deleted, so an update nobody looked at for a month
// still shows what happened.

type Db = Pick<DbClient, "campaignUpdate" | "outboxMessage">;

/** The counts kept on a finished update, or undefined while it is still sending (or from before). */
export function finalProgressOf(stored: string | null): UpdateProgress | undefined {
  if (!stored) return undefined;
  try {
    return JSON.parse(stored) as UpdateProgress;
  } catch {
    return undefined;
  }
}

/**
 * The update's progress now; if nothing is left to send, its counts are also kept: a sending update
 * becomes "sent", a stopped one stays "cancelled".
 */
export async function settleUpdate(
  db: Db,
  update: { id: string; recipients: number },
): Promise<UpdateProgress> {
  const progress = await readProgress(db, update);
  if (!progress.finished) return progress;
  const finalProgress = JSON.stringify(progress);
  // Each write only if no one settled it first; both are no-ops the second time.
  await db.campaignUpdate.updateMany({
    where: { id: update.id, status: "sending", finalProgress: null },
    data: { status: "sent", finalProgress },
  });
  await db.campaignUpdate.updateMany({
    where: { id: update.id, status: "cancelled", finalProgress: null },
    data: { finalProgress },
  });
  return progress;
}

/** Every update that has finished but not yet kept its counts (the hourly sweep). Returns how many. */
export async function settleFinishedUpdates(db: Db): Promise<number> {
  const open = await db.campaignUpdate.findMany({
    where: { status: { in: ["sending", "cancelled"] }, finalProgress: null },
    select: { id: true, recipients: true },
  });
  let settled = 0;
  for (const update of open) if ((await settleUpdate(db, update)).finished) settled += 1;
  return settled;
}
