import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { DbClient } from "@/lib/platform/db";

// When a signature leaves the list, a CRM that imported it must be told to remove it. The signature row
// itself is gone (withdrawn, undone, retention) or anonymised (erased), so this keeps the one thing a CRM
// can match on, our signature id, with why and when, and nothing else about the person. Written in the
// same transaction as the removal: a removal without its record, or the reverse, cannot commit.

export type RemovalReason = "withdrawn" | "erased" | "paper-undone" | "retention";

type Writer = Pick<DbClient, "$executeRaw">;

/**
 * Records that these signatures left the list. Recording one twice keeps the first. (Raw SQL because
 * Prisma's createMany cannot skip duplicates on SQLite.)
 */
export async function recordRemovals(
  tx: Writer,
  signatureIds: readonly string[],
  reason: RemovalReason,
  at = new Date(),
): Promise<void> {
  if (signatureIds.length === 0) return;
  const rows = signatureIds.map((id) => Prisma.sql`(${id}, ${reason}, ${at})`);
  await tx.$executeRaw`
    INSERT INTO "SignatureRemoval" ("signatureId", "reason", "removedAt")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT ("signatureId") DO NOTHING`;
}

/**
 * The same, for every signature a WHERE clause is about to delete, in one statement (retention may
 * delete many at once). `where` is SQL over "Signature"; run it in the transaction that deletes them.
 */
export async function recordRemovalsWhere(
  tx: Writer,
  where: Prisma.Sql,
  reason: RemovalReason,
  at = new Date(),
): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "SignatureRemoval" ("signatureId", "reason", "removedAt")
    SELECT "id", ${reason}, ${at} FROM "Signature" WHERE ${where}
    ON CONFLICT ("signatureId") DO NOTHING`;
}
