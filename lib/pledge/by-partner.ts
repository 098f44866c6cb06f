import type { Partner } from "@/lib/content/partners";
import type { PledgeCounts } from "@/lib/pledge/counts";

export type PartnerRow = { code: string | null; name: string; count: number };

/**
 * Confirmed signatures per partner, for people to read: every partner in content/partners.yaml (with 0
 * if none yet), any code no longer listed (signatures keep the code they came with), and everyone who
 * came with no partner's link. The rows add up to the total.
 */
export function signaturesByPartner(
  counts: Pick<PledgeCounts, "total" | "byPartner">,
  partners: readonly Partner[],
): PartnerRow[] {
  const listed = new Set(partners.map((partner) => partner.code));
  const rows: PartnerRow[] = partners.map((partner) => ({
    code: partner.code,
    name: partner.name,
    count: counts.byPartner[partner.code] ?? 0,
  }));
  for (const [code, count] of Object.entries(counts.byPartner))
    if (!listed.has(code)) rows.push({ code, name: `${code} (no longer listed)`, count });
  const credited = Object.values(counts.byPartner).reduce((sum, n) => sum + n, 0);
  rows.push({ code: null, name: "No partner link", count: Math.max(0, counts.total - credited) });
  return rows;
}
