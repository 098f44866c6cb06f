import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  deleteOldAuditEvents,
  deleteOldConfirmedSignatures,
  deleteOldEmailRecords,
  deleteOldLocalEmails,
} from "@/lib/retention/sweeps";
import { describeRetention } from "@/lib/retention/policy";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";

const DAY = 24 * 60 * 60 * 1000;
const now = new Date("2026-11-25T12:00:00Z");
const ago = (days: number) => new Date(now.getTime() - days * DAY);

describe.each(["sqlite", "postgresql"] as const)("retention sweeps on %s", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(() => database.drop());

  it("delete sent and cancelled email records past their period, never pending or failed ones", async () => {
    const db = database.client;
    const email = { kind: "test", refId: null };
    await db.outboxMessage.createMany({
      data: [
        { ...email, status: "sent", createdAt: ago(40) },
        { ...email, status: "failed", createdAt: ago(40) },
        { ...email, status: "cancelled", createdAt: ago(40) },
        { ...email, status: "pending", createdAt: ago(40) },
        { ...email, status: "sent", createdAt: ago(5) },
      ],
    });
    expect(await deleteOldEmailRecords(db, 30, now)).toBe(2);
    // A failed email waits for staff at /admin/emails however old it is (mail-problems-wait-for-staff).
    expect(
      (await db.outboxMessage.findMany({ select: { status: true } })).map((m) => m.status).sort(),
    ).toEqual(["failed", "pending", "sent"]);
  });

  it("trim the audit log by age only", async () => {
    const db = database.client;
    await db.auditEvent.createMany({
      data: [
        { actor: "a@example.org", action: "sign-in", at: ago(800) },
        { actor: "a@example.org", action: "sign-in", at: ago(10) },
      ],
    });
    expect(await deleteOldAuditEvents(db, 730, now)).toBe(1);
    expect(await db.auditEvent.count()).toBe(1);
  });

  it("delete confirmed signatures only when the charity sets a period, and only older ones", async () => {
    const db = database.client;
    const base = { name: "N", nation: "england", country: "GB", consentVersion: "v", clientHash: "c" };
    await db.signature.createMany({
      data: [
        {
          ...base,
          email: "old@x.org",
          emailKey: "old@x.org",
          status: "confirmed",
          consentAt: ago(400),
          createdAt: ago(400),
        },
        {
          ...base,
          email: "new@x.org",
          emailKey: "new@x.org",
          status: "confirmed",
          consentAt: ago(10),
          createdAt: ago(10),
        },
      ],
    });
    const [old] = await db.signature.findMany({ where: { emailKey: "old@x.org" }, select: { id: true } });
    expect(await deleteOldConfirmedSignatures(db, 365, now)).toBe(1);
    expect((await db.signature.findMany({ select: { emailKey: true } })).map((s) => s.emailKey)).toEqual([
      "new@x.org",
    ]);
    // The CRM is told to delete it too: its id (nothing else about the person) is recorded as removed.
    expect(await db.signatureRemoval.findMany()).toEqual([
      { signatureId: old!.id, reason: "retention", removedAt: now },
    ]);
  });
});

describe("the privacy notice's retention table", () => {
  it("states each period from the settings", () => {
    const rows = describeRetention({
      unconfirmedSignatureDays: 30,
      unconfirmedVolunteerDays: 30,
      sentEmailDays: 30,
      auditLogDays: 730,
      confirmedSignatureDays: 365,
    });
    const table = Object.fromEntries(rows.map((row) => [row.what, row.howLong]));
    expect(table["Signatures that were never confirmed"]).toBe("30 days, then deleted");
    expect(table["Confirmed signatures"]).toBe("1 year after signing, then deleted");
    expect(table["The staff audit log (who saw or changed what)"]).toBe("2 years, then deleted");
    expect(table["Records of emails we sent you"]).toContain("deleted after 30 days");
    expect(table["Records of emails we sent you"]).toContain(
      "If an email could not be delivered, its record is kept until our staff have dealt with it",
    );
  });

  it("says confirmed signatures are kept until the campaign ends when no period is set", () => {
    const rows = describeRetention({
      unconfirmedSignatureDays: 30,
      unconfirmedVolunteerDays: 30,
      sentEmailDays: 30,
      auditLogDays: 730,
    });
    expect(rows.find((row) => row.what === "Confirmed signatures")?.howLong).toBe(
      "Until the campaign ends, or until you withdraw",
    );
  });
});

describe("retention of the embedded mode's .eml files", () => {
  it("deletes copies of sent emails older than the period, and nothing else in the folder", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "cui-eml-retention-"));
    const stamp = (date: Date) =>
      date
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d+Z$/, "Z");
    const old = `${stamp(ago(31))}-11111111-1111-4111-8111-111111111111.eml`;
    const recent = `${stamp(ago(29))}-22222222-2222-4222-8222-222222222222.eml`;
    try {
      for (const name of [old, recent, "notes.txt"])
        fs.writeFileSync(path.join(folder, name), "To: a@example.org");
      expect(await deleteOldLocalEmails(30, now, folder)).toBe(1);
      expect(fs.readdirSync(folder).sort()).toEqual([recent, "notes.txt"].sort());
      // No folder at all (SMTP mode, or nothing sent yet): nothing to do.
      expect(await deleteOldLocalEmails(30, now, path.join(folder, "missing"))).toBe(0);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
