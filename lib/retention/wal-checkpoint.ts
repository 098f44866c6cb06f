import "server-only";
import type { DbClient } from "@/lib/platform/db";
import { logger } from "@/lib/platform/log";

/**
 * After an erasure or withdrawal commits: on SQLite, copies the write-ahead log into the database file
 * and empties it, so the erased values do not linger in the -wal file until the next automatic
 * checkpoint (secure_delete, set in lib/platform/db.ts, overwrites the freed pages in the file itself).
 * PostgreSQL needs nothing here. Best effort: a busy reader can make SQLite skip part of it, and the
 * erasure itself has already committed, so a failure is logged, never thrown.
 */
export async function checkpointAfterErasure(db: DbClient): Promise<void> {
  // The client's own provider rather than isEmbeddedDatabase(): tests and scripts hold clients for other
  // databases than DATABASE_URL names. `_activeProvider` is set by every generated Prisma client.
  if ((db as unknown as { _activeProvider?: string })._activeProvider !== "sqlite") return;
  try {
    // PRAGMA has no query-API form.
    await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  } catch (error) {
    logger.warn({ err: error }, "retention: WAL checkpoint after erasure failed");
  }
}
