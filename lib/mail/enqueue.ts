import "server-only";

import type { DbClient } from "@/lib/platform/db";
import type { QueuedEmail } from "@/lib/mail/types";

// Domain code calls these with its transaction client (`db.$transaction(async (tx) => ...)`), so the email
// exists if and only if the change that caused it commits. After the commit, `notifyOutbox()` wakes the
// worker; without it the email still goes out on the next poll. Only the template, the record's id and
// non-personal parameters are stored: the worker renders the email from the record at send time.

/** Anything with the outbox table: the app's client or a transaction client. */
export type OutboxWriter = Pick<DbClient, "outboxMessage">;

function toRow(email: QueuedEmail) {
  return {
    kind: email.kind,
    refId: email.refId,
    params: email.params === undefined ? null : JSON.stringify(email.params),
  };
}

/** Queues one email; returns the outbox id. */
export async function enqueueEmail(tx: OutboxWriter, email: QueuedEmail): Promise<string> {
  const row = await tx.outboxMessage.create({ data: toRow(email), select: { id: true } });
  return row.id;
}

/** Queues many emails in one multi-row insert (e.g. every email of a batch of sign-ups). Returns how many. */
export async function enqueueEmails(tx: OutboxWriter, emails: readonly QueuedEmail[]): Promise<number> {
  if (emails.length === 0) return 0;
  const result = await tx.outboxMessage.createMany({ data: emails.map(toRow) });
  return result.count;
}
