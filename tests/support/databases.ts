import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDbClient, type DbClient } from "@/lib/platform/db";
import type { DatabaseProvider } from "@/prisma/database-target";
import { runPrisma } from "@/prisma/scripts/run-prisma";

// Throwaway databases for tests: each call makes a new one, migrated with `prisma migrate deploy` exactly
// as a deployment would be, and `drop()` removes it. Nothing depends on state another run left behind;
// the PostgreSQL server is shared by every run on the machine, hence the unique names.
//
// One `migrate deploy` takes 10-15 s on a busy two-core machine, and the suite makes about a hundred
// databases. Under vitest, tests/support/database-templates.ts migrates one database per provider before
// the tests start; each test database is then a copy of it (a file copy for SQLite, CREATE DATABASE ...
// TEMPLATE for PostgreSQL), which is what `migrate deploy` would have made. Outside vitest (the benchmarks)
// each database is migrated itself.
//
//   const database = await createTestDatabase("sqlite");
//   afterAll(() => database.drop());
//   await database.client.signature.create(...)

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type TestDatabase = {
  provider: DatabaseProvider;
  /** Connection URL, e.g. for `runPrisma(..., { DATABASE_URL: url })`. */
  url: string;
  client: DbClient;
  /** Disconnects the client and deletes the database. Safe to call twice. */
  drop: () => Promise<void>;
};

/** Lower-case, starts with a letter, fits PostgreSQL's 63-byte identifiers; the pid helps trace leftovers. */
export function uniqueDatabaseName(prefix = "cui_test"): string {
  return `${prefix}_${process.pid}_${randomBytes(6).toString("hex")}`;
}

/** Applies the provider's migrations to `url` (the provider follows from the URL's scheme). */
export async function migrateDatabase(url: string): Promise<void> {
  const run = await runPrisma(["migrate", "deploy"], { DATABASE_URL: url, DATABASE_PROVIDER: undefined });
  if (run.code !== 0)
    throw new Error(`prisma migrate deploy failed (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
}

export async function createTestDatabase(provider: DatabaseProvider): Promise<TestDatabase> {
  return provider === "sqlite" ? createSqliteTestDatabase() : createPostgresTestDatabase();
}

/** Where tests/support/database-templates.ts left its migrated databases, when it has run. */
export const TEMPLATE_SETTINGS = {
  sqliteFile: "TEST_SQLITE_TEMPLATE_FILE",
  postgresDatabase: "TEST_POSTGRES_TEMPLATE_DATABASE",
} as const;

export async function createSqliteTestDatabase(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cui-test-db-"));
  const file = path.join(dir, "test.db");
  const url = `file:${file}`;
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  const template = process.env[TEMPLATE_SETTINGS.sqliteFile];
  try {
    if (template) fs.copyFileSync(template, file);
    else await migrateDatabase(url);
  } catch (error) {
    remove();
    throw error;
  }
  const client = createDbClient(url);
  const drop = once(async () => {
    await client.$disconnect();
    remove();
  });
  return { provider: "sqlite", url, client, drop };
}

export async function createPostgresTestDatabase(
  serverUrl: string = TEST_DATABASE_URL,
): Promise<TestDatabase> {
  const name = uniqueDatabaseName();
  const url = withDatabase(serverUrl, name);
  // The template lives on the suite's own server; a database on another server is migrated itself.
  const template =
    serverUrl === TEST_DATABASE_URL ? process.env[TEMPLATE_SETTINGS.postgresDatabase] : undefined;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  // WITH (FORCE) (PostgreSQL 13+) also ends connections a failed test left open.
  const dropDatabase = () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  try {
    if (!template) await migrateDatabase(url);
  } catch (error) {
    await dropDatabase();
    throw error;
  }
  const client = createDbClient(url);
  const drop = once(async () => {
    await client.$disconnect();
    await dropDatabase();
  });
  return { provider: "postgresql", url, client, drop };
}

export function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
