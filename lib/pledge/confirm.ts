import "server-only";
import type { DbClient } from "@/lib/db";
import { enqueueEmail } from "@/lib/mail/outbox";
import { confirmSignatureEmail } from "./emails";
import { verifyLinkToken } from "@/lib/security/link-tokens";
import { links } from "./links";
import { nextRepeatCounters, unchangedCounters } from "./repeat-cap";

export type LinkState = "valid" | "expired" | "unknown";
export type ConfirmOutcome = "confirmed" | "expired" | "unknown";

/** For the page behind the link: says what pressing the button would do, without doing it. */
export async function inspectConfirmLink(db: DbClient, secret: Buffer, token: string): Promise<LinkState> {
  const link = verifyLinkToken(secret, "confirm", token);
  if (!link) return "unknown";
  const signature = await db.signature.findUnique({
    where: { id: link.signatureId },
    select: { status: true },
  });
  if (!signature || signature.status === "suspect") return "unknown";
  if (signature.status === "confirmed") return "valid"; // confirming twice is harmless: show the same page
  return link.expired ? "expired" : "valid";
}

/**
 * The POST behind "Confirm my signature". Idempotent: the conditional update moves a signature from
 * pending to confirmed once, however many requests race; a second press reports success again.
 */
export async function confirmSignature(
  db: DbClient,
  secret: Buffer,
  token: string,
  now = new Date(),
): Promise<ConfirmOutcome> {
  const link = verifyLinkToken(secret, "confirm", token, now);
  if (!link) return "unknown";
  if (link.expired) {
    const signature = await db.signature.findUnique({
      where: { id: link.signatureId },
      select: { status: true },
    });
    return signature?.status === "confirmed" ? "confirmed" : signature ? "expired" : "unknown";
  }
  const { count } = await db.signature.updateMany({
    where: { id: link.signatureId, status: "pending" },
    data: { status: "confirmed", confirmedAt: now, confirmedOn: now.toISOString().slice(0, 10) },
  });
  if (count === 1) return "confirmed";
  const signature = await db.signature.findUnique({
    where: { id: link.signatureId },
    select: { status: true },
  });
  return signature?.status === "confirmed" ? "confirmed" : "unknown";
}

/**
 * "Send me a new link" from an expired link's page. Only the address the signature was made with gets
 * it, so the button reveals nothing; the daily cap on repeat emails applies.
 */
export async function resendConfirmation(
  db: DbClient,
  secret: Buffer,
  token: string,
  now = new Date(),
): Promise<void> {
  const link = verifyLinkToken(secret, "confirm", token, now);
  if (!link) return;
  await db.$transaction(async (tx) => {
    const signature = await tx.signature.findUnique({
      where: { id: link.signatureId },
      select: {
        id: true,
        name: true,
        email: true,
        status: true,
        repeatEmailCount: true,
        repeatWindowStartedAt: true,
      },
    });
    if (!signature || signature.status !== "pending") return;
    const counters = nextRepeatCounters(signature, now);
    if (!counters) return;
    const { count } = await tx.signature.updateMany({
      where: { id: signature.id, ...unchangedCounters(signature) },
      data: counters,
    });
    if (count !== 1) return; // a concurrent press spent this slot and sends the email
    await enqueueEmail(tx, {
      ...confirmSignatureEmail(signature.name, links(secret, signature.id, now)),
      to: signature.email,
    });
  });
}
