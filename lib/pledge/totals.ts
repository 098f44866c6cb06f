import "server-only";
import type { DbClient } from "@/lib/db";

// Running totals of confirmed signatures per nation, country and UTC day (the PledgeTotal table). Every
// change to who is confirmed changes them in the same transaction, by one statement per key: a batch of
// 300 confirmations from England today is one `count = count + 300`, never 300 `+1`s queuing on a hot
// row. Reading the count then costs the same at ten million signatures as at ten. `reconcileTotals`
// recounts from the rows and repairs any drift (the pattern the UK Parliament's petitions site uses).

type Transaction = Parameters<Parameters<DbClient["$transaction"]>[0]>[0];
type Writer = Pick<DbClient, "$executeRaw">;

export type Place = { nation: string; country: string; day: string };

const keyOf = (place: Place) => `${place.nation}\0${place.country}\0${place.day}`;

/** Adds `sign` (1 or -1) for every place in the list, grouped: one upsert per distinct key. */
export async function changeTotals(tx: Writer, places: readonly Place[], sign: 1 | -1): Promise<void> {
  const grouped = new Map<string, Place & { n: number }>();
  for (const place of places) {
    const entry = grouped.get(keyOf(place)) ?? { ...place, n: 0 };
    entry.n += sign;
    grouped.set(keyOf(place), entry);
  }
  // A stable order (by key) so two transactions never take the same rows in opposite orders.
  for (const key of [...grouped.keys()].sort()) {
    const { nation, country, day, n } = grouped.get(key)!;
    await tx.$executeRaw`
      INSERT INTO "PledgeTotal" ("nation", "country", "day", "count") VALUES (${nation}, ${country}, ${day}, ${n})
      ON CONFLICT ("nation", "country", "day") DO UPDATE SET "count" = "PledgeTotal"."count" + ${n}`;
  }
}

export type TotalRow = Place & { count: number };

export async function readTotals(db: Pick<DbClient, "pledgeTotal">): Promise<TotalRow[]> {
  return db.pledgeTotal.findMany({
    where: { count: { not: 0 } },
    select: { nation: true, country: true, day: true, count: true },
  });
}

export type Reconciliation = {
  checkedPlaces: number;
  repaired: { place: Place; was: number; now: number }[];
};

/**
 * Recounts confirmed signatures from the rows and makes the totals match, in one transaction. Costs a
 * scan of the confirmed rows (index-only), so it runs on a schedule and from a staff button, never on a
 * page view.
 */
export async function reconcileTotals(db: DbClient): Promise<Reconciliation> {
  return db.$transaction(async (tx: Transaction) => {
    const actual = await tx.signature.groupBy({
      by: ["nation", "country", "confirmedOn"],
      where: { status: "confirmed" },
      _count: { _all: true },
    });
    const stored = await tx.pledgeTotal.findMany();
    const truth = new Map<string, TotalRow>();
    for (const row of actual) {
      const place = { nation: row.nation, country: row.country, day: row.confirmedOn ?? "unknown" };
      truth.set(keyOf(place), { ...place, count: row._count._all });
    }
    const repaired: Reconciliation["repaired"] = [];
    for (const row of stored) {
      const expected = truth.get(keyOf(row))?.count ?? 0;
      if (row.count !== expected) repaired.push({ place: row, was: row.count, now: expected });
      truth.delete(keyOf(row));
      if (row.count !== expected)
        await tx.pledgeTotal.update({
          where: { nation_country_day: { nation: row.nation, country: row.country, day: row.day } },
          data: { count: expected },
        });
    }
    for (const missing of truth.values()) {
      repaired.push({ place: missing, was: 0, now: missing.count });
      await tx.pledgeTotal.create({ data: missing });
    }
    return { checkedPlaces: stored.length + truth.size, repaired };
  });
}
