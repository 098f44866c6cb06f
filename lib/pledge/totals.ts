import "server-only";
import type { DbClient } from "@/lib/platform/db";

// Running totals of confirmed signatures (the PledgeTotal table), kept at two grains so that reading
// them costs the same at ten million signatures as at ten:
//  - per place, all time: (nation, country, day = ALL_DAYS), one row per place;
//  - per day, all places: (nation = country = ALL_PLACES, day), one row per day.
// The public count reads both (places + days rows, never places × days). Every change to who is
// confirmed changes them in the same transaction, by one statement per key per batch: 300 confirmations
// from England today are one `count = count + 300` on each grain, never 300 `+1`s queuing on a hot row.
// `reconcileTotals` recounts from the rows and repairs any drift (the UK Parliament petitions pattern).

type Transaction = Parameters<Parameters<DbClient["$transaction"]>[0]>[0];
type Writer = Pick<DbClient, "$executeRaw">;

export const ALL_DAYS = "all";
export const ALL_PLACES = "*";

/** Where and when one signature was confirmed. */
export type Place = { nation: string; country: string; day: string };

type Key = Place;
const keyOf = (key: Key) => `${key.nation}\0${key.country}\0${key.day}`;

/** The two rows one confirmation moves. */
const keysFor = (place: Place): Key[] => [
  { nation: place.nation, country: place.country, day: ALL_DAYS },
  { nation: ALL_PLACES, country: ALL_PLACES, day: place.day },
];

/** Adds `sign` (1 or -1) for every place in the list, grouped: one upsert per distinct key. */
export async function changeTotals(tx: Writer, places: readonly Place[], sign: 1 | -1): Promise<void> {
  const grouped = new Map<string, Key & { n: number }>();
  for (const key of places.flatMap(keysFor)) {
    const entry = grouped.get(keyOf(key)) ?? { ...key, n: 0 };
    entry.n += sign;
    grouped.set(keyOf(key), entry);
  }
  // A stable order (by key) so two transactions never take the same rows in opposite orders.
  for (const id of [...grouped.keys()].sort()) {
    const { nation, country, day, n } = grouped.get(id)!;
    await tx.$executeRaw`
      INSERT INTO "PledgeTotal" ("nation", "country", "day", "count") VALUES (${nation}, ${country}, ${day}, ${n})
      ON CONFLICT ("nation", "country", "day") DO UPDATE SET "count" = "PledgeTotal"."count" + ${n}`;
  }
}

export type TotalRow = Key & { count: number };

export type Totals = {
  /** Per (nation, country), all time. */
  places: { nation: string; country: string; count: number }[];
  /** Per UTC day, all places. */
  days: { day: string; count: number }[];
};

export async function readTotals(db: Pick<DbClient, "pledgeTotal">): Promise<Totals> {
  const rows = await db.pledgeTotal.findMany({
    where: { count: { not: 0 }, OR: [{ day: ALL_DAYS }, { nation: ALL_PLACES }] },
    select: { nation: true, country: true, day: true, count: true },
  });
  return {
    places: rows
      .filter((row) => row.day === ALL_DAYS)
      .map(({ nation, country, count }) => ({ nation, country, count })),
    days: rows.filter((row) => row.nation === ALL_PLACES).map(({ day, count }) => ({ day, count })),
  };
}

export type Reconciliation = { checkedKeys: number; repaired: { key: Key; was: number; now: number }[] };

/**
 * Recounts confirmed signatures from the rows and makes both grains of totals match, in one transaction.
 * Costs a scan of the confirmed rows (index-only), so it runs daily and from a staff button, never on a
 * page view.
 */
export async function reconcileTotals(db: DbClient): Promise<Reconciliation> {
  return db.$transaction(async (tx: Transaction) => {
    const [perPlace, perDay] = await Promise.all([
      tx.signature.groupBy({
        by: ["nation", "country"],
        where: { status: "confirmed" },
        _count: { _all: true },
      }),
      tx.signature.groupBy({ by: ["confirmedOn"], where: { status: "confirmed" }, _count: { _all: true } }),
    ]);
    const truth = new Map<string, TotalRow>();
    const add = (key: Key, count: number) => truth.set(keyOf(key), { ...key, count });
    for (const row of perPlace)
      add({ nation: row.nation, country: row.country, day: ALL_DAYS }, row._count._all);
    for (const row of perDay)
      add({ nation: ALL_PLACES, country: ALL_PLACES, day: row.confirmedOn ?? "unknown" }, row._count._all);

    const stored = await tx.pledgeTotal.findMany();
    const repaired: Reconciliation["repaired"] = [];
    for (const row of stored) {
      const expected = truth.get(keyOf(row))?.count ?? 0;
      truth.delete(keyOf(row));
      if (row.count === expected) continue;
      repaired.push({
        key: { nation: row.nation, country: row.country, day: row.day },
        was: row.count,
        now: expected,
      });
      await tx.pledgeTotal.update({
        where: { nation_country_day: { nation: row.nation, country: row.country, day: row.day } },
        data: { count: expected },
      });
    }
    for (const missing of truth.values()) {
      repaired.push({ key: missing, was: 0, now: missing.count });
      await tx.pledgeTotal.create({ data: missing });
    }
    return { checkedKeys: stored.length + truth.size, repaired };
  });
}
