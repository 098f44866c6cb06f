import "server-only";
import type { OutboxWriter } from "./enqueue";

/**
 * For withdrawal and erasure: emails not yet sent to this address are cancelled, and the address and
 * content of any kept record of earlier ones are blanked. Call it in the same transaction as the erasure.
 */
export async function forgetEmailsTo(tx: OutboxWriter, address: string): Promise<void> {
  await tx.outboxMessage.deleteMany({ where: { toAddress: address, status: "pending" } });
  await tx.outboxMessage.updateMany({
    where: { toAddress: address },
    data: { toAddress: "[erased]", subject: "", text: "", html: "" },
  });
}
