import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbClient } from "@/lib/platform/db";
import { DATABASE_PROVIDERS, type DatabaseProvider } from "@/prisma/database-target";
import { PRISMA_DIR, runPrisma } from "@/prisma/scripts/run-prisma";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";

// Both migration sets must build exactly what the shared models describe, and the same thing as each
// other: a model change migrated for one database only fails here, not in production (P2022). It also
// proves the offline schema engine (prisma/engine) handles deploy and diff on both databases, and that
// both generated clients work against what the migrations built.

const databases = new Map<DatabaseProvider, TestDatabase>();
const database = (provider: DatabaseProvider) => databases.get(provider)!;

beforeAll(async () => {
  const created = await Promise.allSettled(
    DATABASE_PROVIDERS.map((provider) => createTestDatabase(provider)),
  );
  for (const result of created)
    if (result.status === "fulfilled") databases.set(result.value.provider, result.value);
  const failure = created.find((result) => result.status === "rejected");
  if (failure) throw failure.reason;
});

afterAll(async () => {
  await Promise.all([...databases.values()].map((db) => db.drop()));
});

describe.each(DATABASE_PROVIDERS)("%s migrations", (provider) => {
  it("build exactly the schema the models describe", async () => {
    const schemaFolder = path.join(PRISMA_DIR, provider === "sqlite" ? "sqlite" : "postgres");
    const run = await runPrisma(
      ["migrate", "diff", "--from-config-datasource", "--to-schema", schemaFolder, "--exit-code"],
      {
        DATABASE_URL: database(provider).url,
        DATABASE_PROVIDER: undefined,
      },
    );
    // Exit 2 lists the difference on stdout: a migration is missing (npm run db:migrate:new) or was edited.
    expect(run.stdout + run.stderr).not.toMatch(/\[\+\]|\[-\]|\[\*\]/);
    expect(run.code).toBe(0);
    // Prisma's CLI exits 0 without a word if its engine dies; insist on the engine's answer.
    expect(run.stdout).toContain("No difference detected");
  });

  it("let the generated client insert and read a signature", async () => {
    const client = database(provider).client;
    const created = await client.signature.create({ data: signature("reader") });
    const found = await client.signature.findUnique({ where: { emailKey: "reader@example.org" } });
    expect(found).toMatchObject({ id: created.id, name: "Reader", status: "pending", repeatEmailCount: 0 });
    expect(found?.consentAt).toEqual(new Date("2026-01-02T03:04:05.678Z"));
    // lib/platform/db.ts keeps the keyed IP hash out of results unless asked for.
    expect(found).not.toHaveProperty("clientHash");
  });

  it("reject a second signature for the same canonical email with P2002", async () => {
    const client = database(provider).client;
    await client.signature.create({ data: signature("twice") });
    await expect(
      client.signature.create({
        data: { ...signature("twice"), name: "Someone else" },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
    expect(await client.signature.count({ where: { emailKey: "twice@example.org" } })).toBe(1);
  });
});

// lib/platform/db.ts's connection settings are checked in sqlite-connection-settings.test.ts.

describe("the two migration sets", () => {
  it("create the same tables, columns, nullability and indexes", async () => {
    const sqlite = await describeSqlite(database("sqlite").client);
    const postgres = await describePostgres(database("postgresql").client);
    expect(sqlite.length).toBeGreaterThan(0);
    expect(sqlite).toEqual(postgres);
  });
});

function signature(who: string) {
  return {
    name: who.charAt(0).toUpperCase() + who.slice(1),
    email: `${who.toUpperCase()}@Example.org`,
    emailKey: `${who}@example.org`,
    nation: "scotland",
    country: "GB",
    consentVersion: "2026-01",
    consentAt: new Date("2026-01-02T03:04:05.678Z"),
    clientHash: `client-${who}`,
  };
}

// One line per table, column and index, in a form both databases can produce. Prisma's bookkeeping
// table and primary-key indexes (implicit in SQLite) are left out.
async function describeSqlite(client: DbClient): Promise<string[]> {
  const columns = await client.$queryRaw<{ table: string; column: string; notnull: bigint | number }[]>`
    SELECT m.name AS "table", c.name AS "column", c."notnull" AS "notnull"
    FROM sqlite_master m JOIN pragma_table_info(m.name) c
    WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_prisma_migrations'`;
  const indexes = await client.$queryRaw<{ table: string; index: string; unique: bigint | number }[]>`
    SELECT m.name AS "table", i.name AS "index", i."unique" AS "unique"
    FROM sqlite_master m JOIN pragma_index_list(m.name) i
    WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_prisma_migrations' AND i.origin <> 'pk'`;
  return [
    ...columns.map((c) => `column ${c.table}.${c.column} ${Number(c.notnull) ? "not null" : "null"}`),
    ...indexes.map((i) => `index ${i.table}.${i.index}${Number(i.unique) ? " unique" : ""}`),
  ].sort();
}

async function describePostgres(client: DbClient): Promise<string[]> {
  const columns = await client.$queryRaw<{ table: string; column: string; nullable: string }[]>`
    SELECT table_name AS "table", column_name AS "column", is_nullable AS "nullable"
    FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'`;
  const indexes = await client.$queryRaw<{ table: string; index: string; unique: boolean }[]>`
    SELECT t.relname AS "table", i.relname AS "index", x.indisunique AS "unique"
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    WHERE t.relnamespace = current_schema()::regnamespace AND t.relname <> '_prisma_migrations' AND NOT x.indisprimary`;
  return [
    ...columns.map((c) => `column ${c.table}.${c.column} ${c.nullable === "NO" ? "not null" : "null"}`),
    ...indexes.map((i) => `index ${i.table}.${i.index}${i.unique ? " unique" : ""}`),
  ].sort();
}
