import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbClient } from "@/lib/platform/db";
import { confirmSignature } from "@/lib/pledge/confirm";
import { createCountReader } from "@/lib/pledge/counts";
import { withdrawSignature } from "@/lib/pledge/manage";
import { ALL_DAYS, ALL_PLACES, reconcileTotals } from "@/lib/pledge/totals";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import {
  PROVIDERS,
  clearPledgeTables,
  confirmTokenFor,
  emailsTo,
  manageTokenIn,
  newSecret,
  newSigner,
  pledgeInput,
  someClient,
} from "@/tests/support/pledge-fixtures";

// The public count is read from running totals, changed in the same transaction as each confirmation
// or withdrawal, so its cost does not grow with the number of signatures. A recount from the rows
// repairs any drift.

const nations = ["england", "scotland", "wales", "northern-ireland"] as const;

describe.each(PROVIDERS)("running totals on %s", (provider) => {
  let database: TestDatabase;
  let db: DbClient;
  const secret = newSecret();
  const readCounts = () => createCountReader(db, 0)();

  /** What the totals must say: counted straight from the rows. */
  async function countFromRows() {
    const rows = await db.signature.groupBy({
      by: ["nation", "country"],
      where: { status: "confirmed" },
      _count: { _all: true },
    });
    return Object.fromEntries(rows.map((row) => [`${row.nation}/${row.country}`, row._count._all]));
  }
  async function countFromTotals() {
    const counts = await readCounts();
    const totals = await db.pledgeTotal.findMany({ where: { day: ALL_DAYS, count: { not: 0 } } });
    const byPlace = Object.fromEntries(totals.map((row) => [`${row.nation}/${row.country}`, row.count]));
    return { total: counts.total, byPlace };
  }

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
  });
  afterAll(() => database?.drop());
  beforeEach(() => clearPledgeTables(db));

  it("200 people confirming at once are all counted, in one total row per place and one per day", async () => {
    const sign = newSigner(db, provider, secret);
    const people = Array.from({ length: 200 }, (_, i) => ({
      email: `person${i}@example.org`,
      nation: nations[i % 4],
    }));
    await Promise.all(people.map((person) => sign(pledgeInput(secret, person), someClient())));
    const tokens = await Promise.all(people.map((person) => confirmTokenFor(db, person.email)));
    // Every confirmation twice, at once: each still counts once.
    const outcomes = await Promise.all(
      [...tokens, ...tokens].map((token) => confirmSignature(db, secret, token)),
    );
    expect(outcomes.every((outcome) => outcome === "confirmed")).toBe(true);

    const { total, byPlace } = await countFromTotals();
    expect(total).toBe(200);
    expect(byPlace).toEqual(await countFromRows());
    expect(await db.pledgeTotal.count()).toBe(4 + 1); // four places, and today
    const today = new Date().toISOString().slice(0, 10);
    expect((await readCounts()).byDay).toEqual([{ day: today, count: 200 }]);
  });

  it("withdrawing a confirmed signature takes it off the totals at once; a pending one changes nothing", async () => {
    const sign = newSigner(db, provider, secret);
    for (const email of ["stays@example.org", "goes@example.org", "never@example.org"])
      await sign(pledgeInput(secret, { email, nation: "wales" }), someClient());
    for (const email of ["stays@example.org", "goes@example.org"])
      await confirmSignature(db, secret, await confirmTokenFor(db, email));
    expect((await readCounts()).byNation.wales).toBe(2);

    const manageOf = async (email: string) => manageTokenIn((await emailsTo(db, email))[0]!.text);
    expect(await withdrawSignature(db, secret, await manageOf("goes@example.org"))).toBe(true);
    expect(await withdrawSignature(db, secret, await manageOf("never@example.org"))).toBe(true);
    expect((await readCounts()).total).toBe(1);
    expect((await countFromTotals()).byPlace).toEqual(await countFromRows());
  });

  it("a recount finds drift, repairs it, and then finds none", async () => {
    const sign = newSigner(db, provider, secret);
    for (const [i, nation] of ["england", "england", "scotland"].entries()) {
      await sign(pledgeInput(secret, { email: `r${i}@example.org`, nation }), someClient());
      await confirmSignature(db, secret, await confirmTokenFor(db, `r${i}@example.org`));
    }
    // Drift of every kind: a total too high, one missing, one for a place nobody signed from, a day off.
    const today = new Date().toISOString().slice(0, 10);
    await db.pledgeTotal.updateMany({ where: { nation: "england" }, data: { count: 7 } });
    await db.pledgeTotal.deleteMany({ where: { nation: "scotland" } });
    await db.pledgeTotal.create({ data: { nation: "wales", country: "GB", day: ALL_DAYS, count: 3 } });
    await db.pledgeTotal.updateMany({ where: { nation: ALL_PLACES, day: today }, data: { count: 1 } });
    expect((await readCounts()).total).toBe(10);

    const first = await reconcileTotals(db);
    expect(first.repaired.map((r) => [r.key.nation, r.key.day, r.was, r.now]).sort()).toEqual([
      [ALL_PLACES, today, 1, 3],
      ["england", ALL_DAYS, 7, 2],
      ["scotland", ALL_DAYS, 0, 1],
      ["wales", ALL_DAYS, 3, 0],
    ]);
    expect((await readCounts()).total).toBe(3);
    expect((await countFromTotals()).byPlace).toEqual(await countFromRows());
    expect((await reconcileTotals(db)).repaired).toEqual([]);
  });
});
