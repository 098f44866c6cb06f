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

/** Where and when one signature was confirmed, and the partner code it came with (if any). */
export type Place = { nation: string; country: string; day: string; partnerCode?: string | null };

type Key = { nation: string; country: string; day: string };
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
  await changePartnerTotals(tx, places, sign);
}

/** The partner grain: one row per partner code, moved once per code per batch, after the place rows. */
async function changePartnerTotals(tx: Writer, places: readonly Place[], sign: 1 | -1): Promise<void> {
  const perCode = new Map<string, number>();
  for (const { partnerCode } of places)
    if (partnerCode) perCode.set(partnerCode, (perCode.get(partnerCode) ?? 0) + sign);
  for (const code of [...perCode.keys()].sort()) {
    const n = perCode.get(code)!;
    await tx.$executeRaw`
      INSERT INTO "PledgePartnerTotal" ("partnerCode", "count") VALUES (${code}, ${n})
      ON CONFLICT ("partnerCode") DO UPDATE SET "count" = "PledgePartnerTotal"."count" + ${n}`;
  }
}

/** Confirmed signatures per partner code, all time: one row per code however many signatures. */
export async function readPartnerTotals(
  db: Pick<DbClient, "pledgePartnerTotal">,
): Promise<{ partnerCode: string; count: number }[]> {
  return db.pledgePartnerTotal.findMany({
    where: { count: { not: 0 } },
    select: { partnerCode: true, count: true },
    orderBy: { partnerCode: "asc" },
  });
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

/** A repaired key: a place's or a day's row, or a partner's row (all places and days, `partnerCode` set). */
export type Reconciliation = {
  checkedKeys: number;
  repaired: { key: Key & { partnerCode?: string }; was: number; now: number }[];
};

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
    const partners = await reconcilePartnerTotals(tx);
    return {
      checkedKeys: stored.length + truth.size + partners.checkedKeys,
      repaired: [...repaired, ...partners.repaired],
    };
  });
}

const partnerKey = (partnerCode: string) => ({
  nation: ALL_PLACES,
  country: ALL_PLACES,
  day: ALL_DAYS,
  partnerCode,
});

/** The partner grain of `reconcileTotals`, inside its transaction. */
async function reconcilePartnerTotals(tx: Transaction): Promise<Reconciliation> {
  const perPartner = await tx.signature.groupBy({
    by: ["partnerCode"],
    where: { status: "confirmed", partnerCode: { not: null } },
    _count: { _all: true },
  });
  const truth = new Map<string, number>();
  for (const row of perPartner) if (row.partnerCode) truth.set(row.partnerCode, row._count._all);
  const stored = await tx.pledgePartnerTotal.findMany();
  const repaired: Reconciliation["repaired"] = [];
  for (const row of stored) {
    const expected = truth.get(row.partnerCode) ?? 0;
    truth.delete(row.partnerCode);
    if (row.count === expected) continue;
    repaired.push({ key: partnerKey(row.partnerCode), was: row.count, now: expected });
    await tx.pledgePartnerTotal.update({
      where: { partnerCode: row.partnerCode },
      data: { count: expected },
    });
  }
  for (const [partnerCode, count] of truth) {
    repaired.push({ key: partnerKey(partnerCode), was: 0, now: count });
    await tx.pledgePartnerTotal.create({ data: { partnerCode, count } });
  }
  return { checkedKeys: stored.length + truth.size, repaired };
}
