import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbClient } from "@/lib/platform/db";
import { createErasure } from "@/lib/admin/records/erasure";
import { createSignatureQueries } from "@/lib/admin/records/signatures";
import { createVolunteerQueries } from "@/lib/admin/records/volunteers";
import { createStaffAdmin } from "@/lib/admin/access/staff-admin";
import { confirmSignature } from "@/lib/pledge/confirm";
import { createCountReader } from "@/lib/pledge/counts";
import { volunteerEmailLookup } from "@/lib/volunteers/keys";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import {
  clearPledgeTables,
  confirmTokenFor,
  newSigner,
  pledgeInput,
  someClient,
} from "@/tests/support/pledge-fixtures";
import {
  PROVIDERS,
  newKey,
  newVolunteerService,
  ringOf,
  someClient as someVolunteerClient,
  volunteerInput,
} from "@/tests/support/volunteer-fixtures";

// Someone asks the charity to erase their data. An admin finds everything held for the address, then
// erases it: the signature is anonymised (so the public count stays true), the volunteer record is
// deleted, and the audit log says who erased which records, without repeating the personal data.

const ADMIN = { id: "admin-1", email: "admin@example.org" };
const EMAIL = "Ailsa.Fraser@example.scot";

describe.each(PROVIDERS)("erasing a person on %s", (provider) => {
  let database: TestDatabase;
  let db: DbClient;
  const secret = Buffer.alloc(32, 7);
  const ring = ringOf("k1", { k1: newKey() });

  // The same keyed lookup the volunteer service uses with this secret.
  const lookup = (email: string) => volunteerEmailLookup(secret, email);

  const erasure = () => {
    const signatures = createSignatureQueries(db, { provider });
    const volunteers = createVolunteerQueries(db, { ring, lookup });
    return createErasure(db, { signatures, volunteers, lookup });
  };

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
  });
  afterAll(() => database?.drop());
  beforeEach(async () => {
    await clearPledgeTables(db);
    await db.volunteer.deleteMany();
    await db.auditEvent.deleteMany();
  });

  /** Signs, confirms and volunteers with EMAIL (and signs with another address), leaving emails queued. */
  async function signAndVolunteer() {
    const sign = newSigner(db, provider, secret);
    await sign(
      pledgeInput(secret, { email: EMAIL, name: "Ailsa Fraser", nation: "scotland", campaignEmails: "yes" }),
      someClient(),
    );
    await sign(pledgeInput(secret, { email: "someone.else@example.org", nation: "scotland" }), someClient());
    for (const address of [EMAIL, "someone.else@example.org"])
      expect(await confirmSignature(db, secret, await confirmTokenFor(db, address))).toBe("confirmed");
    await newVolunteerService(db, secret, ring).register(
      volunteerInput(secret, { email: EMAIL, name: "Ailsa Fraser", healthBoard: "Grampian" }),
      someVolunteerClient(),
    );
  }

  it("finds everything held for an address, opened, and records the views", async () => {
    await signAndVolunteer();
    const found = await erasure().find("ailsa.fraser+pledge@EXAMPLE.scot", ADMIN.email);
    expect(found.signature).toMatchObject({ name: "Ailsa Fraser", email: EMAIL, status: "confirmed" });
    expect(found.volunteer).toMatchObject({ name: "Ailsa Fraser", email: EMAIL, healthBoard: "Grampian" });
    const actions = (await db.auditEvent.findMany()).map((event) => [event.action, event.subject]).sort();
    expect(actions).toEqual(
      [
        ["view-signature", found.signature!.id],
        ["view-volunteer", found.volunteer!.id],
      ].sort(),
    );
    expect(await erasure().find("nobody@example.org", ADMIN.email)).toEqual({
      signature: null,
      volunteer: null,
    });
  });

  it("anonymises the signature (counts unchanged), deletes the volunteer, and audits ids only", async () => {
    await signAndVolunteer();
    const counts = createCountReader(db, 0);
    const before = await counts();
    const { signature, volunteer } = await erasure().find(EMAIL, ADMIN.email);
    const aboutThem = { refId: { in: [signature!.id, volunteer!.id] } };
    const other = await db.signature.findFirstOrThrow({ where: { email: "someone.else@example.org" } });
    expect(await db.outboxMessage.count({ where: aboutThem })).toBeGreaterThan(0);

    const summary = await erasure().summarise({ signatureId: signature!.id, volunteerId: volunteer!.id });
    expect(summary.signature).toMatchObject({ id: signature!.id, status: "confirmed", nation: "scotland" });
    expect(summary.volunteer).toMatchObject({ id: volunteer!.id, healthBoard: "Grampian" });

    const outcome = await erasure().erase(
      { signatureId: signature!.id, volunteerId: volunteer!.id },
      ADMIN.email,
    );
    expect(outcome).toEqual({ signature: "anonymised", volunteer: "deleted" });

    const row = await db.signature.findUniqueOrThrow({
      where: { id: signature!.id },
      omit: { clientHash: false },
    });
    expect(row).toMatchObject({
      name: "[erased]",
      email: "",
      campaignEmails: false,
      status: "confirmed",
      nation: "scotland",
      country: "GB",
      createdAt: signature!.createdAt,
      confirmedAt: signature!.confirmedAt,
      clientHash: "erased",
    });
    expect(row.emailKey).toMatch(/^erased:[0-9a-f-]{36}$/);
    expect(await db.volunteer.count()).toBe(0);

    // Emails still queued for either record are cancelled; another person's stay.
    expect(await db.outboxMessage.count({ where: aboutThem })).toBe(0);
    expect(await db.outboxMessage.count({ where: { refId: other.id } })).toBeGreaterThan(0);

    const after = await counts();
    expect({ ...after, countedAt: "" }).toEqual({ ...before, countedAt: "" });

    const erase = await db.auditEvent.findFirstOrThrow({ where: { action: "erase" } });
    expect(erase.actor).toBe(ADMIN.email);
    expect(erase.subject).toBe(`signature:${signature!.id} volunteer:${volunteer!.id}`);
    const everything = JSON.stringify(await db.auditEvent.findMany());
    for (const personal of ["Ailsa", "Fraser", "ailsa", "example.scot"])
      expect(everything).not.toContain(personal);

    // Nothing is found any more, a second erasure finds nothing to do (and records nothing), and the
    // person may sign again: the placeholder does not hold their address.
    expect(await erasure().find(EMAIL, ADMIN.email)).toEqual({ signature: null, volunteer: null });
    expect(
      await erasure().erase({ signatureId: signature!.id, volunteerId: volunteer!.id }, ADMIN.email),
    ).toEqual({
      signature: "not-found",
      volunteer: "not-found",
    });
    expect(await db.auditEvent.count({ where: { action: "erase" } })).toBe(1);
    expect(await erasure().summarise({ signatureId: signature!.id })).toEqual({
      signature: null,
      volunteer: null,
    });
  });

  it("erases one kind of record on its own", async () => {
    await signAndVolunteer();
    const { volunteer, signature } = await erasure().find(EMAIL, ADMIN.email);
    expect(await erasure().erase({ volunteerId: volunteer!.id }, ADMIN.email)).toEqual({
      signature: "not-asked",
      volunteer: "deleted",
    });
    expect(await db.signature.findUnique({ where: { id: signature!.id } })).toMatchObject({
      name: "Ailsa Fraser",
    });
  });
});

