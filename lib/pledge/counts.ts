import "server-only";
import type { DbClient } from "@/lib/db";

export type PledgeCounts = {
  total: number;
  /** Confirmed signatures per UK nation, and "other" for everyone outside the UK. */
  byNation: Record<string, number>;
  /** Confirmed signatures per country (ISO 3166 alpha-2; GB for the UK's four nations together). */
  byCountry: Record<string, number>;
  /** Signatures confirmed per day (YYYY-MM-DD, UTC), oldest first. */
  byDay: { day: string; count: number }[];
  /** When these numbers were counted. */
  countedAt: string;
};

/** How stale the shown numbers may be. The promise is "within 5 seconds": cache 2 s, CDN 2 s, margin 1 s. */
export const COUNT_MAX_AGE_MS = 2_000;

async function countNow(db: DbClient): Promise<PledgeCounts> {
  // Counting confirmed rows (with an index on status, nation, country) instead of bumping a counter
  // row: no hot row for every sign-up to queue on, and the count can never drift from the rows.
  const [places, days] = await Promise.all([
    db.signature.groupBy({
      by: ["nation", "country"],
      where: { status: "confirmed" },
      _count: { _all: true },
    }),
    db.signature.groupBy({
      by: ["confirmedOn"],
      where: { status: "confirmed" },
      _count: { _all: true },
      orderBy: { confirmedOn: "asc" },
    }),
  ]);
  const byNation: Record<string, number> = {};
  const byCountry: Record<string, number> = {};
  let total = 0;
  for (const place of places) {
    const n = place._count._all;
    total += n;
    byNation[place.nation] = (byNation[place.nation] ?? 0) + n;
    byCountry[place.country] = (byCountry[place.country] ?? 0) + n;
  }
  const byDay = days.filter((d) => d.confirmedOn).map((d) => ({ day: d.confirmedOn!, count: d._count._all }));
  return { total, byNation, byCountry, byDay, countedAt: new Date().toISOString() };
}

/**
 * Every place that shows the count (home, pledge page, JSON API, staff dashboard) reads it here, so they
 * agree. One count per COUNT_MAX_AGE_MS per process, however many readers: concurrent readers share the
 * count in flight instead of starting their own.
 */
export function createCountReader(db: DbClient, maxAgeMs = COUNT_MAX_AGE_MS) {
  let cached: { value: PledgeCounts; at: number } | undefined;
  let inFlight: Promise<PledgeCounts> | undefined;
  return async function readCounts(): Promise<PledgeCounts> {
    if (cached && Date.now() - cached.at < maxAgeMs) return cached.value;
    inFlight ??= countNow(db)
      .then((value) => {
        cached = { value, at: Date.now() };
        return value;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
}
