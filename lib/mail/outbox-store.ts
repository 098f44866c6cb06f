import "server-only";

import type { DbClient } from "@/lib/db";
import type { OutgoingEmail } from "@/lib/mail/types";

// The outbox worker's queries, written with Prisma's query API only so they behave the same on SQLite
// and PostgreSQL. Two steps keep "at most once" true with many workers on one database:
//
// 1. claim: a due `pending` row gets a lease (lockedUntil = this worker's lease time). The UPDATE
//    re-checks the row is still pending and unleased, so of two workers racing for a row exactly one
//    gets it (PostgreSQL re-evaluates the WHERE after waiting on the row lock; SQLite has one writer).
//    A crashed worker's leases simply run out: nothing was sent, so the rows are claimed again.
// 2. start: just before a chunk is handed to SMTP, its rows move to `sending`, fenced on the lease
//    value (only the claimer's lease matches, a later claimer always writes a later time). From here a
//    crash leaves the row `sending`, and it is never retried blindly (see failInterrupted).

export type SendingEmail = OutgoingEmail & { attempts: number };

export type FailureUpdate =
  { id: string; retryAt: Date; lastError: string } | { id: string; retryAt: null; lastError: string };

const unleased = (now: Date) => ({ OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] });

export function createOutboxStore(db: DbClient) {
  const outbox = db.outboxMessage;

  return {
    /** Leases up to `limit` due messages until `lease`; returns the ids this worker won, oldest first. */
    async claimDue(now: Date, limit: number, lease: Date): Promise<string[]> {
      const due = { status: "pending", nextAttemptAt: { lte: now }, ...unleased(now) };
      const candidates = await outbox.findMany({
        where: due,
        orderBy: { nextAttemptAt: "asc" },
        take: limit,
        select: { id: true },
      });
      if (candidates.length === 0) return [];
      const ids = candidates.map((row) => row.id);
      const won = await outbox.updateManyAndReturn({
        where: { id: { in: ids }, ...due },
        data: { lockedUntil: lease },
        select: { id: true },
      });
      const wonIds = new Set(won.map((row) => row.id));
      return ids.filter((id) => wonIds.has(id));
    },

    /** Moves claimed rows to `sending` and returns them; rows whose lease was lost are left out. */
    async startSending(ids: readonly string[], lease: Date, sendingUntil: Date): Promise<SendingEmail[]> {
      const rows = await outbox.updateManyAndReturn({
        where: { id: { in: [...ids] }, status: "pending", lockedUntil: lease },
        data: { status: "sending", lockedUntil: sendingUntil, attempts: { increment: 1 } },
        select: { id: true, toAddress: true, subject: true, text: true, html: true, attempts: true },
      });
      return rows.map(({ toAddress, ...row }) => ({ ...row, to: toAddress }));
    },

    /** Delivered is delivered: no status check, even if an operator or the reaper touched the row meanwhile. */
    async markSent(ids: readonly string[], at: Date): Promise<void> {
      if (ids.length === 0) return;
      await outbox.updateMany({
        where: { id: { in: [...ids] } },
        data: { status: "sent", sentAt: at, lockedUntil: null, lastError: null },
      });
    },

    /** Back to `pending` with a retry time, or `failed` when retryAt is null. One transaction for the lot. */
    async markFailures(failures: readonly FailureUpdate[]): Promise<void> {
      if (failures.length === 0) return;
      await db.$transaction(
        failures.map((failure) =>
          outbox.updateMany({
            // Only our own `sending` rows: if the reaper already called one interrupted, that stands.
            where: { id: failure.id, status: "sending" },
            data:
              failure.retryAt === null
                ? { status: "failed", lockedUntil: null, lastError: failure.lastError }
                : {
                    status: "pending",
                    lockedUntil: null,
                    nextAttemptAt: failure.retryAt,
                    lastError: failure.lastError,
                  },
          }),
        ),
      );
    },

    /** Gives back claimed rows that were never started (worker stopping), so another worker takes them now. */
    async release(ids: readonly string[], lease: Date): Promise<number> {
      if (ids.length === 0) return 0;
      const result = await outbox.updateMany({
        where: { id: { in: [...ids] }, status: "pending", lockedUntil: lease },
        data: { lockedUntil: null },
      });
      return result.count;
    },

    /**
     * Rows still `sending` after their lease: the worker died between handing them to SMTP and recording
     * the answer. The server may or may not have taken them, and resending could mail someone twice, so
     * they are marked failed for an operator to look at rather than retried. The send lease is far longer
     * than any send can take (nodemailer's timeouts bound each one), so a live worker is never overtaken.
     */
    async failInterrupted(now: Date): Promise<number> {
      const result = await outbox.updateMany({
        where: { status: "sending", lockedUntil: { lt: now } },
        data: { status: "failed", lockedUntil: null, lastError: "interrupted while sending" },
      });
      return result.count;
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
