import "server-only";
import type { DbClient } from "@/lib/platform/db";
import { readPartnerTotals, readTotals } from "@/lib/pledge/totals";

export type PledgeCounts = {
  total: number;
  /** Confirmed signatures per UK nation, and "other" for everyone outside the UK. */
  byNation: Record<string, number>;
  /** Confirmed signatures per country (ISO 3166 alpha-2; GB for the UK's four nations together). */
  byCountry: Record<string, number>;
  /**
   * Confirmed signatures per partner code (content/partners.yaml) whose link brought them. Signatures
   * that came with no code are `total` less the sum of these.
   */
  byPartner: Record<string, number>;
  /** Signatures confirmed per day (YYYY-MM-DD, UTC), oldest first. */
  byDay: { day: string; count: number }[];
  /** When these numbers were counted. */
  countedAt: string;
};

/**
 * How long one process reuses a count. `countedAt` says when it was read; pages put it on the number
 * (`data-counted-at`), and the production server's page cache holds no copy past the 5 s the site promises
 * (lib/platform/live-figures.mjs). Pages regenerate every second (`revalidate` = 1 in app/page.tsx and
 * app/pledge/page.tsx), so the count stays well within that whenever a render is quick.
 */
export const COUNT_MAX_AGE_MS = 1_000;

async function countNow(db: DbClient): Promise<PledgeCounts> {
  // Taken before the reads (which may wait for the database under load): the count is at least this recent.
  const countedAt = new Date().toISOString();
  // The running totals (lib/pledge/totals.ts): one row per place and one per day, however many signatures.
  const [{ places, days }, partners] = await Promise.all([readTotals(db), readPartnerTotals(db)]);
  const byPartner = Object.fromEntries(partners.map((row) => [row.partnerCode, row.count]));
  const byNation: Record<string, number> = {};
  const byCountry: Record<string, number> = {};
  let total = 0;
  for (const place of places) {
    total += place.count;
    byNation[place.nation] = (byNation[place.nation] ?? 0) + place.count;
    byCountry[place.country] = (byCountry[place.country] ?? 0) + place.count;
  }
  const byDay = days
    .filter((day) => day.day !== "unknown" && day.count > 0)
    .sort((a, b) => a.day.localeCompare(b.day));
  return { total, byNation, byCountry, byPartner, byDay, countedAt };
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
