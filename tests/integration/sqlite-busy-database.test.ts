import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DatabaseUnavailableError, isDatabaseUnavailable } from "@/lib/entry/service-unavailable";
import { sqliteFilePath } from "@/prisma/database-target";
import { createSqliteTestDatabase, type TestDatabase } from "@/tests/support/databases";

// Another process (a CLI such as `npm run volunteers:rotate-keys`) holds SQLite's write lock. The site's
// write waits without freezing the server (better-sqlite3 is synchronous: a long busy timeout would stop
// every other request), then succeeds once the lock is free, or gives up with DatabaseUnavailableError.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts event-loop turns while `work` runs: a frozen loop counts none. */
async function countingTicks<T>(
  work: () => Promise<T>,
): Promise<{ ticks: number; outcome: PromiseSettledResult<T> }> {
  let ticks = 0;
  const timer = setInterval(() => (ticks += 1), 10);
  try {
    const [outcome] = await Promise.allSettled([work()]);
    return { ticks, outcome: outcome! };
  } finally {
    clearInterval(timer);
  }
}

describe("SQLite: another process holds the write lock", () => {
  let database: TestDatabase;
  let other: Database.Database;
  beforeAll(async () => {
    database = await createSqliteTestDatabase();
    await database.client.auditEvent.count(); // connected, WAL on
    other = new Database(sqliteFilePath(database.url));
  });
  afterEach(() => {
    if (other.inTransaction) other.exec("ROLLBACK");
  });
  afterAll(async () => {
    other?.close();
    await database?.drop();
  });

  it("a write waits, with the server still turning, and lands once the lock is released", async () => {
    other.exec("BEGIN IMMEDIATE");
    setTimeout(() => other.exec("COMMIT"), 300);
    const { ticks, outcome } = await countingTicks(() =>
      database.client.auditEvent.create({ data: { actor: "system", action: "waited" } }),
    );
    // Released well inside the retry window, so it succeeds; if the machine is too slow for that, the only
    // acceptable failure is the typed one.
    if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(DatabaseUnavailableError);
    else expect(await database.client.auditEvent.count({ where: { action: "waited" } })).toBe(1);
    expect(ticks).toBeGreaterThanOrEqual(5);
  });

  it("a transaction waits the same way", async () => {
    other.exec("BEGIN IMMEDIATE");
    setTimeout(() => other.exec("COMMIT"), 300);
    const { ticks, outcome } = await countingTicks(() =>
      database.client.$transaction(async (tx) => {
        await tx.auditEvent.create({ data: { actor: "system", action: "waited-tx" } });
      }),
    );
    if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(DatabaseUnavailableError);
    else expect(await database.client.auditEvent.count({ where: { action: "waited-tx" } })).toBe(1);
    expect(ticks).toBeGreaterThanOrEqual(5);
  });

  it("gives up with DatabaseUnavailableError when the lock is never released, without freezing", async () => {
    other.exec("BEGIN IMMEDIATE");
    const statement = await countingTicks(() =>
      database.client.auditEvent.create({ data: { actor: "system", action: "never" } }),
    );
    const transaction = await countingTicks(() =>
      database.client.$transaction(async (tx) => {
        await tx.auditEvent.create({ data: { actor: "system", action: "never" } });
      }),
    );
    other.exec("ROLLBACK");
    for (const { ticks, outcome } of [statement, transaction]) {
      expect(outcome.status).toBe("rejected");
      const reason = (outcome as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(DatabaseUnavailableError);
      expect(isDatabaseUnavailable(reason)).toBe(true);
      expect(ticks).toBeGreaterThanOrEqual(5);
    }
    // And the site works again at once.
    await database.client.auditEvent.create({ data: { actor: "system", action: "after" } });
    expect(await database.client.auditEvent.count({ where: { action: "never" } })).toBe(0);
    await sleep(0);
  });
});
