import "server-only";
import { db } from "@/lib/platform/db";
import { heldSignatures, readPledgeCounts } from "@/lib/pledge";
import { readServiceHealth } from "@/lib/admin/service-health";
import { listPartners } from "@/lib/content/partners";
import { signaturesByPartner } from "@/lib/pledge/by-partner";
import { paperSummary } from "@/lib/paper";

export type Dashboard = Awaited<ReturnType<typeof readDashboard>>;

/**
 * The staff dashboard's numbers, and what needs attention (failed clean-up steps, emails waiting for
 * staff). Confirmed totals come from the same reader as the public pages; paper pledges are inside them,
 * and counted again on their own (the signatures stored from paper now, and the latest events).
 */
export async function readDashboard() {
  const [counts, pending, held, boards, helpRows, health, paper] = await Promise.all([
    readPledgeCounts(),
    db.signature.count({ where: { status: "pending" } }),
    heldSignatures().summary(),
    db.volunteer.groupBy({ by: ["healthBoard", "status"], _count: { _all: true } }),
    db.volunteer.groupBy({ by: ["helpWith"], _count: { _all: true } }),
    readServiceHealth(db),
    paperSummary(),
  ]);
  const volunteersByBoard: Record<string, { confirmed: number; pending: number }> = {};
  for (const row of boards) {
    const entry = (volunteersByBoard[row.healthBoard] ??= { confirmed: 0, pending: 0 });
    if (row.status === "confirmed") entry.confirmed += row._count._all;
    else entry.pending += row._count._all;
  }
  // helpWith holds several choices per volunteer: count each choice.
  const volunteersByHelp: Record<string, number> = {};
  for (const row of helpRows) {
    for (const choice of row.helpWith.split(",").filter(Boolean)) {
      volunteersByHelp[choice] = (volunteersByHelp[choice] ?? 0) + row._count._all;
    }
  }
  const byPartner = signaturesByPartner(counts, listPartners());
  return { counts, pending, held, byPartner, volunteersByBoard, volunteersByHelp, health, paper };
}
