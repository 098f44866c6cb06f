import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbClient } from "@/lib/platform/db";
import { confirmSignature } from "@/lib/pledge/confirm";
import { createCountReader, type PledgeCounts } from "@/lib/pledge/counts";
import {
  inspectManageLink,
  stopCampaignEmails,
  stopCampaignEmailsFor,
  withdrawSignature,
} from "@/lib/pledge/manage";
import { issueLinkToken } from "@/lib/security/link-tokens";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import {
  PROVIDERS,
  type PledgeFields,
  clearPledgeTables,
  confirmTokenFor,
  emailsTo,
  manageTokenIn,
  newSecret,
  newSigner,
  pledgeInput,
  signatureRows,
  someClient,
} from "@/tests/support/pledge-fixtures";

// What the public count shows, and how a supporter leaves: withdrawing deletes the signature and the
// count drops; stopping campaign emails changes nothing else. Pending and held rows never count.

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(PROVIDERS)("withdrawing and counting on %s", (provider) => {
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

  /** Signs up and returns the manage token from the confirmation email; confirms it when asked. */
  async function signUp(fields: PledgeFields & { email: string }, confirmOn?: Date): Promise<string> {
    await newSigner(db, provider, secret)(pledgeInput(secret, fields), someClient());
    if (confirmOn)
      expect(await confirmSignature(db, secret, await confirmTokenFor(db, fields.email), confirmOn)).toBe(
        "confirmed",
      );
    return manageTokenIn((await emailsTo(db, fields.email))[0]!.text);
  }

  /** The counts recomputed from the rows themselves, to compare with what the count reader says. */
  async function countsFromRows(): Promise<Omit<PledgeCounts, "countedAt">> {
    const confirmed = (await db.signature.findMany()).filter((row) => row.status === "confirmed");
    const tally = (keys: string[]) =>
      keys.reduce<Record<string, number>>((all, key) => ({ ...all, [key]: (all[key] ?? 0) + 1 }), {});
    const days = tally(confirmed.map((row) => row.confirmedAt!.toISOString().slice(0, 10)));
    return {
      total: confirmed.length,
      byNation: tally(confirmed.map((row) => row.nation)),
      byCountry: tally(confirmed.map((row) => row.country)),
      byPartner: tally(confirmed.flatMap((row) => (row.partnerCode ? [row.partnerCode] : []))),
      byDay: Object.keys(days)
        .sort()
        .map((day) => ({ day, count: days[day]! })),
    };
  }

  it("withdrawing deletes the signature and the count drops at once", async () => {
    const manage = await signUp({ email: "leaving@example.org", nation: "scotland" }, new Date());
    await signUp({ email: "staying@example.org", nation: "scotland" }, new Date());
    expect(await readCounts()).toMatchObject({ total: 2, byNation: { scotland: 2 } });
    expect(await inspectManageLink(db, secret, manage)).toEqual({ found: true, campaignEmails: false });

    expect(await withdrawSignature(db, secret, manage)).toBe(true);
    expect(await db.signature.findUnique({ where: { emailKey: "leaving@example.org" } })).toBeNull();
    expect(await db.signature.count()).toBe(1);
    expect(await readCounts()).toMatchObject({ total: 1, byNation: { scotland: 1 }, byCountry: { GB: 1 } });

    // The link now finds nothing; pressing again is harmless.
    expect(await inspectManageLink(db, secret, manage)).toEqual({ found: false });
    expect(await withdrawSignature(db, secret, manage)).toBe(false);
    expect(await stopCampaignEmails(db, secret, manage)).toBe(false);
    expect(await stopCampaignEmailsFor(db, secret, manage)).toBe("not-found");
    expect(await db.signature.count()).toBe(1);
  });

  it("a pending signature can be withdrawn too, and signing again afterwards starts afresh", async () => {
    const manage = await signUp({ email: "changed.mind@example.org" });
    expect(await withdrawSignature(db, secret, manage)).toBe(true);
    expect(await db.signature.count()).toBe(0);
    await clearPledgeTables(db);
    await signUp({ email: "changed.mind@example.org" }, new Date());
    expect((await readCounts()).total).toBe(1);
  });

  it("stopping campaign emails changes nothing but the campaign-emails choice", async () => {
    const manage = await signUp({ email: "quiet@example.org", campaignEmails: "yes" }, new Date());
    const [before] = await signatureRows(db);
    expect(before).toMatchObject({ campaignEmails: true, status: "confirmed" });
    expect(await inspectManageLink(db, secret, manage)).toEqual({ found: true, campaignEmails: true });

    expect(await stopCampaignEmailsFor(db, secret, manage)).toBe("stopped");
    const [after] = await signatureRows(db);
    // When the choice changed is kept beside it (a CRM export carries both), and the row shows it changed.
    expect(after!.campaignEmailsAt!.getTime()).toBeGreaterThan(before!.campaignEmailsAt!.getTime());
    expect(after!.updatedAt.getTime()).toBeGreaterThan(before!.updatedAt.getTime());
    const unchanged = { campaignEmailsAt: after!.campaignEmailsAt, updatedAt: after!.updatedAt };
    expect(after).toEqual({ ...before, campaignEmails: false, ...unchanged });
    expect(await inspectManageLink(db, secret, manage)).toEqual({ found: true, campaignEmails: false });
    // The change is in the audit log, naming the signature and nothing personal.
    const audit = () => db.auditEvent.findMany({ where: { action: "unsubscribe", subject: after!.id } });
    expect(await audit()).toEqual([
      expect.objectContaining({ actor: "supporter (manage page)", subject: after!.id, detail: null }),
    ]);
    // Already off: the wish is met, and nothing changes, not even when it was stopped, nor the log.
    expect(await stopCampaignEmailsFor(db, secret, manage)).toBe("already-off");
    expect(await stopCampaignEmails(db, secret, manage)).toBe(true);
    expect(await signatureRows(db)).toEqual([after]);
    expect(await audit()).toHaveLength(1);
    expect((await readCounts()).total).toBe(1);
  });

  it("forged or misused manage links change nothing", async () => {
    await signUp({ email: "safe@example.org", campaignEmails: "yes" }, new Date());
    const [row] = await db.signature.findMany();
    const confirmToken = issueLinkToken(secret, "confirm", row!.id, new Date(Date.now() + DAY_MS));
    const before = await signatureRows(db);
    const auditedBefore = await db.auditEvent.count({ where: { action: "unsubscribe" } });
    for (const forged of [issueLinkToken(newSecret(), "manage", row!.id), confirmToken, "", "x.y", row!.id]) {
      expect(await inspectManageLink(db, secret, forged)).toEqual({ found: false });
      expect(await stopCampaignEmails(db, secret, forged)).toBe(false);
      expect(await withdrawSignature(db, secret, forged)).toBe(false);
    }
    expect(await signatureRows(db)).toEqual(before);
    expect(await db.auditEvent.count({ where: { action: "unsubscribe" } })).toBe(auditedBefore);
  });

  it("counts per nation, per country and per day agree with the rows; pending and held never count", async () => {
    const now = Date.now();
    const day = (n: number) => new Date(now - n * DAY_MS);
    const confirmed: [PledgeFields & { email: string }, Date][] = [
      [{ email: "a@example.org", nation: "england" }, day(3)],
      [{ email: "b@example.org", nation: "england" }, day(3)],
      [{ email: "c@example.org", nation: "scotland" }, day(2)],
      [{ email: "d@example.org", nation: "wales" }, day(1)],
      [{ email: "e@example.org", nation: "northern-ireland" }, day(0)],
      [{ email: "f@example.org", nation: "other", country: "fr" }, day(2)],
      [{ email: "g@example.org", nation: "other", country: "FR" }, day(0)],
      [{ email: "h@example.org", nation: "other", country: "ie" }, day(0)],
      [{ email: "i@example.org", nation: "other", country: "US" }, day(1)],
    ];
    for (const [fields, on] of confirmed) await signUp(fields, on);
    // Pending, in every place, and held, in every place: none of them counts.
    for (const nation of ["england", "scotland", "wales", "northern-ireland"])
      await signUp({ email: `pending-${nation}@example.org`, nation });
    await signUp({ email: "pending-other@example.org", nation: "other", country: "DE" });
    const sign = newSigner(db, provider, secret);
    for (const nation of ["england", "wales"])
      await sign(
        pledgeInput(secret, { email: `bot-${nation}@example.org`, nation, website: "x" }),
        someClient(),
      );
    await sign(
      pledgeInput(secret, { email: "bot-other@example.org", nation: "other", country: "NL", website: "x" }),
      someClient(),
    );

    const counts = await readCounts();
    expect(counts).toMatchObject({
      total: 9,
      byNation: { england: 2, scotland: 1, wales: 1, "northern-ireland": 1, other: 4 },
      byCountry: { GB: 5, FR: 2, IE: 1, US: 1 },
      byDay: [
        { day: day(3).toISOString().slice(0, 10), count: 2 },
        { day: day(2).toISOString().slice(0, 10), count: 2 },
        { day: day(1).toISOString().slice(0, 10), count: 2 },
        { day: day(0).toISOString().slice(0, 10), count: 3 },
      ],
    });
    const { countedAt, ...numbers } = counts;
    expect(numbers).toEqual(await countsFromRows());
    expect(Date.now() - Date.parse(countedAt)).toBeLessThan(60_000);
    expect(await db.signature.count()).toBe(9 + 5 + 3);
    expect(await db.signature.count({ where: { status: "held" } })).toBe(3);
  });

  it("a count reader shares its cached count until it is older than its maximum age", async () => {
    await signUp({ email: "first@example.org" }, new Date());
    const cached = createCountReader(db, 60_000);
    expect((await cached()).total).toBe(1);
    await signUp({ email: "second@example.org" }, new Date());
    expect((await cached()).total).toBe(1);
    expect((await readCounts()).total).toBe(2);
    // Concurrent readers of a fresh reader share one count.
    const fresh = createCountReader(db, 60_000);
    const all = await Promise.all(Array.from({ length: 20 }, () => fresh()));
    expect(new Set(all).size).toBe(1);
    expect(all[0]!.total).toBe(2);
  });
});
