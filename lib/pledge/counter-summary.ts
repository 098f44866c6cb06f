import { partnerByCode } from "@/lib/content/partners";
import { pledgeGoal, progressToward } from "@/lib/content/pledge-goal";
import type { PledgeCounts } from "@/lib/pledge/counts";
import { siteUrl } from "@/lib/pledge/share-url";

/**
 * What the embeddable counter shows and the public counter API (GET /api/embed/counter) returns: one
 * function, so the two always agree. `ref` is a partner's code; unknown codes are ignored.
 */
export function counterSummary(counts: Pick<PledgeCounts, "total" | "countedAt">, ref?: string | null) {
  const goal = pledgeGoal();
  const { passed, next, percent } = progressToward(goal, counts.total);
  const partner = partnerByCode(ref);
  return {
    total: counts.total,
    goal: goal.goal,
    percentOfGoal: percent,
    milestonesPassed: passed,
    nextMilestone: next ?? null,
    countedAt: counts.countedAt,
    /** Where to sign: carries the partner's code, so signatures it brings are credited to it. */
    signUrl: siteUrl(partner ? `/pledge?ref=${partner.code}` : "/pledge"),
    partner: partner ? { code: partner.code, name: partner.name } : null,
  };
}

export type CounterSummary = ReturnType<typeof counterSummary>;
