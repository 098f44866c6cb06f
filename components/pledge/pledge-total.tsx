import type { PledgeCounts } from "@/lib/pledge/counts";

/**
 * The confirmed total as a page shows it, marked with when it was read (`data-counted-at`): the production
 * server's page cache holds a page no longer than that count allows (lib/platform/live-figures.mjs). Every
 * page that shows the count shows it through this.
 */
export function PledgeTotal({ counts }: { counts: Pick<PledgeCounts, "total" | "countedAt"> }) {
  return (
    <strong data-testid="pledge-total" data-counted-at={counts.countedAt}>
      {counts.total.toLocaleString("en-GB")}
    </strong>
  );
}
