import "server-only";
import type { DbClient } from "@/lib/platform/db";
import { forgetEmailsTo } from "@/lib/mail/outbox";
import { verifyLinkToken, type VerifyingKeys } from "@/lib/security/link-tokens";
import { checkpointAfterErasure } from "@/lib/retention/wal-checkpoint";
import { changeTotals } from "@/lib/pledge/totals";
import { recordRemovals } from "@/lib/pledge/removals";
import { recordAudit } from "@/lib/admin/audit/record";

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

/** Who stopped campaign emails, as the audit log names them: never the person's name or address. */
export const UNSUBSCRIBE_ACTORS = {
  managePage: "supporter (manage page)",
  oneClick: "supporter (email link)",
} as const;

export type StopOutcome = "stopped" | "already-off" | "not-found";

/**
 * Stops campaign emails, at once: a campaign update queued earlier is checked again when its turn comes
 * (lib/mail/templates/update.ts). A real change is written to the audit log with the signature's id,
 * in the same transaction; stopping what was already stopped changes and records nothing.
 */
export async function stopCampaignEmailsFor(
  db: DbClient,
  secret: VerifyingKeys,
  token: string,
  actor: string = UNSUBSCRIBE_ACTORS.managePage,
): Promise<StopOutcome> {
  const link = verifyLinkToken(secret, "manage", token);
  if (!link) return "not-found";
  return db.$transaction(async (tx) => {
    // Only a real change moves campaignEmailsAt: it says when the person stopped them, for the CRM.
    const { count } = await tx.signature.updateMany({
      where: { id: link.signatureId, campaignEmails: true },
      data: { campaignEmails: false, campaignEmailsAt: new Date() },
    });
    if (count === 1) {
      await recordAudit(tx, { actor, action: "unsubscribe", subject: link.signatureId });
      return "stopped";
    }
    return (await tx.signature.count({ where: { id: link.signatureId } })) === 1
      ? "already-off"
      : "not-found";
  });
}

/** Stops campaign emails. True also when they were already off: the person's wish is met either way. */
export async function stopCampaignEmails(
  db: DbClient,
  secret: VerifyingKeys,
  token: string,
  actor?: string,
): Promise<boolean> {
  return (await stopCampaignEmailsFor(db, secret, token, actor)) !== "not-found";
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
