import "server-only";

import type { DbClient } from "@/lib/db";
import type { OutboxEmail } from "@/lib/mail/types";

// Domain code calls these with its transaction client (`db.$transaction(async (tx) => ...)`), so the email
// exists if and only if the change that caused it commits. After the commit, `notifyOutbox()` wakes the
// worker; without it the email still goes out on the next poll.

/** Anything with the outbox table: the app's client or a transaction client. */
export type OutboxWriter = Pick<DbClient, "outboxMessage">;

function toRow(message: OutboxEmail) {
  return {
    kind: message.kind,
    toAddress: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
  };
}

/** Queues one email; returns the outbox id. */
export async function enqueueEmail(tx: OutboxWriter, message: OutboxEmail): Promise<string> {
  const row = await tx.outboxMessage.create({ data: toRow(message), select: { id: true } });
  return row.id;
}

/** Queues many emails in one statement (e.g. a notification to the campaigns team). Returns how many. */
export async function enqueueEmails(tx: OutboxWriter, messages: readonly OutboxEmail[]): Promise<number> {
  if (messages.length === 0) return 0;
  const result = await tx.outboxMessage.createMany({ data: messages.map(toRow) });
  return result.count;
}
