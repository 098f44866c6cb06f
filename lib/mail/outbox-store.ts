import "server-only";

import type { DbClient } from "@/lib/platform/db";

// The outbox worker's queries, written with Prisma's query API only so they behave the same on SQLite
// and PostgreSQL.
//
// Claiming is one conditional UPDATE: due `pending` rows become `sending` (with a lease in lockedUntil)
// only if they are still `pending`, and the rows it returns are exactly the ones this worker won. Of two
// workers racing for a row, one gets it: PostgreSQL re-checks the WHERE clause after waiting on the row
// lock, SQLite has a single writer. Claims are small (one chunk of sends: a crash leaves at most two
// chunks, 20 rows, in doubt, shown to staff at /admin/emails with "send again"), and a claimed row is never
// left unsent by a live worker.
//
// Params are blanked whenever a row reaches an end (sent, cancelled, failed): they may hold a short-lived
// credential (a staff sign-in link) that has no business outliving the email.

/** A claimed row: which template, about whom; the worker renders it (lib/mail/templates.ts). */
export type ClaimedEmail = {
  id: string;
  kind: string;
  refId: string | null;
  params: string | null;
  attempts: number;
};

export type FailureUpdate =
  { id: string; retryAt: Date; lastError: string } | { id: string; retryAt: null; lastError: string };

export type Claim = {
  emails: ClaimedEmail[];
  /** Due rows were found but another worker took some or all of them first: worth asking again at once. */
  contended: boolean;
};

export function createOutboxStore(db: DbClient) {
  const outbox = db.outboxMessage;
  // Every write below runs in a transaction of its own, even when it is a single statement: with
  // adapter-better-sqlite3, a statement issued while another code path has an interactive transaction
  // open runs inside that transaction, and would be undone if it rolled back (a claim or a "sent" mark
  // lost means an email sent twice). A transaction of our own waits for the other one instead.

  return {
    /** Moves up to `limit` due messages, oldest first, to `sending` until `leaseUntil`, and returns them. */
    async claim(now: Date, limit: number, leaseUntil: Date): Promise<Claim> {
      const due = { status: "pending", nextAttemptAt: { lte: now } };
      const candidates = await outbox.findMany({
        where: due,
        orderBy: { nextAttemptAt: "asc" },
        take: limit,
        select: { id: true },
      });
      if (candidates.length === 0) return { emails: [], contended: false };
      const [rows] = await db.$transaction([
        outbox.updateManyAndReturn({
          // "Still pending", said as "in none of the other statuses": SQLite (no planner statistics) would
          // otherwise walk the status index through every pending row instead of looking up these ids, which
          // made each claim cost grow with the backlog. The statuses are a closed set, so it means the same.
          where: {
            id: { in: candidates.map((row) => row.id) },
            status: { notIn: ["sending", "sent", "failed", "cancelled"] },
            nextAttemptAt: { lte: now },
          },
          data: { status: "sending", lockedUntil: leaseUntil, attempts: { increment: 1 } },
          select: { id: true, kind: true, refId: true, params: true, attempts: true },
        }),
      ]);
      return { emails: rows, contended: rows.length < candidates.length };
    },

    /**
     * Delivered is delivered: no status check, even if an operator or the reaper touched the row meanwhile.
     * The row stays, without params, for counts and troubleshooting (and is swept after the retention period).
     */
    async markSent(ids: readonly string[], at: Date): Promise<void> {
      if (ids.length === 0) return;
      await db.$transaction([
        outbox.updateMany({
          where: { id: { in: [...ids] } },
          data: {
            status: "sent",
            sentAt: at,
            lockedUntil: null,
            lastError: null,
            params: null,
          },
        }),
      ]);
    },

    /**
     * The record the email was about is gone (withdrawn, erased) or no longer wants it: nothing is sent,
     * and the row keeps nothing that points at the person.
     */
    async markCancelled(ids: readonly string[]): Promise<void> {
      if (ids.length === 0) return;
      await db.$transaction([
        outbox.updateMany({
          where: { id: { in: [...ids] }, status: "sending" },
          data: { status: "cancelled", lockedUntil: null, lastError: null, refId: null, params: null },
        }),
      ]);
    },

    /** Back to `pending` with a retry time, or `failed` when retryAt is null. One transaction for the lot. */
    async markFailures(failures: readonly FailureUpdate[]): Promise<void> {
      if (failures.length === 0) return;
      await db.$transaction(
        failures.map((failure) =>
          outbox.updateMany({
            // Only rows still `sending`: if the reaper already called one interrupted, that stands.
            where: { id: failure.id, status: "sending" },
            data:
              failure.retryAt === null
                ? { status: "failed", lockedUntil: null, lastError: failure.lastError, params: null }
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

    /**
     * Rows still `sending` after their lease: the worker died between claiming them and recording the
     * answer. The server may or may not have taken them, and resending could mail someone twice, so they
     * are marked failed for an operator to look at rather than retried. The lease is far longer than a
     * chunk of sends can take (nodemailer's timeouts bound each one), so a live worker is never overtaken.
     */
    async failInterrupted(now: Date): Promise<number> {
      const [result] = await db.$transaction([
        outbox.updateMany({
          where: { status: "sending", lockedUntil: { lt: now } },
          data: {
            status: "failed",
            lockedUntil: null,
            lastError: "interrupted while sending",
            params: null,
          },
        }),
      ]);
      return result.count;
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
