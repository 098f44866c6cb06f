import type { DbClient } from "@/lib/platform/db";

// Who a campaign update goes to: confirmed signers who asked for campaign emails and have an address
// (an erased signature's is blanked, a paper pledge may have none), optionally only those in one nation
// or brought by one partner. The template checks the same things again at send time
// (lib/mail/templates/update.ts), so a change after queueing still stops the email.

export type AudienceFilter = { nation?: string | null; partnerCode?: string | null };

export function audienceWhere(filter: AudienceFilter) {
  return {
    status: "confirmed",
    campaignEmails: true,
    email: { not: "" },
    ...(filter.nation ? { nation: filter.nation } : {}),
    ...(filter.partnerCode ? { partnerCode: filter.partnerCode } : {}),
  };
}

/** How many people an update with this filter would be sent to now. */
export function countAudience(db: Pick<DbClient, "signature">, filter: AudienceFilter): Promise<number> {
  return db.signature.count({ where: audienceWhere(filter) });
}

/** Whether this signature may get campaign updates now. */
export function isInAudience(signature: { status: string; campaignEmails: boolean; email: string }): boolean {
  return signature.status === "confirmed" && signature.campaignEmails && signature.email !== "";
}
