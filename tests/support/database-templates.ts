import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  TEMPLATE_SETTINGS,
  TEST_DATABASE_URL,
  adminQuery,
  migrateDatabase,
  uniqueDatabaseName,
  withDatabase,
} from "@/tests/support/databases";

// Vitest's global setup: migrates one database per provider with `prisma migrate deploy`, once, before the
// test processes start, and names them in the environment those processes inherit. Every test database
// is then a copy (tests/support/databases.ts). Removed again when the run ends.

export async function setup(): Promise<() => Promise<void>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cui-test-template-"));
  const sqliteFile = path.join(dir, "template.db");
  const postgresDatabase = uniqueDatabaseName("cui_template");
  const removeSqlite = () => fs.rmSync(dir, { recursive: true, force: true });
  const removePostgres = () =>
    adminQuery(TEST_DATABASE_URL, `DROP DATABASE IF EXISTS "${postgresDatabase}" WITH (FORCE)`);

  await adminQuery(TEST_DATABASE_URL, `CREATE DATABASE "${postgresDatabase}"`);
  try {
    await Promise.all([
      migrateDatabase(`file:${sqliteFile}`),
      migrateDatabase(withDatabase(TEST_DATABASE_URL, postgresDatabase)),
    ]);
    // A copy of the file alone is the whole database only if nothing is left in a write-ahead log.
    if (fs.existsSync(`${sqliteFile}-wal`)) throw new Error(`${sqliteFile} left a -wal file after migrating`);
  } catch (error) {
    removeSqlite();
    await removePostgres();
    throw error;
  }

  process.env[TEMPLATE_SETTINGS.sqliteFile] = sqliteFile;
  process.env[TEMPLATE_SETTINGS.postgresDatabase] = postgresDatabase;
  return async () => {
    removeSqlite();
    await removePostgres();
  };
}
