import "server-only";
import type { DbClient } from "@/lib/db";
import { readTotals } from "./totals";

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

/**
 * How long one process reuses a count. Pages that show it are regenerated at most every
 * 4 seconds (`revalidate` in app/page.tsx and app/pledge/page.tsx), so a visitor sees a count at most
 * 1 + 4 = 5 seconds old.
 */
export const COUNT_MAX_AGE_MS = 1_000;

async function countNow(db: DbClient): Promise<PledgeCounts> {
  // The running totals (lib/pledge/totals.ts): a few rows per place and day, however many signatures.
  const rows = await readTotals(db);
  const byNation: Record<string, number> = {};
  const byCountry: Record<string, number> = {};
  const perDay = new Map<string, number>();
  let total = 0;
  for (const row of rows) {
    total += row.count;
    byNation[row.nation] = (byNation[row.nation] ?? 0) + row.count;
    byCountry[row.country] = (byCountry[row.country] ?? 0) + row.count;
    perDay.set(row.day, (perDay.get(row.day) ?? 0) + row.count);
  }
  const byDay = [...perDay]
    .filter(([day, count]) => day !== "unknown" && count > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, count]) => ({ day, count }));
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
