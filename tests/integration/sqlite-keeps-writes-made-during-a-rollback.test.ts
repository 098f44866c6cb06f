import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteTestDatabase, type TestDatabase } from "@/tests/support/databases";

// SQLite runs on one connection. A confirmation, an unsubscribe or an audit entry written while another
// request's transaction is open must not become part of that transaction and vanish with its rollback.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("SQLite: writes made while another request's transaction is open", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createSqliteTestDatabase();
  });
  afterAll(() => database?.drop());

  it("keep their changes when that transaction rolls back", async () => {
    const db = database.client;
    await db.auditEvent.create({ data: { id: "seed", actor: "system", action: "seed" } });

    const opened = deferred();
    const giveUp = deferred();
    const doomed = db.$transaction(async (tx) => {
      await tx.auditEvent.create({ data: { actor: "system", action: "doomed" } });
      opened.resolve();
      await giveUp.promise;
      throw new Error("changed my mind");
    });
    await opened.promise;

    // Ordinary single-statement writes from other requests, while the transaction is open.
    const writes = Promise.all([
      db.auditEvent.updateMany({ where: { id: "seed" }, data: { subject: "confirmed" } }),
      db.auditEvent.create({ data: { actor: "system", action: "kept" } }),
      db.auditEvent.create({ data: { actor: "system", action: "kept" } }),
    ]);
    await sleep(100); // time enough for them to reach SQLite, if nothing holds them back
    giveUp.resolve();

    await expect(doomed).rejects.toThrow("changed my mind");
    await writes;
    const rows = await db.auditEvent.findMany({ select: { id: true, action: true, subject: true } });
    expect(rows.filter((row) => row.action === "doomed")).toEqual([]);
    expect(rows.filter((row) => row.action === "kept")).toHaveLength(2);
    expect(rows.find((row) => row.id === "seed")?.subject).toBe("confirmed");
  });

  it("and everything commits when many transactions and statements overlap", async () => {
    const db = database.client;
    const work = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? db.$transaction(async (tx) => {
            await tx.auditEvent.create({ data: { actor: "system", action: "overlap-tx" } });
            await sleep(2);
            await tx.auditEvent.create({ data: { actor: "system", action: "overlap-tx" } });
          })
        : db.auditEvent.create({ data: { actor: "system", action: "overlap-statement" } }),
    );
    await Promise.all(work);
    expect(await db.auditEvent.count({ where: { action: "overlap-tx" } })).toBe(20);
    expect(await db.auditEvent.count({ where: { action: "overlap-statement" } })).toBe(10);
  });

  it("nested transactions still roll back to their savepoint", async () => {
    const db = database.client;
    await db.$transaction(async (tx) => {
      await tx.auditEvent.create({ data: { actor: "system", action: "outer" } });
      await expect(
        // Prisma 7 nests interactive transactions as savepoints.
        (tx as unknown as typeof db).$transaction(async (inner) => {
          await inner.auditEvent.create({ data: { actor: "system", action: "inner" } });
          throw new Error("inner only");
        }),
      ).rejects.toThrow("inner only");
    });
    expect(await db.auditEvent.count({ where: { action: "outer" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "inner" } })).toBe(0);
  });
  it("and a transaction that outlives its timeout lets go of the connection", async () => {
    const db = database.client;
    const slow = db.$transaction(
      async (tx) => {
        await tx.auditEvent.create({ data: { actor: "system", action: "too-slow" } });
        await sleep(400);
        await tx.auditEvent.create({ data: { actor: "system", action: "too-slow" } });
      },
      { timeout: 100 },
    );
    await expect(slow).rejects.toThrow();
    await db.auditEvent.create({ data: { actor: "system", action: "after-timeout" } });
    expect(await db.auditEvent.count({ where: { action: "too-slow" } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "after-timeout" } })).toBe(1);
  });
});
