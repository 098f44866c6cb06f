import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDbClient, type DbClient } from "@/lib/platform/db";
import { createAdmission } from "@/lib/pledge/admission";
import { createSigningLimits } from "@/lib/pledge/limits";
import { keyedHash } from "@/lib/security/hashing";
import { databaseLimiters, deleteExpiredLimiterCounters, memoryLimiters } from "@/lib/security/limiter-store";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import { newSecret } from "@/tests/support/pledge-fixtures";

// With several app instances on one PostgreSQL database, a network's free allowance (and every other
// limit) must be the same as with one: the counters live in the database. Each "instance" here is its own
// Prisma client (its own pool) and its own limiter, as two processes would have.

const secret = newSecret();
const networkKey = (address: string) => keyedHash(secret, "client-address", address);
const signals = (address: string) => ({
  honeypot: "",
  solvedChallenge: false,
  clientAddress: address,
  clientHash: networkKey(address),
});

describe("rate limits shared by several instances on PostgreSQL", () => {
  let database: TestDatabase;
  let otherInstance: DbClient;

  beforeAll(async () => {
    database = await createTestDatabase("postgresql");
    otherInstance = createDbClient(database.url);
  });
  afterAll(async () => {
    await otherInstance?.$disconnect();
    await database?.drop();
  });

  it("a network allowed 5 sign-ups an hour gets exactly 5 through two instances, 3 tried on each", async () => {
    const admitOn = (db: DbClient) =>
      createAdmission(createSigningLimits(db, { freePerAddressPerHour: 5 }), databaseLimiters(db));
    const [first, second] = [admitOn(database.client), admitOn(otherInstance)];
    const outcomes = await Promise.all(
      [first, second, first, second, first, second].map((admit) => admit(signals("198.51.100.7"))),
    );
    expect(outcomes.filter((outcome) => !outcome.held)).toHaveLength(5);
    expect(outcomes.filter((outcome) => outcome.held)).toEqual([{ held: true, reason: "over-allowance" }]);
  });

  it("counts every hit when many arrive at once on both instances, without a store error", async () => {
    const warn = vi.fn();
    const limitOn = (db: DbClient) =>
      databaseLimiters(db, warn).create("burst", { limit: 7, windowMs: 60_000 });
    const [first, second] = [limitOn(database.client), limitOn(otherInstance)];
    const key = networkKey("198.51.100.8");
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? first : second).allow(key)),
    );
    expect(answers.filter(Boolean)).toHaveLength(7);
    expect(warn).not.toHaveBeenCalled();
  });

  it("a limit staff lower while the server runs applies to hits already counted on other instances", async () => {
    const limitOn = (db: DbClient) =>
      databaseLimiters(db).create("staff-set", { limit: 100, windowMs: 60_000 });
    const [first, second] = [limitOn(database.client), limitOn(otherInstance)];
    const key = networkKey("198.51.100.9");
    expect(await first.allow(key, 3)).toBe(true);
    expect(await second.allow(key, 3)).toBe(true);
    expect(await first.allow(key, 2)).toBe(false);
  });

  it("stores only the keyed hash, never the address, and starts a new window once one ends", async () => {
    const limit = databaseLimiters(database.client).create("short", { limit: 1, windowMs: 1_000 });
    const key = networkKey("198.51.100.10");
    expect(await limit.allow(key)).toBe(true);
    expect(await limit.allow(key)).toBe(false);
    const rows = await database.client.rateLimitCounter.findMany({
      where: { key: { startsWith: "short:" } },
    });
    expect(rows.map((row) => row.key)).toEqual([`short:${key}`]);
    expect(JSON.stringify(rows)).not.toContain("198.51.100.10");

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await deleteExpiredLimiterCounters(database.client)).toBeGreaterThanOrEqual(1);
    expect(await limit.allow(key)).toBe(true);
  });

  it("lets sign-ups through, with a warning, when the counters cannot be reached", async () => {
    const unreachable = createDbClient("postgresql://postgres@127.0.0.1:1/nowhere");
    const warnings: string[] = [];
    try {
      const limit = databaseLimiters(unreachable, (line) => warnings.push(line)).create("down", {
        limit: 1,
        windowMs: 60_000,
      });
      const key = networkKey("198.51.100.11");
      expect([await limit.allow(key), await limit.allow(key)]).toEqual([true, true]);
      expect(warnings).toHaveLength(1); // once a minute, not once a request
      expect(warnings[0]).toMatch(/^rate limit: down could not count \(.+\); allowing$/);
      expect(warnings[0]).not.toContain(key);
    } finally {
      await unreachable.$disconnect();
    }
  });
});

describe("rate limits on SQLite (one process)", () => {
  it("count in memory: the allowance holds the sixth sign-up of an hour from one network", async () => {
    const database = await createTestDatabase("sqlite");
    try {
      const admit = createAdmission(
        createSigningLimits(database.client, { freePerAddressPerHour: 5 }),
        memoryLimiters(),
      );
      const outcomes = [];
      for (let i = 0; i < 6; i++) outcomes.push(await admit(signals("192.0.2.1")));
      expect(outcomes.filter((outcome) => outcome.held)).toHaveLength(1);
      expect(outcomes[5]).toEqual({ held: true, reason: "over-allowance" });
      expect(await database.client.rateLimitCounter.count()).toBe(0);
    } finally {
      await database.drop();
    }
  });

  it("start a new window in memory once one ends", async () => {
    const limit = memoryLimiters().create("short", { limit: 1, windowMs: 50 });
    const key = networkKey("192.0.2.2");
    expect([await limit.allow(key), await limit.allow(key)]).toEqual([true, false]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await limit.allow(key)).toBe(true);
  });
});
