import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDbClient } from "@/lib/platform/db";
import { DatabaseUnavailableError, isDatabaseUnavailable } from "@/lib/entry/service-unavailable";
import { createPostgresTestDatabase, TEST_DATABASE_URL, type TestDatabase } from "@/tests/support/databases";

// When PostgreSQL cannot be reached or drops the connection, the site's code sees one typed error
// (answered with 503), not a driver-specific one; ordinary errors are left as they were.

describe("PostgreSQL: the database cannot be reached", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createPostgresTestDatabase();
  });
  afterAll(() => database?.drop());

  it("a refused connection is DatabaseUnavailableError", async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.port = "1"; // nothing listens there
    const client = createDbClient(url.toString());
    try {
      const error = await client.auditEvent.count().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      await client.$disconnect();
    }
  });

  it("a connection the server ends mid-transaction (57P01) is DatabaseUnavailableError", async () => {
    const db = database.client;
    const outcome = await db
      .$transaction(async (tx) => {
        const [row] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
        const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await admin.connect();
        try {
          await admin.query("SELECT pg_terminate_backend($1)", [row!.pid]);
        } finally {
          await admin.end();
        }
        await tx.auditEvent.count();
      })
      .then(
        () => "worked",
        (error: unknown) => error,
      );
    expect(outcome).toBeInstanceOf(DatabaseUnavailableError);
    // The pool replaces the lost connection: the next request works.
    expect(await db.auditEvent.count()).toBe(0);
  });

  it("leaves a unique violation as it was", async () => {
    const db = database.client;
    await db.auditEvent.create({ data: { id: "same", actor: "system", action: "x" } });
    const error = await db.auditEvent
      .create({ data: { id: "same", actor: "system", action: "x" } })
      .catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(DatabaseUnavailableError);
    expect((error as { code?: string }).code).toBe("P2002");
  });
});
