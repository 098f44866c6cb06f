import "server-only";
import type { DbClient } from "@/lib/db";

// Emails that did not go: failed for good (the mail server refused them, or retries ran out) or
// interrupted while sending (the server stopped with them in flight: they may or may not have arrived).
// Staff see them at /admin/emails and can send them again; nothing is resent without a person deciding,
// because an interrupted email may have arrived already. Rows hold no personal data, so neither does this.

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

export function createMailProblems(db: DbClient) {
  return {
    async list(limit = 200): Promise<{ problems: MailProblem[]; total: number }> {
      const where = { status: "failed" };
      const [rows, total] = await Promise.all([
        db.outboxMessage.findMany({
          where,
          orderBy: { createdAt: "desc" },
          take: limit,
          select: { id: true, kind: true, createdAt: true, attempts: true, lastError: true },
        }),
        db.outboxMessage.count({ where }),
      ]);
      return {
        total,
        problems: rows.map((row) => ({
          ...row,
          interrupted: row.lastError === "interrupted while sending",
          canResend: !NOT_RESENDABLE.has(row.kind),
        })),
      };
    },

    /**
     * Queues failed emails again (all of them, or the ids given), as new sends: links are issued afresh,
     * so a confirmation link is valid for its full time from now.
     */
    async sendAgain(ids?: readonly string[], now = new Date()): Promise<number> {
      const { count } = await db.outboxMessage.updateMany({
        where: {
          status: "failed",
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
  };
}
