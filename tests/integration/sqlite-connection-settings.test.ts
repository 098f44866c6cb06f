import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteTestDatabase, type TestDatabase } from "@/tests/support/databases";

// An acknowledged sign-up is on disk (synchronous=FULL), erased data is overwritten in the file rather
// than left in free pages (secure_delete), readers are not blocked by a commit (WAL), and a busy database
// is waited for briefly by SQLite and then asynchronously by us (short busy_timeout).

describe("SQLite connection settings", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createSqliteTestDatabase();
  });
  afterAll(() => database?.drop());

  const pragma = async (name: string) => {
    const rows = await database.client.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
    return String(Object.values(rows[0]!)[0]);
  };

  it("are set on the connection the app uses", async () => {
    expect(await pragma("journal_mode")).toBe("wal");
    expect(await pragma("synchronous")).toBe("2"); // FULL
    expect(await pragma("secure_delete")).toBe("1");
    expect(Number(await pragma("busy_timeout"))).toBeLessThanOrEqual(100);
  });
});
