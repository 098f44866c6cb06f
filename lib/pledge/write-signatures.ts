import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { DbClient } from "@/lib/db";
import { enqueueEmails } from "@/lib/mail/outbox";
import { pledgeConsent } from "./consent";
import { alreadySignedEmail, confirmSignatureEmail } from "./emails";
import { links } from "./links";
import { nextRepeatCounters, unchangedCounters } from "./repeat-cap";

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
  /** Honeypot filled, too fast, or over a rate limit: stored for review, never counted or emailed. */
  suspect: boolean;
  at: Date;
};

type Transaction = Parameters<Parameters<DbClient["$transaction"]>[0]>[0];
type OutgoingEmail = ReturnType<typeof confirmSignatureEmail> & { to: string };

const columns = Prisma.raw(
  '"id","name","email","emailKey","nation","country","status","campaignEmails","consentVersion","consentAt","clientHash","createdAt"',
);

/**
 * The unique index on emailKey decides who is new: ON CONFLICT DO NOTHING returns only the rows it
 * inserted, whatever another transaction (or app instance) is doing at the same moment. No read first.
 */
async function insertNew(tx: Transaction, requests: SignatureRequest[]): Promise<Set<string>> {
  if (requests.length === 0) return new Set();
  const rows = requests.map(
    (r) =>
      Prisma.sql`(${r.id}, ${r.name}, ${r.email}, ${r.emailKey}, ${r.nation}, ${r.country}, ${r.suspect ? "suspect" : "pending"}, ${r.campaignEmails}, ${pledgeConsent.version}, ${r.at}, ${r.clientHash}, ${r.at})`,
  );
  const inserted = await tx.$queryRaw<{ emailKey: string }[]>`
    INSERT INTO "Signature" (${columns}) VALUES ${Prisma.join(rows)}
    ON CONFLICT ("emailKey") DO NOTHING RETURNING "emailKey"`;
  return new Set(inserted.map((row) => row.emailKey));
}

/** Someone signed with an address we already hold: answer by email, never on screen. */
async function handleRepeat(
  tx: Transaction,
  secret: Buffer,
  request: SignatureRequest,
  emails: OutgoingEmail[],
): Promise<void> {
  const existing = await tx.signature.findUnique({
    where: { emailKey: request.emailKey },
    select: {
      id: true,
      name: true,
      email: true,
      status: true,
      repeatEmailCount: true,
      repeatWindowStartedAt: true,
    },
  });
  if (!existing) return; // withdrawn (deleted) between our insert and this read: nothing to say

  if (existing.status === "suspect") {
    // A bot used this address first. A real person signing now takes the row over, with their details;
    // only one of several racing sign-ups can (the update requires the row to be suspect still).
    const { count } = await tx.signature.updateMany({
      where: { id: existing.id, status: "suspect" },
      data: {
        name: request.name,
        email: request.email,
        nation: request.nation,
        country: request.country,
        campaignEmails: request.campaignEmails,
        status: "pending",
        consentVersion: pledgeConsent.version,
        consentAt: request.at,
        clientHash: request.clientHash,
        createdAt: request.at,
      },
    });
    if (count === 1) {
      emails.push({
        ...confirmSignatureEmail(request.name, links(secret, existing.id, request.at)),
        to: request.email,
      });
      return;
    }
    return handleRepeat(tx, secret, request, emails); // someone else took it over: an ordinary repeat now
  }

  const counters = nextRepeatCounters(existing, request.at);
  if (!counters) return;
  const { count } = await tx.signature.updateMany({
    where: { id: existing.id, ...unchangedCounters(existing) },
    data: counters,
  });
  if (count !== 1) return; // a concurrent sign-up spent this slot and sends its own email
  const pending = existing.status === "pending";
  const { confirmUrl, manageUrl } = links(secret, existing.id, request.at);
  const email = alreadySignedEmail(existing.name, pending ? { confirmUrl, manageUrl } : { manageUrl });
  emails.push({ ...email, to: existing.email });
}

/**
 * Writes one batch of sign-ups in a single transaction: new signatures, the takeover of suspect rows,
 * repeat-signing emails, and every email in the outbox, all or nothing. A repeat within the same batch
 * (the same address twice in one burst) is handled after the first, exactly as if it came a moment later.
 */
export async function writeSignatureBatch(
  db: DbClient,
  secret: Buffer,
  requests: SignatureRequest[],
): Promise<void> {
  const firstPerKey = new Map<string, SignatureRequest>();
  for (const request of requests)
    if (!firstPerKey.has(request.emailKey)) firstPerKey.set(request.emailKey, request);

  await db.$transaction(async (tx) => {
    const emails: OutgoingEmail[] = [];
    const inserted = await insertNew(tx, [...firstPerKey.values()]);
    for (const request of requests) {
      const isNew = inserted.has(request.emailKey) && firstPerKey.get(request.emailKey) === request;
      if (isNew) {
        if (!request.suspect)
          emails.push({
            ...confirmSignatureEmail(request.name, links(secret, request.id, request.at)),
            to: request.email,
          });
      } else if (!request.suspect) {
        await handleRepeat(tx, secret, request, emails);
      }
    }
    await enqueueEmails(tx, emails);
  });
}
