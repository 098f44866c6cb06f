import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbClient } from "@/lib/platform/db";
import { confirmSignature, inspectConfirmLink } from "@/lib/pledge/confirm";
import { createCountReader } from "@/lib/pledge/counts";
import { emailKey } from "@/lib/validation/email-key";
import { links } from "@/lib/pledge/links";
import { REPEAT_EMAILS_PER_DAY } from "@/lib/pledge/repeat-cap";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import {
  PROVIDERS,
  type PledgeFields,
  clearPledgeTables,
  confirmTokenFor,
  confirmTokenIn,
  emailsTo,
  newSecret,
  newSigner,
  pledgeInput,
  signatureRows,
  someClient,
} from "@/tests/support/pledge-fixtures";

// A supporter signs: one signature per mailbox however often, or however many ways, the address is sent;
// repeat sign-ups are answered by email (capped), never on screen; held sign-ups are neither emailed nor
// counted until staff release them (tests/integration/pledge-busy-networks.test.ts covers the networks).

describe.each(PROVIDERS)("signing the pledge on %s", (provider) => {
  let database: TestDatabase;
  let db: DbClient;
  const secret = newSecret();
  const readCounts = () => createCountReader(db, 0)();

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
  });
  afterAll(() => database?.drop());
  beforeEach(() => clearPledgeTables(db));

  it("500 identical submissions at once leave one signature, one confirmation and at most 3 repeat emails", async () => {
    const sign = newSigner(db, provider, secret);
    const input = pledgeInput(secret, { email: "many.times@example.org" });
    await Promise.all(Array.from({ length: 500 }, () => sign(input, someClient())));
    expect(await db.signature.count()).toBe(1);

    const emails = await emailsTo(db, "many.times@example.org");
    expect(emails).toHaveLength(await db.outboxMessage.count());
    const kinds = emails.map((email) => email.kind).sort();
    expect(kinds).toEqual([
      "pledge-confirm",
      ...Array<string>(REPEAT_EMAILS_PER_DAY).fill("pledge-repeat-pending"),
    ]);

    const [row] = await db.signature.findMany();
    expect(row).toMatchObject({
      email: "many.times@example.org",
      emailKey: "many.times@example.org",
      status: "pending",
      repeatEmailCount: REPEAT_EMAILS_PER_DAY,
    });
  });

  it("counts variants of one mailbox (case, spaces, +tag, Gmail dots) as one signature", async () => {
    const sign = newSigner(db, provider, secret);
    const variants = [
      "Jo.Bloggs@gmail.com",
      "  JO.BLOGGS@GMAIL.COM ",
      "jobloggs+pledge@gmail.com",
      "j.o.b.l.o.g.g.s@googlemail.com",
      "Jo.Bloggs+count-us-in@GoogleMail.com",
    ];
    for (const email of variants) await sign(pledgeInput(secret, { email }), someClient());

    const rows = await db.signature.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ email: "Jo.Bloggs@gmail.com", emailKey: "jobloggs@gmail.com" });
    // Every email goes to the address first given, never to a variant someone else typed.
    const emails = await emailsTo(db, "Jo.Bloggs@gmail.com");
    expect(emails).toHaveLength(1 + REPEAT_EMAILS_PER_DAY);
    expect(await db.outboxMessage.count()).toBe(1 + REPEAT_EMAILS_PER_DAY);

    // Outside Gmail, dots matter: a different mailbox, a second signature.
    await sign(pledgeInput(secret, { email: "jo.bloggs@example.org" }), someClient());
    await sign(pledgeInput(secret, { email: "JoBloggs@Example.org" }), someClient());
    expect(await db.signature.count()).toBe(3);
    expect(emailKey("JoBloggs@Example.org")).toBe("jobloggs@example.org");
  });

  it("a confirmed supporter who signs again is emailed “you have already signed” and their row is unchanged", async () => {
    const sign = newSigner(db, provider, secret);
    await sign(pledgeInput(secret, { email: "counted@example.org", nation: "wales" }), someClient());
    expect(await confirmSignature(db, secret, await confirmTokenFor(db, "counted@example.org"))).toBe(
      "confirmed",
    );
    const [before] = await signatureRows(db);

    await sign(
      pledgeInput(secret, {
        name: "Someone Else",
        email: "Counted+again@Example.org",
        nation: "other",
        country: "fr",
        campaignEmails: "yes",
      }),
      someClient(),
    );

    const [after] = await signatureRows(db);
    // Only the repeat-email counters move; name, address, place, consent and status stay as they were.
    const withoutCounters = (row: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(row).filter(([key]) => !key.startsWith("repeat")));
    expect(withoutCounters(after!)).toEqual(withoutCounters(before!));
    expect(after).toMatchObject({ status: "confirmed", repeatEmailCount: 1 });
    expect(after!.repeatWindowStartedAt).not.toBeNull();

    const emails = await emailsTo(db, "counted@example.org");
    expect(emails.map((email) => email.kind)).toEqual(["pledge-confirm", "pledge-repeat-confirmed"]);
    const repeat = emails[1]!;
    expect(repeat.subject).toBe("You have already signed the Count Us In pledge");
    expect(repeat.text).toContain("Dear Jo Bloggs,");
    expect(repeat.text).not.toContain("Someone Else");
    expect(confirmTokenIn(repeat.text)).toBeUndefined();
    expect(await db.outboxMessage.count()).toBe(emails.length);
    expect((await readCounts()).total).toBe(1);
  });

  it("a pending supporter who signs again gets a fresh confirm link that works", async () => {
    const sign = newSigner(db, provider, secret);
    await sign(pledgeInput(secret, { email: "pending@example.org" }), someClient());
    await sign(pledgeInput(secret, { email: "pending@example.org" }), someClient());

    const emails = await emailsTo(db, "pending@example.org");
    expect(emails.map((email) => email.kind)).toEqual(["pledge-confirm", "pledge-repeat-pending"]);
    const fresh = confirmTokenIn(emails[1]!.text);
    expect(fresh).toBeDefined();
    expect(await db.signature.findFirst()).toMatchObject({ status: "pending" });

    expect(await confirmSignature(db, secret, fresh!)).toBe("confirmed");
    expect(await db.signature.findFirst()).toMatchObject({ status: "confirmed" });
    expect((await readCounts()).total).toBe(1);
  });

  it("repeat emails stop after 3 a day, and start again the next day", async () => {
    const sign = newSigner(db, provider, secret);
    for (let i = 0; i < 6; i += 1)
      await sign(pledgeInput(secret, { email: "daily@example.org" }), someClient());
    expect(await db.outboxMessage.count()).toBe(1 + REPEAT_EMAILS_PER_DAY);

    // A day later, the window opens again.
    await db.signature.updateMany({
      data: { repeatWindowStartedAt: new Date(Date.now() - 24 * 60 * 60 * 1000 - 1_000) },
    });
    await sign(pledgeInput(secret, { email: "daily@example.org" }), someClient());
    expect(await db.outboxMessage.count()).toBe(2 + REPEAT_EMAILS_PER_DAY);
    expect(await db.signature.findFirst()).toMatchObject({ repeatEmailCount: 1 });
  });

  describe("held sign-ups", () => {
    const cases: [string, () => PledgeFields, number][] = [
      ["the hidden honeypot field is filled in", () => ({ website: "http://spam.example" }), 100_000],
      ["its network has used its free allowance and no challenge was solved", () => ({}), 0],
    ];

    it.each(cases)("is held, uncounted and unemailed, when %s", async (_case, overrides, allowance) => {
      const busy = newSigner(db, provider, secret, Math.max(allowance, 1));
      const network = { clientAddress: "192.0.2.99" };
      if (allowance === 0) await busy(pledgeInput(secret, { email: "first@example.org" }), network);
      await clearPledgeTables(db);
      expect(await busy(pledgeInput(secret, { email: "target@example.org", ...overrides() }), network)).toBe(
        "held",
      );

      const rows = await db.signature.findMany();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: "held", emailKey: "target@example.org" });
      expect(await db.outboxMessage.count()).toBe(0);
      expect((await readCounts()).total).toBe(0);

      // The real person signs later with the same address, admitted: their sign-up takes the row over.
      const sign = newSigner(db, provider, secret);
      await sign(
        pledgeInput(secret, { name: "Real Person", email: "Target@example.org", nation: "scotland" }),
        someClient(),
      );
      const [row] = await db.signature.findMany();
      expect(row).toMatchObject({
        id: rows[0]!.id,
        name: "Real Person",
        email: "Target@example.org",
        nation: "scotland",
        status: "pending",
        heldReason: null,
      });
      const emails = await emailsTo(db, "Target@example.org");
      expect(emails.map((email) => email.kind)).toEqual(["pledge-confirm"]);
      expect(emails[0]!.text).toContain("Dear Real Person,");
      expect(await db.outboxMessage.count()).toBe(1);

      const token = confirmTokenIn(emails[0]!.text)!;
      expect(await confirmSignature(db, secret, token)).toBe("confirmed");
      expect((await readCounts()).total).toBe(1);
    });

    it("is held when one client address signs beyond its free allowance an hour", async () => {
      const sign = newSigner(db, provider, secret, 3);
      const client = { clientAddress: "192.0.2.7" };
      for (let i = 0; i < 5; i += 1)
        await sign(pledgeInput(secret, { email: `burst-${i}@example.org` }), client);
      const rows = await db.signature.findMany({ orderBy: { email: "asc" } });
      expect(rows.map((row) => row.status)).toEqual(["pending", "pending", "pending", "held", "held"]);
      expect(await db.outboxMessage.count()).toBe(3);
      // The per-address limit is per address: someone else is unaffected.
      await sign(pledgeInput(secret, { email: "neighbour@example.org" }), { clientAddress: "192.0.2.8" });
      expect(await db.signature.findUnique({ where: { emailKey: "neighbour@example.org" } })).toMatchObject({
        status: "pending",
      });
    });

    it("50 genuine sign-ups at once after a bot's take the row over once: one confirmation, capped repeats", async () => {
      const sign = newSigner(db, provider, secret);
      await sign(pledgeInput(secret, { email: "contested@example.org", website: "x" }), someClient());
      const input = pledgeInput(secret, { name: "Real Person", email: "contested@example.org" });
      await Promise.all(Array.from({ length: 50 }, () => sign(input, someClient())));

      expect(await db.signature.findFirst()).toMatchObject({ status: "pending", name: "Real Person" });
      const kinds = (await emailsTo(db, "contested@example.org")).map((email) => email.kind).sort();
      expect(kinds).toEqual([
        "pledge-confirm",
        ...Array<string>(REPEAT_EMAILS_PER_DAY).fill("pledge-repeat-pending"),
      ]);
    });

    it("never emails a pending or confirmed address on a held sign-up's behalf", async () => {
      const sign = newSigner(db, provider, secret);
      await sign(pledgeInput(secret, { email: "victim@example.org" }), someClient());
      for (let i = 0; i < 5; i += 1)
        await sign(pledgeInput(secret, { email: "victim@example.org", website: "x" }), someClient());
      expect(await db.outboxMessage.count()).toBe(1);
      expect(await db.signature.findFirst()).toMatchObject({ status: "pending", repeatEmailCount: 0 });
    });

    it("has no confirm page: its links are unknown", async () => {
      const sign = newSigner(db, provider, secret);
      await sign(pledgeInput(secret, { email: "bot@example.org", website: "x" }), someClient());
      const [row] = await db.signature.findMany();
      // A bot never sees a link, but one made from the row's id must not confirm it either.
      const token = confirmTokenIn(links(secret, row!.id, new Date()).confirmUrl)!;
      expect(await inspectConfirmLink(db, secret, token)).toBe("unknown");
      expect(await confirmSignature(db, secret, token)).toBe("unknown");
      expect(await db.signature.findFirst()).toMatchObject({ status: "held" });
    });
  });
});
