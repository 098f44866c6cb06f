import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { DbClient } from "@/lib/platform/db";
import { enqueueEmails, type QueuedEmail } from "@/lib/mail/outbox";
import type { HeldReason } from "@/lib/pledge/admission";
import { pledgeConsent } from "@/lib/pledge/consent";
import { nextRepeatCounters, unchangedCounters } from "@/lib/pledge/repeat-cap";

/** One accepted form submission, validated and classified, waiting to be written. */
export type SignatureRequest = {
  id: string;
  name: string;
  email: string;
  emailKey: string;
  nation: string;
  country: string;
  campaignEmails: boolean;
  clientHash: string;
  /** The known partner code (content/partners.yaml) whose link brought them, if any. */
  partnerCode?: string | null;
  /** Set when the sign-up waits for staff (lib/pledge/admission.ts): stored, not emailed, not counted. */
  held?: HeldReason;
  at: Date;
};

type Transaction = Parameters<Parameters<DbClient["$transaction"]>[0]>[0];

const columns = Prisma.raw(
  '"id","name","email","emailKey","nation","country","status","heldReason","campaignEmails","consentVersion","consentAt","clientHash","createdAt","partnerCode","campaignEmailsAt","updatedAt"',
);

/** The outbox holds which email and whose record, never the body: the worker renders it at send time. */
const confirmEmail = (id: string, at: Date): QueuedEmail => ({
  kind: "pledge-confirm",
  refId: id,
  params: { issuedAt: at.toISOString() },
});

/**
 * The unique index on emailKey decides who is new: ON CONFLICT DO NOTHING returns only the rows it
 * inserted, whatever another transaction (or app instance) is doing at the same moment. No read first.
 */
async function insertNew(tx: Transaction, requests: SignatureRequest[]): Promise<Set<string>> {
  if (requests.length === 0) return new Set();
  const rows = requests.map(
    (r) =>
      Prisma.sql`(${r.id}, ${r.name}, ${r.email}, ${r.emailKey}, ${r.nation}, ${r.country}, ${r.held ? "held" : "pending"}, ${r.held ?? null}, ${r.campaignEmails}, ${pledgeConsent.version}, ${r.at}, ${r.clientHash}, ${r.at}, ${r.partnerCode ?? null}, ${r.at}, ${r.at})`,
  );
  const inserted = await tx.$queryRaw<{ emailKey: string }[]>`
    INSERT INTO "Signature" (${columns}) VALUES ${Prisma.join(rows)}
    ON CONFLICT ("emailKey") DO NOTHING RETURNING "emailKey"`;
  return new Set(inserted.map((row) => row.emailKey));
}

/** Someone signed with an address we already hold: answer by email, never on screen. */
async function handleRepeat(
  tx: Transaction,
  request: SignatureRequest,
  emails: QueuedEmail[],
): Promise<void> {
  const existing = await tx.signature.findUnique({
    where: { emailKey: request.emailKey },
    select: {
      id: true,
      status: true,
      repeatEmailCount: true,
      repeatWindowStartedAt: true,
      updatedAt: true,
    },
  });
  if (!existing) return; // withdrawn (deleted) between our insert and this read: nothing to say

  if (existing.status === "held") {
    // A held sign-up (a script's, or someone's on a busy network) used this address first. An admitted
    // sign-up now takes the row over, with its details; only one of several racing sign-ups can (the
    // update requires the row to be held still).
    const { count } = await tx.signature.updateMany({
      where: { id: existing.id, status: "held" },
      data: {
        name: request.name,
        email: request.email,
        nation: request.nation,
        country: request.country,
        campaignEmails: request.campaignEmails,
        campaignEmailsAt: request.at,
        status: "pending",
        heldReason: null,
        consentVersion: pledgeConsent.version,
        consentAt: request.at,
        clientHash: request.clientHash,
        createdAt: request.at,
        partnerCode: request.partnerCode ?? null,
      },
    });
    if (count === 1) {
      emails.push(confirmEmail(existing.id, request.at));
      return;
    }
    return handleRepeat(tx, request, emails); // someone else took it over: an ordinary repeat now
  }

  const counters = nextRepeatCounters(existing, request.at);
  if (!counters) return;
  const { count } = await tx.signature.updateMany({
    where: { id: existing.id, ...unchangedCounters(existing) },
    // The counters are bookkeeping, not a change to the supporter: updatedAt (what a CRM export's "changed
    // since" reads) keeps its value, or every repeat sign-up would re-send the row to the CRM.
    data: { ...counters, updatedAt: existing.updatedAt },
  });
  if (count !== 1) return; // a concurrent sign-up spent this slot and sends its own email
  // Whether it says "please confirm" or "already counted" is decided when it is sent, from the row then.
  emails.push({ kind: "pledge-repeat", refId: existing.id, params: { issuedAt: request.at.toISOString() } });
}

/**
 * Writes one batch of sign-ups in a single transaction: new signatures, the takeover of held rows,
 * repeat-signing emails, and every email in the outbox, all or nothing. A repeat within the same batch
 * (the same address twice in one burst) is handled after the first, exactly as if it came a moment later.
 * Rows are written in emailKey order, so two batches never lock the same keys in opposite orders.
 */
export async function writeSignatureBatch(db: DbClient, requests: SignatureRequest[]): Promise<void> {
  // One stable sort: rows and repeats go in emailKey order, one address's sign-ups keep their arrival order.
  const inKeyOrder = [...requests].sort((a, b) =>
    a.emailKey < b.emailKey ? -1 : a.emailKey > b.emailKey ? 1 : 0,
  );
  const firstPerKey = new Map<string, SignatureRequest>();
  for (const request of inKeyOrder)
    if (!firstPerKey.has(request.emailKey)) firstPerKey.set(request.emailKey, request);

  await db.$transaction(async (tx) => {
    const emails: QueuedEmail[] = [];
    const inserted = await insertNew(tx, [...firstPerKey.values()]);
    for (const request of inKeyOrder) {
      const isNew = inserted.has(request.emailKey) && firstPerKey.get(request.emailKey) === request;
      if (isNew) {
        if (!request.held) emails.push(confirmEmail(request.id, request.at));
      } else if (!request.held) {
        await handleRepeat(tx, request, emails);
      }
    }
    await enqueueEmails(tx, emails);
  }, BATCH_TRANSACTION);
}

/**
 * Prisma's defaults (2 s to get a connection, 5 s to finish) fail whole batches when a busy machine is
 * slow but working; a batch is hundreds of people, so it may wait longer before it is given up on.
 */
export const BATCH_TRANSACTION = { maxWait: 10_000, timeout: 30_000 } as const;
