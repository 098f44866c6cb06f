import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbClient } from "@/lib/platform/db";
import { stopCampaignEmails, withdrawSignature } from "@/lib/pledge/manage";
import { issueLinkToken } from "@/lib/security/link-tokens";
import { emailKey } from "@/lib/validation/email-key";
import { volunteerEmailLookup, volunteerEmailLookups } from "@/lib/volunteers/keys";
import { rekeyVolunteerLookups } from "@/lib/volunteers/rotate-keys";
import { createVolunteerService } from "@/lib/volunteers/service";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import {
  clearPledgeTables,
  newSigner,
  pledgeInput,
  someClient as someSigner,
} from "@/tests/support/pledge-fixtures";
import {
  PROVIDERS,
  clearVolunteerTables,
  newKey,
  newSecret,
  ringOf,
  someClient,
  volunteerInput,
} from "@/tests/support/volunteer-fixtures";

// APP_SECRET is rotated: a new key B becomes current and the old key A stays in the ring. Nobody may be
// lost on the way: a volunteer stored under A is still found by email, recognised when they sign up
// again (one record per mailbox), and erased with the link in an email sent before the rotation; a
// pledge signer still signs once per mailbox and can still withdraw. After the re-key step, A can go.

const A = newSecret();
const B = newSecret();
const ring = ringOf("k1", { k1: newKey() });
const EMAIL = "Morag.Rotation@example.scot";

describe.each(PROVIDERS)("rotating APP_SECRET on %s", (provider) => {
  let database: TestDatabase;
  let db: DbClient;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
  });
  afterAll(() => database?.drop());
  beforeEach(async () => {
    await clearVolunteerTables(db);
    await clearPledgeTables(db);
  });

  /** The volunteer service as the app builds it, with APP_SECRET's ring: current key first. */
  const volunteersWith = (...secrets: Buffer[]) =>
    createVolunteerService(db, { secret: secrets[0]!, secrets, ring, perAddressPerMinute: 100_000 });

  const findByEmail = (secrets: Buffer[], email: string) =>
    db.volunteer.findMany({ where: { emailLookup: { in: volunteerEmailLookups(secrets, email) } } });

  it("a volunteer stored under the old key is found, recognised on signing up again, and erased", async () => {
    await volunteersWith(A).register(volunteerInput(A, { email: EMAIL }), someClient());
    const [stored] = await db.volunteer.findMany({ select: { id: true, emailLookup: true } });
    expect(stored!.emailLookup).toBe(volunteerEmailLookup(A, EMAIL));

    const afterRotation = volunteersWith(B, A);
    // Found by email (case and +tag as they please), under the ring.
    expect((await findByEmail([B, A], "morag.rotation+again@EXAMPLE.scot")).map((v) => v.id)).toEqual([
      stored!.id,
    ]);

    // Signing up again is the same person: no second record, a "you have already signed up" email instead.
    await afterRotation.register(volunteerInput(B, { email: "MORAG.ROTATION@example.scot" }), someClient());
    expect(await db.volunteer.count()).toBe(1);
    expect(await db.outboxMessage.count({ where: { kind: "volunteer-repeat", refId: stored!.id } })).toBe(1);

    // The withdraw link in an email sent before the rotation (signed with A) still erases them.
    const oldLink = issueLinkToken(A, "volunteer-manage", stored!.id);
    expect(await afterRotation.withdrawAndErase(oldLink)).toBe(true);
    expect(await db.volunteer.count()).toBe(0);
  });

  it("after the re-key step every volunteer is found under the new key alone, and A can be dropped", async () => {
    const before = volunteersWith(A);
    for (const email of [EMAIL, "ailsa@example.org", "brodie@example.org"])
      await before.register(volunteerInput(A, { email }), someClient());

    const lookupUnderB = (email: string) => volunteerEmailLookup(B, email);
    expect(await rekeyVolunteerLookups(db, ring, lookupUnderB)).toEqual({ rekeyed: 3, checked: 3 });
    expect(await rekeyVolunteerLookups(db, ring, lookupUnderB)).toEqual({ rekeyed: 0, checked: 3 });

    expect(await findByEmail([B], EMAIL)).toHaveLength(1);
    expect(await findByEmail([A], EMAIL)).toHaveLength(0);
    await volunteersWith(B).register(volunteerInput(B, { email: EMAIL }), someClient());
    expect(await db.volunteer.count()).toBe(3);
  });

  it("a row under the old key is recognised even when the current key's lookup is new to the table", async () => {
    // Without the ring, the unique index sees a new lookup and a second record would be written.
    await volunteersWith(A).register(volunteerInput(A, { email: EMAIL }), someClient());
    await volunteersWith(B).register(volunteerInput(B, { email: EMAIL }), someClient());
    expect(await db.volunteer.count()).toBe(2);
    await clearVolunteerTables(db);

    await volunteersWith(A).register(volunteerInput(A, { email: EMAIL }), someClient());
    await volunteersWith(B, A).register(volunteerInput(B, { email: EMAIL }), someClient());
    expect(await db.volunteer.count()).toBe(1);
  });

  it("one signature per mailbox holds across the rotation, and the old withdraw link still works", async () => {
    const address = "Ailsa.Pledge@gmail.com";
    await newSigner(db, provider, A)(pledgeInput(A, { email: address }), someSigner());
    const [signature] = await db.signature.findMany({ select: { id: true, emailKey: true } });
    // The pledge's mailbox key is the canonical address itself, keyed by nothing: no secret to rotate.
    expect(signature!.emailKey).toBe(emailKey(address));

    await newSigner(db, provider, B)(pledgeInput(B, { email: "ailsapledge+2@googlemail.com" }), someSigner());
    expect(await db.signature.count()).toBe(1);
    expect(
      await db.signature.findMany({ where: { emailKey: emailKey("AILSA.PLEDGE@gmail.com") } }),
    ).toHaveLength(1);

    const oldManageLink = issueLinkToken(A, "manage", signature!.id);
    expect(await stopCampaignEmails(db, [B], oldManageLink)).toBe(false);
    expect(await withdrawSignature(db, [B, A], oldManageLink)).toBe(true);
    expect(await db.signature.count()).toBe(0);
  });
});
