import type { DbClient } from "@/lib/platform/db";
import { STOPPED_BY_STAFF } from "@/lib/updates/queue";

// How far an update has gone, read from its outbox rows (indexed by campaignUpdateId and status). A row
// the worker cancelled is someone who stopped campaign emails or was erased after it was queued; a
// withdrawal deletes the person's unsent emails outright, so those are the recipients with no row left.

export type UpdateProgress = {
  recipients: number;
  /** Waiting for their turn, or being sent right now. */
  queued: number;
  sent: number;
  /** Stopped emails, withdrew or were erased after it was queued: nothing was sent to them. */
  notSent: number;
  /** Staff stopped the update before their turn. */
  stopped: number;
  failed: number;
  /** Nothing is left to send. */
  finished: boolean;
};

export async function readProgress(
  db: Pick<DbClient, "outboxMessage">,
  update: { id: string; recipients: number },
): Promise<UpdateProgress> {
  const [groups, stopped] = await Promise.all([
    db.outboxMessage.groupBy({
      by: ["status"],
      where: { campaignUpdateId: update.id },
      _count: { _all: true },
    }),
    db.outboxMessage.count({
      where: { campaignUpdateId: update.id, status: "cancelled", lastError: STOPPED_BY_STAFF },
    }),
  ]);
  const count = (status: string) => groups.find((group) => group.status === status)?._count._all ?? 0;
  const queued = count("pending") + count("sending");
  const rows = groups.reduce((sum, group) => sum + group._count._all, 0);
  const withdrawn = Math.max(0, update.recipients - rows);
  return {
    recipients: update.recipients,
    queued,
    sent: count("sent"),
    notSent: count("cancelled") - stopped + withdrawn,
    stopped,
    failed: count("failed"),
    finished: queued === 0,
  };
}
