import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDbClient } from "@/lib/platform/db";
import { checkReadiness, migrationsDirFor, readinessResponse } from "@/lib/platform/readiness";
import {
  createPostgresTestDatabase,
  createSqliteTestDatabase,
  TEST_DATABASE_URL,
  type TestDatabase,
} from "@/tests/support/databases";

// GET /api/ready tells a load balancer whether to send this instance traffic: only when its database
// answers and has every migration this build ships. Otherwise 503 with Retry-After, within 2 s, whatever
// the database is doing.

const root = path.resolve(__dirname, "../..");

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
}

describe("readiness on SQLite", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createSqliteTestDatabase();
  });
  afterAll(() => database?.drop());

  it("is ready once migrated, and answers 200 without caching", async () => {
    const readiness = await checkReadiness(database.client, migrationsDirFor(database.url, root));
    expect(readiness).toEqual({ ready: true });
    const response = readinessResponse(readiness);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready" });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("is not ready while a migration this build ships is not recorded as finished", async () => {
    const [latest] = await database.client.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    await database.client
      .$executeRaw`DELETE FROM _prisma_migrations WHERE migration_name = ${latest!.migration_name}`;
    const readiness = await checkReadiness(database.client, migrationsDirFor(database.url, root));
    expect(readiness).toEqual({ ready: false, reason: "1 migration(s) not applied" });
    const response = readinessResponse(readiness);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "not ready", reason: "1 migration(s) not applied" });
  });

  it("is not ready on a database that was never migrated", async () => {
    const fresh = createDbClient(`file:${path.join(path.dirname(database.url.slice(5)), "fresh.db")}`);
    try {
      expect(await checkReadiness(fresh, migrationsDirFor(database.url, root))).toEqual({
        ready: false,
        reason: "migrations not applied",
      });
    } finally {
      await fresh.$disconnect();
    }
  });
});

describe("readiness on PostgreSQL", () => {
  let database: TestDatabase;
  let silent: net.Server;
  let silentPort: number;
  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    // Accepts connections and never says a word: a database host that hangs.
    silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    silentPort = (silent.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    silent?.close();
    await database?.drop();
  });

  it("is ready once migrated", async () => {
    expect(await checkReadiness(database.client, migrationsDirFor(database.url, root))).toEqual({
      ready: true,
    });
  });

  it.each([
    ["refuses connections", () => 1, "database unavailable"],
    ["accepts connections but never answers", () => silentPort, "database did not answer in time"],
  ])("answers 503 within 2 s when the database %s", async (_how, port, reason) => {
    const url = new URL(TEST_DATABASE_URL);
    url.hostname = "127.0.0.1";
    url.port = String(port());
    const client = createDbClient(url.toString());
    try {
      const { result, ms } = await timed(() =>
        checkReadiness(client, migrationsDirFor(url.toString(), root)),
      );
      expect(result).toEqual({ ready: false, reason });
      expect(ms).toBeLessThan(2_000);
      expect(readinessResponse(result).status).toBe(503);
    } finally {
      void client.$disconnect();
    }
  });
});
