import "server-only";

import type { OutboxWriter } from "@/lib/mail/enqueue";
import { deleteLocalEmailsOf } from "@/lib/mail/local-outbox-cleanup";

/**
 * For withdrawal and erasure, in the same transaction: emails not yet sent about this record (pending, or
 * failed and waiting for an operator) are deleted; the kept delivery records of earlier ones lose their
 * link to the record and their parameters; and the embedded mode's .eml copies of them are deleted.
 * The ids are read before the link is cut: afterwards nothing says which files were this person's.
 * Call checkpointAfterErasure (lib/retention/wal-checkpoint.ts) once the transaction has committed.
 */
export async function forgetEmailsTo(
  tx: OutboxWriter,
  refId: string,
  options: { emlFolder?: string } = {},
): Promise<void> {
  const rows = await tx.outboxMessage.findMany({ where: { refId }, select: { id: true } });
  if (rows.length === 0) return;
  await tx.outboxMessage.deleteMany({ where: { refId, status: { in: ["pending", "failed"] } } });
  // A row being sent right now keeps going (at most once); with refId gone it renders as "gone" if the
  // worker has not rendered it yet.
  await tx.outboxMessage.updateMany({ where: { refId }, data: { refId: null, params: null } });
  await deleteLocalEmailsOf(
    rows.map((row) => row.id),
    options.emlFolder,
  );
}
