import "server-only";
import type { DbClient } from "@/lib/platform/db";
import { forgetEmailsTo } from "@/lib/mail/outbox";
import { verifyLinkToken, type VerifyingKeys } from "@/lib/security/link-tokens";
import { checkpointAfterErasure } from "@/lib/retention/wal-checkpoint";
import { changeTotals } from "@/lib/pledge/totals";
import { recordRemovals } from "@/lib/pledge/removals";

export type ManageView = { found: false } | { found: true; campaignEmails: boolean };

/** What the withdraw / unsubscribe page needs to know: is there still a signature, and does it get emails? */
export async function inspectManageLink(
  db: DbClient,
  secret: VerifyingKeys,
  token: string,
): Promise<ManageView> {
  const link = verifyLinkToken(secret, "manage", token);
  if (!link) return { found: false };
  const signature = await db.signature.findUnique({
    where: { id: link.signatureId },
    select: { status: true, campaignEmails: true },
  });
  if (!signature || signature.status === "held") return { found: false };
  return { found: true, campaignEmails: signature.campaignEmails };
}

/** Stops campaign emails. True also when they were already off: the person's wish is met either way. */
export async function stopCampaignEmails(
  db: DbClient,
  secret: VerifyingKeys,
  token: string,
): Promise<boolean> {
  const link = verifyLinkToken(secret, "manage", token);
  if (!link) return false;
  // Only a real change moves campaignEmailsAt: it says when the person stopped them, for the CRM.
  const { count } = await db.signature.updateMany({
    where: { id: link.signatureId, campaignEmails: true },
    data: { campaignEmails: false, campaignEmailsAt: new Date() },
  });
  if (count === 1) return true;
  return (await db.signature.count({ where: { id: link.signatureId } })) === 1;
}

/**
 * Withdrawal deletes the signature outright: nothing about the person is kept, and the running totals
 * drop in the same transaction. Emails to them still waiting in the outbox go too.
 */
export async function withdrawSignature(
  db: DbClient,
  secret: VerifyingKeys,
  token: string,
): Promise<boolean> {
  const link = verifyLinkToken(secret, "manage", token);
  if (!link) return false;
  const withdrawn = await db.$transaction(async (tx) => {
    const signature = await tx.signature.findUnique({
      where: { id: link.signatureId },
      select: { id: true, status: true, nation: true, country: true, confirmedOn: true, partnerCode: true },
    });
    if (!signature) return false;
    await forgetEmailsTo(tx, signature.id);
    const { count } = await tx.signature.deleteMany({ where: { id: signature.id } });
    if (count === 1) await recordRemovals(tx, [signature.id], "withdrawn");
    if (count === 1 && signature.status === "confirmed")
      await changeTotals(tx, [{ ...signature, day: signature.confirmedOn ?? "unknown" }], -1);
    return true;
  });
  if (withdrawn) await checkpointAfterErasure(db);
  return withdrawn;
}
