import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { describeVolunteer } from "@/lib/admin/records/format";
import type { DbClient } from "@/lib/platform/db";
import { UNREADABLE_DETAILS } from "@/lib/admin/records/columns";
import { createErasure } from "@/lib/admin/records/erasure";
import { createSignatureQueries } from "@/lib/admin/records/signatures";
import { createVolunteerQueries } from "@/lib/admin/records/volunteers";
import { localOutboxFolder } from "@/lib/mail/local-outbox";
import { volunteerEmailLookup } from "@/lib/volunteers/keys";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import {
  PROVIDERS,
  clearVolunteerTables,
  newKey,
  newSecret,
  newVolunteerService,
  ringOf,
  someClient,
  volunteerInput,
} from "@/tests/support/volunteer-fixtures";

// Someone asks to be erased, but the key that sealed their volunteer record has since been taken out of
// VOLUNTEER_KEYS (a botched rotation, a key thrown away too early). Their details can no longer be read,
// and that must never stop them being erased: staff still find the record, see that its details cannot
// be read, and delete it, with its queued emails, its .eml copies and an audit entry.

// The .eml outbox lives under DATA_DIR, which lib/env reads once: a throwaway folder, set before imports.
const DATA_DIR = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const dir = mkdtempSync(join(tmpdir(), "cui-lost-key-"));
  process.env.DATA_DIR = dir;
  return dir;
});
afterAll(() => fs.rmSync(DATA_DIR, { recursive: true, force: true }));

const ADMIN = "admin@example.org";
const EMAIL = "Morag.Lostkey@example.scot";

