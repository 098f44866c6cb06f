const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A "from" and "to" day (YYYY-MM-DD, both included, UTC) as a condition on a timestamp: from the start of
 * the first day to before the start of the day after the last.
 */
export function dayRange(from?: string, to?: string): { gte?: Date; lt?: Date } | undefined {
  if (!from && !to) return undefined;
  return {
    ...(from ? { gte: new Date(`${from}T00:00:00.000Z`) } : {}),
    ...(to ? { lt: new Date(new Date(`${to}T00:00:00.000Z`).getTime() + DAY_MS) } : {}),
  };
}

/** Today's date in UTC, for file names: signatures-2026-11-25.csv. */
export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
