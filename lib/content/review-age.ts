import type { ContentLibrary } from "@/lib/content/load";

/** A page whose figures nobody has re-checked for this long is flagged (not refused) by content:check. */
export const reviewWarningMonths = 6;

export type StaleReview = { file: string; reviewed: string };

/** The date `months` calendar months before `today`, in UTC, as YYYY-MM-DD. */
export function monthsBefore(today: Date, months: number): string {
  const cutoff = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - months, today.getUTCDate()));
  // 31 August minus six months is "31 February": Date rolls into March, so clamp to the month's last day.
  if (cutoff.getUTCDate() !== today.getUTCDate()) cutoff.setUTCDate(0);
  return cutoff.toISOString().slice(0, 10);
}

/** Every content file whose `reviewed` date is older than the warning age, oldest first. */
export function staleReviews(library: ContentLibrary, today: Date): StaleReview[] {
  const cutoff = monthsBefore(today, reviewWarningMonths);
  return Object.values(library)
    .flat()
    .flatMap((entry) => {
      const reviewed = (entry.frontmatter as { reviewed?: string }).reviewed;
      return reviewed && reviewed < cutoff ? [{ file: entry.file, reviewed }] : [];
    })
    .sort((a, b) => a.reviewed.localeCompare(b.reviewed));
}