describe.each(PROVIDERS)("erasing a volunteer whose key is lost, on %s", (provider) => {
  let database: TestDatabase;
  let db: DbClient;
  // APP_SECRET was rotated too since they signed up: their lookup is under the older secret.
  const [currentSecret, olderSecret] = [newSecret(), newSecret()];
  const lookups = (email: string) => [currentSecret, olderSecret].map((s) => volunteerEmailLookup(s, email));
  const lostKey = newKey();
  const keptKey = newKey();

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
  });
  afterAll(() => database?.drop());
  beforeEach(async () => {
    await clearVolunteerTables(db);
    await db.auditEvent.deleteMany();
    fs.rmSync(localOutboxFolder(), { recursive: true, force: true });
  });

  /** The erasure as the app wires it now: the lost key is no longer in the ring. */
  const erasureWithoutTheKey = () => {
    const ring = ringOf("kept", { kept: keptKey });
    return createErasure(db, {
      signatures: createSignatureQueries(db, { provider }),
      volunteers: createVolunteerQueries(db, { ring, lookup: (email) => lookups(email)[0]! }),
      lookup: lookups,
    });
  };

  /** Signs up under the key that is later lost; one email sent (with its .eml copy), one still queued. */
  async function volunteerUnderTheLostKey() {
    await newVolunteerService(db, olderSecret, ringOf("lost", { lost: lostKey })).register(
      volunteerInput(olderSecret, { email: EMAIL, name: "Morag Lostkey", healthBoard: "Highland" }),
      someClient(),
    );
    const volunteer = await db.volunteer.findFirstOrThrow();
    const emails = await db.outboxMessage.findMany({ where: { refId: volunteer.id } });
    expect(emails.length).toBeGreaterThan(0);
    const [sent] = emails;
    await db.outboxMessage.update({ where: { id: sent!.id }, data: { status: "sent", sentAt: new Date() } });
    await db.outboxMessage.create({ data: { kind: "volunteer-confirm", refId: volunteer.id } });
    fs.mkdirSync(localOutboxFolder(), { recursive: true });
    const copy = path.join(localOutboxFolder(), `20261125T100000Z-${sent!.id}.eml`);
    fs.writeFileSync(copy, "To: Morag Lostkey <morag.lostkey@example.scot>\r\n\r\nHello Morag");
    return { volunteer, sent: sent!, copy };
  }

  it("finds the record by its address, says its details cannot be read, and records the view", async () => {
    const { volunteer } = await volunteerUnderTheLostKey();
    const found = await erasureWithoutTheKey().find(EMAIL, ADMIN);
    expect(found.signature).toBeNull();
    expect(found.volunteer).toMatchObject({
      id: volunteer.id,
      unreadable: true,
      name: UNREADABLE_DETAILS,
      email: UNREADABLE_DETAILS,
      phone: null,
      note: null,
      healthBoard: "Highland",
      status: "pending",
    });
    // What the "find and erase" page shows, field by field.
    const shown = Object.fromEntries(
      describeVolunteer(found.volunteer!).map((item) => [item.label, item.value]),
    );
    expect(shown).toMatchObject({
      Name: "details cannot be read (key missing)",
      "Email address": "details cannot be read (key missing)",
      "Health board": "Highland",
      "Record id": volunteer.id,
    });
    expect((await db.auditEvent.findMany()).map((event) => [event.action, event.subject])).toEqual([
      ["view-volunteer", volunteer.id],
    ]);
  });

  it("erases it without the key: the record, its queued emails and .eml copies go, audited by id", async () => {
    const { volunteer, sent, copy } = await volunteerUnderTheLostKey();
    const erasure = erasureWithoutTheKey();
    const { volunteer: found } = await erasure.find(EMAIL, ADMIN);

    // The confirmation page needs nothing sealed either.
    expect((await erasure.summarise({ volunteerId: found!.id })).volunteer).toMatchObject({
      id: volunteer.id,
      healthBoard: "Highland",
    });
    expect(await erasure.erase({ volunteerId: found!.id }, ADMIN)).toEqual({
      signature: "not-asked",
      volunteer: "deleted",
    });

    expect(await db.volunteer.count()).toBe(0);
    // Queued emails are gone; the sent one's delivery record stays, no longer linked to them.
    expect(await db.outboxMessage.findMany({ select: { id: true, refId: true, status: true } })).toEqual([
      { id: sent.id, refId: null, status: "sent" },
    ]);
    expect(fs.existsSync(copy)).toBe(false);
    const erase = await db.auditEvent.findFirstOrThrow({ where: { action: "erase" } });
    expect(erase).toMatchObject({ actor: ADMIN, subject: `volunteer:${volunteer.id}` });
    expect(JSON.stringify(await db.auditEvent.findMany())).not.toMatch(/morag|lostkey/i);
    expect(await erasure.find(EMAIL, ADMIN)).toEqual({ signature: null, volunteer: null });
  });

  it("still opens records sealed under a key the ring holds", async () => {
    await newVolunteerService(db, currentSecret, ringOf("kept", { kept: keptKey })).register(
      volunteerInput(currentSecret, { email: EMAIL, name: "Morag Kept", healthBoard: "Highland" }),
      someClient(),
    );
    const { volunteer } = await erasureWithoutTheKey().find(EMAIL, ADMIN);
    expect(volunteer).toMatchObject({ name: "Morag Kept", email: EMAIL });
    expect(volunteer).not.toHaveProperty("unreadable");
  });

  it("lists and searches it on the volunteers page too, instead of failing the whole page", async () => {
    const { volunteer } = await volunteerUnderTheLostKey();
    const queries = createVolunteerQueries(db, { ring: ringOf("kept", { kept: keptKey }), lookup: lookups });
    const everyone = await queries.list({}, ADMIN);
    expect(everyone.rows).toEqual([
      expect.objectContaining({ id: volunteer.id, name: UNREADABLE_DETAILS, unreadable: true }),
    ]);
    // Found by the address under the older APP_SECRET key as well.
    const searched = await queries.list({ q: EMAIL.toLowerCase() }, ADMIN);
    expect(searched.rows.map((row) => row.id)).toEqual([volunteer.id]);
  });
});
