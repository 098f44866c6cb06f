import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOutboxStore } from "@/lib/mail/outbox-store";
import { createMailProblems } from "@/lib/mail/problems";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import {
  PROVIDERS,
  clearPledgeTables,
  newSecret,
  newSigner,
  pledgeInput,
  someClient,
} from "@/tests/support/pledge-fixtures";

// An email interrupted by a crash, or refused for good, is never lost silently: staff see it and decide
// to send it again, with fresh links. A staff sign-in link is never resent (it expires in minutes).

describe.each(PROVIDERS)("emails that did not go, on %s", (provider) => {
  let database: TestDatabase;
  const secret = newSecret();

  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(() => database?.drop());
  beforeEach(() => clearPledgeTables(database.client));

  it("an interrupted send is listed for staff, and sending it again queues it with a fresh link", async () => {
    const db = database.client;
    await newSigner(db, provider, secret)(pledgeInput(secret, { email: "lost@example.org" }), someClient());
    const store = createOutboxStore(db);
    // Claimed by a worker whose lease has run out since.
    const { emails } = await store.claim(new Date(), 10, new Date(Date.now() - 1_000));
    expect(emails).toHaveLength(1);
    // The worker died with it on the wire; the reaper finds it after its lease.
    expect(await store.failInterrupted(new Date())).toBe(1);
    await db.outboxMessage.create({
      data: {
        kind: "staff-sign-in",
        refId: "staff-1",
        status: "failed",
        lastError: "interrupted while sending",
      },
    });

    const problems = createMailProblems(db);
    const listed = await problems.list();
    expect(listed.total).toBe(2);
    const pledge = listed.problems.find((p) => p.kind === "pledge-confirm")!;
    expect(pledge).toMatchObject({ interrupted: true, canResend: true });
    expect(listed.problems.find((p) => p.kind === "staff-sign-in")).toMatchObject({ canResend: false });

    const now = new Date();
    expect(await problems.sendAgain(undefined, now)).toBe(1);
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id: pledge.id } });
    expect(row).toMatchObject({ status: "pending", attempts: 0, lastError: null });
    expect(JSON.parse(row.params!)).toEqual({ issuedAt: now.toISOString() });
    // Claimable again at once; the sign-in link stays failed.
    expect(
      (await store.claim(new Date(), 10, new Date(Date.now() + 60_000))).emails.map((e) => e.id),
    ).toEqual([pledge.id]);
    expect((await problems.list()).problems.map((p) => p.kind)).toEqual(["staff-sign-in"]);
  });
});
