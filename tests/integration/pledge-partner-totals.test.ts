import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbClient } from "@/lib/platform/db";
import { confirmSignature } from "@/lib/pledge/confirm";
import { createCountReader } from "@/lib/pledge/counts";
import { withdrawSignature } from "@/lib/pledge/manage";
import { reconcileTotals } from "@/lib/pledge/totals";
import { signPledgeSchema } from "@/lib/validation/pledge";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import {
  PROVIDERS,
  clearPledgeTables,
  confirmTokenFor,
  emailsTo,
  manageTokenIn,
  newSecret,
  newSigner,
  pledgeFields,
  someClient,
} from "@/tests/support/pledge-fixtures";

// A partner's link (`/pledge?ref=bcna`) credits the partner with every signature it brings. The credit is
// kept as a running total per partner, moved in the same transaction as each confirmation or withdrawal,
// so reading it costs one row per partner however many people sign; a recount repairs any drift.

describe.each(PROVIDERS)("signatures by partner on %s", (provider) => {
  let database: TestDatabase;
  let db: DbClient;
  const secret = newSecret();
  const readCounts = () => createCountReader(db, 0)();
  const input = (email: string, ref?: unknown) =>
    signPledgeSchema.parse({ ...pledgeFields(secret, { email }), ...(ref === undefined ? {} : { ref }) });

  async function signAndConfirm(email: string, ref?: unknown) {
    await newSigner(db, provider, secret)(input(email, ref), someClient());
    expect(await confirmSignature(db, secret, await confirmTokenFor(db, email))).toBe("confirmed");
  }

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
  });
  afterAll(() => database?.drop());
  beforeEach(async () => {
    await clearPledgeTables(db);
    await db.pledgePartnerTotal.deleteMany();
  });

  it("credits known partners, ignores unknown codes, and counts only confirmed signatures", async () => {
    await signAndConfirm("a@example.org", "bcna");
    await signAndConfirm("b@example.org", " BCNA ");
    await signAndConfirm("c@example.org", "rethink");
    await signAndConfirm("d@example.org", "not-a-partner");
    await signAndConfirm("e@example.org", "<script>");
    await signAndConfirm("f@example.org");
    // Signed through a partner's link but never confirmed: not counted for anyone.
    await newSigner(db, provider, secret)(input("pending@example.org", "bcna"), someClient());

    const counts = await readCounts();
    expect(counts.total).toBe(6);
    expect(counts.byPartner).toEqual({ bcna: 2, rethink: 1 });
    const stored = await db.signature.findMany({ select: { email: true, partnerCode: true } });
    expect(Object.fromEntries(stored.map((row) => [row.email, row.partnerCode]))).toEqual({
      "a@example.org": "bcna",
      "b@example.org": "bcna",
      "c@example.org": "rethink",
      "d@example.org": null,
      "e@example.org": null,
      "f@example.org": null,
      "pending@example.org": "bcna",
    });
  });

  it("many confirmations at once move one row per partner, and a withdrawal takes its credit away", async () => {
    const sign = newSigner(db, provider, secret);
    const people = Array.from({ length: 60 }, (_, i) => ({
      email: `p${i}@example.org`,
      ref: ["bcna", "rethink", undefined][i % 3],
    }));
    await Promise.all(people.map((person) => sign(input(person.email, person.ref), someClient())));
    const tokens = await Promise.all(people.map((person) => confirmTokenFor(db, person.email)));
    await Promise.all(tokens.map((token) => confirmSignature(db, secret, token)));

    expect((await readCounts()).byPartner).toEqual({ bcna: 20, rethink: 20 });
    expect(await db.pledgePartnerTotal.count()).toBe(2);

    const manage = manageTokenIn((await emailsTo(db, "p0@example.org"))[0]!.text);
    expect(await withdrawSignature(db, secret, manage)).toBe(true);
    const counts = await readCounts();
    expect(counts.byPartner).toEqual({ bcna: 19, rethink: 20 });
    expect(counts.total).toBe(59);
  });

  it("a recount repairs partner totals that drifted, then finds nothing to repair", async () => {
    await signAndConfirm("x@example.org", "bcna");
    await signAndConfirm("y@example.org", "rethink");
    await db.pledgePartnerTotal.update({ where: { partnerCode: "bcna" }, data: { count: 9 } });
    await db.pledgePartnerTotal.delete({ where: { partnerCode: "rethink" } });
    await db.pledgePartnerTotal.create({ data: { partnerCode: "bcn", count: 4 } });
    expect((await readCounts()).byPartner).toEqual({ bcna: 9, bcn: 4 });

    const first = await reconcileTotals(db);
    const partnerRepairs = first.repaired
      .filter((repair) => repair.key.partnerCode)
      .map((repair) => [repair.key.partnerCode, repair.was, repair.now])
      .sort();
    expect(partnerRepairs).toEqual([
      ["bcn", 4, 0],
      ["bcna", 9, 1],
      ["rethink", 0, 1],
    ]);
    expect((await readCounts()).byPartner).toEqual({ bcna: 1, rethink: 1 });
    expect((await reconcileTotals(db)).repaired).toEqual([]);
  });
});
