import "server-only";
import type { DbClient } from "@/lib/platform/db";

// Emails that did not go: failed for good (the mail server refused them, or retries ran out) or
// interrupted while sending (the server stopped with them in flight: they may or may not have arrived).
// Staff see them at /admin/emails and send them again or mark them dealt with; nothing is resent without a
// person deciding, because an interrupted email may have arrived already. Rows hold no personal data, so
// neither does this.
//
// "Interrupted" covers rows a worker's reaper has already marked failed and rows still `sending` past their
// lease, which no live worker holds: with no worker running (or one that keeps dying) the reaper never
// comes, and those must not stay invisible. Acting on them here does what the reaper would, atomically.
//
// Failed rows are never deleted by age (lib/retention/sweeps.ts): they stay until staff send them again,
// or dismiss them, which makes them "cancelled" with DISMISSED as the reason, deleted after the usual period.

export type MailProblem = {
  id: string;
  kind: string;
  createdAt: Date;
  attempts: number;
  lastError: string | null;
  interrupted: boolean;
  /** A staff sign-in link expires in minutes: staff ask for a new one instead. */
  canResend: boolean;
};

const NOT_RESENDABLE = new Set(["staff-sign-in"]);
const INTERRUPTED = "interrupted while sending";
/** The reason a dismissed email keeps, so its record says staff dealt with it. */
export const DISMISSED = "dismissed by staff";

/** Rows waiting for staff: failed, or claimed by a worker whose lease ran out (interrupted). */
const needsStaff = (now: Date) => ({
  OR: [{ status: "failed" }, { status: "sending", lockedUntil: { lt: now } }],
});

export function createMailProblems(db: DbClient) {
  return {
    async list(limit = 200, now = new Date()): Promise<{ problems: MailProblem[]; total: number }> {
      const where = needsStaff(now);
      const [rows, total] = await Promise.all([
        db.outboxMessage.findMany({
          where,
          orderBy: { createdAt: "desc" },
          take: limit,
          select: { id: true, kind: true, createdAt: true, attempts: true, lastError: true, status: true },
        }),
        db.outboxMessage.count({ where }),
      ]);
      return {
        total,
        problems: rows.map(({ status, ...row }) => ({
          ...row,
          lastError: status === "sending" ? INTERRUPTED : row.lastError,
          interrupted: status === "sending" || row.lastError === INTERRUPTED,
          canResend: !NOT_RESENDABLE.has(row.kind),
        })),
      };
    },

    /** How many emails wait for staff: for the dashboard. */
    async count(now = new Date()): Promise<number> {
      return db.outboxMessage.count({ where: needsStaff(now) });
    },

    /**
     * Queues failed emails again (all of them, or the ids given), as new sends: links are issued afresh,
     * so a confirmation link is valid for its full time from now.
     */
    async sendAgain(ids?: readonly string[], now = new Date()): Promise<number> {
      const { count } = await db.outboxMessage.updateMany({
        where: {
          ...needsStaff(now),
          kind: { notIn: [...NOT_RESENDABLE] },
          ...(ids ? { id: { in: [...ids] } } : {}),
        },
        data: {
          status: "pending",
          attempts: 0,
          nextAttemptAt: now,
          lockedUntil: null,
          lastError: null,
          params: JSON.stringify({ issuedAt: now.toISOString() }),
        },
      });
      return count;
    },

    /**
     * Marks emails dealt with without sending them (all of them, or the ids given): staff have seen them,
     * perhaps resolved them another way. They leave the list and are deleted after the usual period.
     */
    async dismiss(ids?: readonly string[], now = new Date()): Promise<number> {
      const { count } = await db.outboxMessage.updateMany({
        where: { ...needsStaff(now), ...(ids ? { id: { in: [...ids] } } : {}) },
        data: { status: "cancelled", lockedUntil: null, lastError: DISMISSED, params: null },
      });
      return count;
    },
  };
}
