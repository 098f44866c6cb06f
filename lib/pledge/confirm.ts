import "server-only";
import type { DbClient } from "@/lib/platform/db";
import { enqueueEmail } from "@/lib/mail/outbox";
import { verifyLinkToken, type VerifyingKeys } from "@/lib/security/link-tokens";
import { GroupCommit } from "@/lib/platform/group-commit";
import { changeTotals, type Place } from "@/lib/pledge/totals";
import { BATCH_TRANSACTION } from "@/lib/pledge/write-signatures";
import { nextRepeatCounters, unchangedCounters } from "@/lib/pledge/repeat-cap";

export type LinkState = "valid" | "expired" | "unknown";
export type ConfirmOutcome = "confirmed" | "expired" | "unknown";

/** For the page behind the link: says what pressing the button would do, without doing it. */
export async function inspectConfirmLink(
  db: DbClient,
  secret: VerifyingKeys,
  token: string,
): Promise<LinkState> {
  const link = verifyLinkToken(secret, "confirm", token);
  if (!link) return "unknown";
  const signature = await db.signature.findUnique({
    where: { id: link.signatureId },
    select: { status: true },
  });
  if (!signature || signature.status === "held") return "unknown";
  if (signature.status === "confirmed") return "valid"; // confirming twice is harmless: show the same page
  return link.expired ? "expired" : "valid";
}

/**
 * The POST behind "Confirm my signature". Idempotent: the conditional update moves a signature from
 * pending to confirmed once, however many requests race; a second press reports success again.
 * Confirmations arriving together share one transaction (see confirmations below).
 */
export async function confirmSignature(
  db: DbClient,
  secret: VerifyingKeys,
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
  if (await confirmations(db).submit({ id: link.signatureId, at: now })) return "confirmed";
  const signature = await db.signature.findUnique({
    where: { id: link.signatureId },
    select: { status: true },
  });
  return signature?.status === "confirmed" ? "confirmed" : "unknown";
}

type Confirmation = { id: string; at: Date };

/**
 * Confirms a batch in one transaction: each pending signature becomes confirmed (at most once, by a
 * conditional update), and the running totals move by one statement per place and day for the batch.
 * Resolves true for each signature this batch confirmed.
 */
async function confirmBatch(db: DbClient, batch: Confirmation[]): Promise<boolean[]> {
  return db.$transaction(async (tx) => {
    const confirmed = new Set<string>();
    const places: Place[] = [];
    // Stable order: two batches never lock the same rows in opposite orders (PostgreSQL).
    for (const { id, at } of [...batch].sort((a, b) => a.id.localeCompare(b.id))) {
      if (confirmed.has(id)) continue;
      const day = at.toISOString().slice(0, 10);
      const rows = await tx.signature.updateManyAndReturn({
        where: { id, status: "pending" },
        data: { status: "confirmed", confirmedAt: at, confirmedOn: day },
        select: { nation: true, country: true, partnerCode: true },
      });
      if (rows[0]) {
        confirmed.add(id);
        places.push({ ...rows[0], day });
      }
    }
    await changeTotals(tx, places, 1);
    // A repeated press in the same batch sees "not pending any more": the caller reads the row and
    // reports "confirmed", exactly as if it came a moment later.
    const answered = new Set<string>();
    return batch.map(({ id }) => {
      const first = confirmed.has(id) && !answered.has(id);
      answered.add(id);
      return first;
    });
  }, BATCH_TRANSACTION);
}

const writers = new WeakMap<DbClient, GroupCommit<Confirmation, boolean>>();
function confirmations(db: DbClient): GroupCommit<Confirmation, boolean> {
  let writer = writers.get(db);
  if (!writer) {
    writer = new GroupCommit((batch) => confirmBatch(db, batch), { maxBatch: 500, concurrency: 1 });
    writers.set(db, writer);
  }
  return writer;
}

/**
 * "Send me a new link" from an expired link's page. Only the address the signature was made with gets
 * it, so the button reveals nothing; the daily cap on repeat emails applies.
 */
export async function resendConfirmation(
  db: DbClient,
  secret: VerifyingKeys,
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
      kind: "pledge-confirm",
      refId: signature.id,
      params: { issuedAt: now.toISOString() },
    });
  });
}
