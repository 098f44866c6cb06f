import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readServiceHealth } from "@/lib/admin/service-health";
import { createOutboxStore } from "@/lib/mail/outbox-store";
import { createMailProblems, DISMISSED } from "@/lib/mail/problems";
import { deleteOldEmailRecords } from "@/lib/retention/sweeps";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import { PROVIDERS } from "@/tests/support/pledge-fixtures";

// An email that did not go waits for a person: it is listed at /admin/emails (even when no worker is left
// to notice it was interrupted), counted on the dashboard, and never deleted by age until staff have sent
// it again or marked it dealt with.

const DAY = 24 * 60 * 60 * 1000;
const now = new Date("2026-11-25T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe.each(PROVIDERS)("emails waiting for staff, on %s", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(() => database?.drop());
  beforeEach(async () => {
    await database.client.outboxMessage.deleteMany();
  });

  it("lists an email still 'sending' past its lease as interrupted, though no worker has reaped it", async () => {
    const db = database.client;
    const [stranded, inFlight] = await Promise.all([
      // The only worker died mid-send an hour ago and has not come back.
      db.outboxMessage.create({
        data: { kind: "pledge-confirm", refId: "sig-1", status: "sending", lockedUntil: ago(60 * 60 * 1000) },
      }),
      // A live worker is sending this one right now.
      db.outboxMessage.create({
        data: {
          kind: "pledge-confirm",
          refId: "sig-2",
          status: "sending",
          lockedUntil: new Date(now.getTime() + 60_000),
        },
      }),
    ]);
    const problems = createMailProblems(db);
    const listed = await problems.list(200, now);
    expect(listed.total).toBe(1);
    expect(listed.problems).toEqual([
      expect.objectContaining({
        id: stranded.id,
        interrupted: true,
        lastError: "interrupted while sending",
        canResend: true,
      }),
    ]);
    expect((await readServiceHealth(db, now)).emailsWaiting).toBe(1);

    // Sending it again takes it from the dead worker; the live worker's email is left alone.
    expect(await problems.sendAgain(undefined, now)).toBe(1);
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: stranded.id } })).toMatchObject({
      status: "pending",
      lockedUntil: null,
    });
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: inFlight.id } })).toMatchObject({
      status: "sending",
    });
    // And the reaper, should the worker come back, finds nothing left to call interrupted.
    expect(await createOutboxStore(db).failInterrupted(now)).toBe(0);
  });

  it("keeps failed and interrupted emails past the retention period until staff deal with them", async () => {
    const db = database.client;
    const old = ago(400 * DAY);
    await db.outboxMessage.createMany({
      data: [
        { kind: "pledge-confirm", status: "sent", createdAt: old },
        { kind: "pledge-confirm", status: "cancelled", createdAt: old },
        { kind: "pledge-confirm", status: "failed", lastError: "SMTP 550 after RCPT TO", createdAt: old },
        {
          kind: "volunteer-welcome",
          status: "failed",
          lastError: "interrupted while sending",
          createdAt: old,
        },
        { kind: "pledge-repeat", status: "sending", lockedUntil: ago(DAY), createdAt: old },
      ],
    });
    expect(await deleteOldEmailRecords(db, 30, now)).toBe(2);
    const problems = createMailProblems(db);
    expect((await problems.list(200, now)).total).toBe(3);

    // Staff mark one dealt with: it leaves the list, and the next sweep deletes its record.
    const [first] = (await problems.list(200, now)).problems;
    expect(await problems.dismiss([first!.id], now)).toBe(1);
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({
      status: "cancelled",
      lastError: DISMISSED,
    });
    expect((await problems.list(200, now)).total).toBe(2);
    expect(await deleteOldEmailRecords(db, 30, now)).toBe(1);

    // "Mark every one dealt with" takes the rest, interrupted ones included; a second press finds nothing.
    expect(await problems.dismiss(undefined, now)).toBe(2);
    expect(await problems.dismiss(undefined, now)).toBe(0);
    expect((await readServiceHealth(db, now)).emailsWaiting).toBe(0);
    expect(await deleteOldEmailRecords(db, 30, now)).toBe(2);
    expect(await db.outboxMessage.count()).toBe(0);
  });

  it("never dismisses or resends an email that is pending, sent, or in a live worker's hands", async () => {
    const db = database.client;
    const rows = await Promise.all(
      [
        { status: "pending" },
        { status: "sent" },
        { status: "sending", lockedUntil: new Date(now.getTime() + 60_000) },
      ].map((data) => db.outboxMessage.create({ data: { kind: "pledge-confirm", ...data } })),
    );
    const ids = rows.map((row) => row.id);
    const problems = createMailProblems(db);
    expect(await problems.dismiss(ids, now)).toBe(0);
    expect(await problems.sendAgain(ids, now)).toBe(0);
    expect((await db.outboxMessage.findMany({ orderBy: { status: "asc" } })).map((r) => r.status)).toEqual([
      "pending",
      "sending",
      "sent",
    ]);
  });
});