describe.each(PROVIDERS)("managing staff on %s", (provider) => {
  let database: TestDatabase;
  let db: DbClient;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
  });
  afterAll(() => database?.drop());

  it("adds, changes and removes staff, never oneself, each change audited", async () => {
    const staff = createStaffAdmin(db);
    await db.staffUser.create({
      data: { id: ADMIN.id, email: ADMIN.email, name: "Admin", role: "admin", emailVerified: true },
    });
    expect(await staff.add({ email: "Casey@Example.org", role: "viewer" }, ADMIN)).toBe("added");
    expect(await staff.add({ email: "casey@example.org", role: "campaigner" }, ADMIN)).toBe("role-changed");
    expect(await staff.add({ email: "ADMIN@example.org", role: "viewer" }, ADMIN)).toBe("self");
    const casey = (await staff.list()).find((member) => member.email === "casey@example.org")!;
    expect(casey.role).toBe("campaigner");

    expect(await staff.changeRole({ id: casey.id, role: "admin" }, ADMIN)).toBe("changed");
    expect(await staff.changeRole({ id: ADMIN.id, role: "viewer" }, ADMIN)).toBe("self");
    expect(await staff.changeRole({ id: "nobody", role: "viewer" }, ADMIN)).toBe("not-found");
    expect(await staff.remove(ADMIN.id, ADMIN)).toBe("self");
    expect(await staff.remove(casey.id, ADMIN)).toBe("removed");
    expect(await staff.remove(casey.id, ADMIN)).toBe("not-found");

    expect((await staff.list()).map((member) => [member.email, member.role])).toEqual([
      [ADMIN.email, "admin"],
    ]);
    const log = await db.auditEvent.findMany({ orderBy: { at: "asc" } });
    expect(log.map((event) => [event.actor, event.action, event.subject])).toEqual([
      [ADMIN.email, "staff-add", casey.id],
      [ADMIN.email, "staff-role", casey.id],
      [ADMIN.email, "staff-role", casey.id],
      [ADMIN.email, "staff-remove", casey.id],
    ]);
  });
});
