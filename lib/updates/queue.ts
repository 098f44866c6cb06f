import type { DbClient } from "@/lib/platform/db";
import type { DatabaseProvider } from "@/prisma/database-target";
import { insertRecipientRows } from "@/lib/updates/insert-recipients";

// Sending an update queues one outbox row per recipient (kind "campaign-update", refId the signature,
// campaignUpdateId the update), spaced `60 000 / ratePerMinute` ms apart in nextAttemptAt, so the outbox
// worker, which sends whatever is due, sends them at that rate with no machinery of its own. The rows
// hold no personal data; each email is rendered from the signature as it is when its turn comes.

export const UPDATE_KIND = "campaign-update";

// Re-spaced rows are named this many per statement, far below SQLite's 32,766-variable limit.
const CHUNK = 1_000;

// One transaction for the lot: either every recipient is queued or none is. Queueing is one INSERT …
// SELECT (insert-recipients.ts); the limit is generous for far larger lists on a busy machine.
const QUEUE_TRANSACTION = { maxWait: 10_000, timeout: 120_000 } as const;

/**
 * Re-spaced rows share a due time per slot: at least 5 seconds wide, and wide enough that there are at most
 * MAX_SLOTS of them, so re-spacing any number of rows at any rate is a few hundred statements. The rate
 * holds over each slot; within one the worker sends its few rows together.
 */
const MIN_SLOT_MS = 5_000;
/** Re-spacing statements committed together: short enough that sign-ups barely wait behind them. */
const STATEMENTS_PER_BATCH = 20;
const MAX_SLOTS = 300;

export function spacingMs(ratePerMinute: number): number {
  return 60_000 / ratePerMinute;
}

export type QueueResult = { status: "queued"; recipients: number } | { status: "not-a-draft" };

/**
 * Moves a draft to "sending" and queues its emails, in one transaction. An update already sent (a second
 * press of the button, a second tab) queues nothing: only the transaction that moved it from "draft" may.
 */
export async function queueUpdate(
  db: DbClient,
  provider: DatabaseProvider,
  updateId: string,
  sentBy: string,
  now: Date = new Date(),
): Promise<QueueResult> {
  return db.$transaction(async (tx) => {
    const claimed = await tx.campaignUpdate.updateMany({
      where: { id: updateId, status: "draft" },
      data: { status: "sending", sentBy, sendStartedAt: now },
    });
    if (claimed.count !== 1) return { status: "not-a-draft" } as const;
    const update = await tx.campaignUpdate.findUniqueOrThrow({
      where: { id: updateId },
      select: { nation: true, partnerCode: true, ratePerMinute: true },
    });
    const queued = await insertRecipientRows(tx, provider, {
      updateId,
      kind: UPDATE_KIND,
      params: JSON.stringify({ updateId }),
      filter: update,
      start: now,
      spacingMs: spacingMs(update.ratePerMinute),
    });
    await tx.campaignUpdate.update({ where: { id: updateId }, data: { recipients: queued } });
    return { status: "queued", recipients: queued } as const;
  }, QUEUE_TRANSACTION);
}

/**
 * A new rate while it sends: the rows still waiting are spaced again from now, in their order. Rows the
 * worker already holds are left alone. Returns how many were re-spaced, or undefined once it has finished.
 *
 * Not one transaction: re-spacing 10,000 rows is a few hundred statements, and on SQLite a transaction that
 * long would keep sign-ups waiting on its single writer. Each small batch commits on its own instead, and
 * only ever touches rows still pending, so a stop or a crash half-way leaves nothing wrong: some rows at
 * the new times, the rest at the old.
 */
export async function changeRate(
  db: DbClient,
  updateId: string,
  ratePerMinute: number,
  now: Date = new Date(),
): Promise<number | undefined> {
  const { count } = await db.campaignUpdate.updateMany({
    where: { id: updateId, status: { in: ["draft", "sending"] } },
    data: { ratePerMinute },
  });
  if (count !== 1) return undefined;
  const waiting = await db.outboxMessage.findMany({
    where: { campaignUpdateId: updateId, status: "pending" },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  const spacing = spacingMs(ratePerMinute);
  const slotMs = Math.max(MIN_SLOT_MS, Math.ceil((waiting.length * spacing) / MAX_SLOTS));
  // Rows whose times fall in the same slot share its start: one statement per slot, not per row.
  const slots = new Map<number, string[]>();
  waiting.forEach((row, index) => {
    const slot = Math.floor((index * spacing) / slotMs) * slotMs;
    const ids = slots.get(slot) ?? [];
    ids.push(row.id);
    slots.set(slot, ids);
  });
  const statements = [...slots].flatMap(([slot, ids]) =>
    Array.from({ length: Math.ceil(ids.length / CHUNK) }, (_, part) => ({
      ids: ids.slice(part * CHUNK, (part + 1) * CHUNK),
      at: new Date(now.getTime() + slot),
    })),
  );
  for (let start = 0; start < statements.length; start += STATEMENTS_PER_BATCH)
    await db.$transaction(
      statements.slice(start, start + STATEMENTS_PER_BATCH).map(({ ids, at }) =>
        db.outboxMessage.updateMany({
          where: { id: { in: ids }, status: "pending" },
          data: { nextAttemptAt: at },
        }),
      ),
    );
  return waiting.length;
}

/** What staff stopping an update leaves on its rows, so progress can tell it from a supporter's choice. */
export const STOPPED_BY_STAFF = "stopped by staff";

/** Stops an update: every email still waiting is cancelled. Returns how many, or undefined if not sending. */
export async function stopUpdate(db: DbClient, updateId: string): Promise<number | undefined> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.campaignUpdate.updateMany({
      where: { id: updateId, status: "sending" },
      data: { status: "cancelled" },
    });
    if (count !== 1) return undefined;
    const cancelled = await tx.outboxMessage.updateMany({
      where: { campaignUpdateId: updateId, status: "pending" },
      data: { status: "cancelled", refId: null, params: null, lastError: STOPPED_BY_STAFF },
    });
    return cancelled.count;
  }, QUEUE_TRANSACTION);
}
