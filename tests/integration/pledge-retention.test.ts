import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DbClient } from "@/lib/platform/db";
import { confirmSignature } from "@/lib/pledge/confirm";
import { UNCONFIRMED_RETENTION_DAYS, deleteExpiredSignatures } from "@/lib/pledge/retention";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import {
  PROVIDERS,
  type PledgeFields,
  clearPledgeTables,
  confirmTokenFor,
  newSecret,
  newSigner,
  pledgeInput,
  someClient,
} from "@/tests/support/pledge-fixtures";

// What we promised not to keep: sign-ups never confirmed, and those held for review and never released, go
// 30 days after they were made. Confirmed signatures stay until the supporter withdraws.

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(PROVIDERS)("deleting unconfirmed sign-ups after 30 days on %s", (provider) => {
  let database: TestDatabase;
  let db: DbClient;
  const secret = newSecret();

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
  });
  afterAll(() => database?.drop());
  beforeEach(() => clearPledgeTables(db));
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Signs up as if at `at`: the signer stamps rows with the clock, so only the clock is moved. */
  async function signAt(at: number, fields: PledgeFields & { email: string }, confirmAfterMs?: number) {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(at);
    try {
      await newSigner(db, provider, secret)(pledgeInput(secret, fields), someClient());
      if (confirmAfterMs !== undefined) {
        const token = await confirmTokenFor(db, fields.email);
        expect(await confirmSignature(db, secret, token, new Date(at + confirmAfterMs))).toBe("confirmed");
      }
    } finally {
      vi.useRealTimers();
    }
  }

  const statusOf = async () =>
    Object.fromEntries(
      (await db.signature.findMany({ select: { emailKey: true, status: true } })).map((row) => [
        row.emailKey.replace("@example.org", ""),
        row.status,
      ]),
    );

  it("deletes pending and held sign-ups older than 30 days and keeps confirmed ones", async () => {
    const now = Date.now();
    const daysAgo = (n: number) => now - n * DAY_MS;
    await signAt(daysAgo(40), { email: "old-pending@example.org" });
    await signAt(daysAgo(40), { email: "old-held@example.org", website: "spam" });
    await signAt(daysAgo(40), { email: "old-confirmed@example.org" }, DAY_MS);
    // A bot used the address 40 days ago; the real person signed 10 days ago and took the row over.
    await signAt(daysAgo(40), { email: "taken-over@example.org", website: "x" });
    await signAt(daysAgo(10), { email: "taken-over@example.org" });
    await signAt(daysAgo(29), { email: "recent-pending@example.org" });
    await signAt(daysAgo(29), { email: "recent-held@example.org", website: "spam" });
    await signAt(now, { email: "new-pending@example.org" });

    // The rows carry the time they were signed (the sweep relies on it).
    const oldRow = await db.signature.findUnique({ where: { emailKey: "old-pending@example.org" } });
    expect(oldRow!.createdAt.getTime()).toBe(daysAgo(40));

    expect(await deleteExpiredSignatures(db, new Date(now))).toBe(2);
    expect(await statusOf()).toEqual({
      "old-confirmed": "confirmed",
      "taken-over": "pending",
      "recent-pending": "pending",
      "recent-held": "held",
      "new-pending": "pending",
    });
    // Idempotent: every app instance may run it.
    expect(await deleteExpiredSignatures(db, new Date(now))).toBe(0);

    // Two days on, the 29-day-old ones have had their 30 days; years on, confirmed signatures remain.
    expect(await deleteExpiredSignatures(db, new Date(now + 2 * DAY_MS))).toBe(2);
    expect(await deleteExpiredSignatures(db, new Date(now + 3_650 * DAY_MS))).toBe(2);
    expect(await statusOf()).toEqual({ "old-confirmed": "confirmed" });
  });

  it("draws the line at exactly 30 days, to the second", async () => {
    const now = Date.now();
    const cutoff = now - UNCONFIRMED_RETENTION_DAYS * DAY_MS;
    await signAt(cutoff - 5_000, { email: "just-over@example.org" });
    await signAt(cutoff + 5_000, { email: "just-under@example.org" });
    await signAt(cutoff - 5_000, { email: "just-over-held@example.org", website: "spam" });
    await signAt(cutoff + 5_000, { email: "just-under-held@example.org", website: "spam" });

    expect(await deleteExpiredSignatures(db, new Date(now))).toBe(2);
    expect(await statusOf()).toEqual({ "just-under": "pending", "just-under-held": "held" });
  });

  it("the default clock is now", async () => {
    await signAt(Date.now() - 31 * DAY_MS, { email: "stale@example.org" });
    await signAt(Date.now(), { email: "fresh@example.org" });
    expect(await deleteExpiredSignatures(db)).toBe(1);
    expect(await statusOf()).toEqual({ fresh: "pending" });
  });
});
