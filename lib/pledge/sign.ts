import "server-only";
import crypto from "node:crypto";
import { GroupCommit } from "@/lib/platform/group-commit";
import type { DbClient } from "@/lib/platform/db";
import { notifyOutbox } from "@/lib/mail/outbox";
import { keyedHash } from "@/lib/security/hashing";
import type { SignPledgeInput } from "@/lib/validation/pledge";
import { emailKey } from "@/lib/validation/email-key";
import type { Admit } from "@/lib/pledge/admission";
import { partnerByCode } from "@/lib/content/partners";
import { writeSignatureBatch, type SignatureRequest } from "@/lib/pledge/write-signatures";

export type SignerOptions = {
  secret: Buffer;
  admit: Admit;
  /** Batches written at once: 1 for SQLite (one writer), a few for PostgreSQL. */
  concurrentBatches: number;
};

export type SignContext = {
  clientAddress: string;
  /** A proof-of-work challenge was solved for this sign-up (lib/security/challenge.ts). */
  solvedChallenge: boolean;
  /** The partner whose API key made the request, if any. */
  partner?: string;
};

/** "check-email": the confirmation email is on its way (or, for a known address, a note saying so). */
export type SignOutcome = "check-email" | "held";

export type SignPledge = (input: SignPledgeInput, context: SignContext) => Promise<SignOutcome>;

/**
 * Accepts validated sign-ups. Whatever the address's history (new, pending, confirmed or held), the
 * caller sees the same result at the same moment, the commit of its batch: the response cannot tell
 * anyone whether an address has signed. The outcome depends only on the request itself (its network's
 * allowance, the challenge, the honeypot), never on the email address.
 */
export function createSigner(db: DbClient, options: SignerOptions): SignPledge {
  const writer = new GroupCommit<SignatureRequest, void>(
    async (batch) => {
      await writeSignatureBatch(db, batch);
      return batch.map(() => undefined);
    },
    { maxBatch: 500, concurrency: options.concurrentBatches },
  );

  return async function signPledge(input, context) {
    const clientHash = keyedHash(options.secret, "client-address", context.clientAddress);
    const admission = await options.admit({
      honeypot: input.website,
      solvedChallenge: context.solvedChallenge,
      partner: context.partner,
      clientAddress: context.clientAddress,
      clientHash,
    });

    await writer.submit({
      id: crypto.randomUUID(),
      name: input.name,
      email: input.email,
      emailKey: emailKey(input.email),
      nation: input.nation,
      country: input.country,
      campaignEmails: input.campaignEmails,
      clientHash,
      partnerCode: creditedPartner(input.ref, context.partner),
      held: admission.held ? admission.reason : undefined,
      at: new Date(),
    });
    if (!admission.held) notifyOutbox();
    return admission.held ? "held" : "check-email";
  };
}

/**
 * Which partner is credited: the link's `ref` if content/partners.yaml knows it, else the API key's partner
 * id when that id is also a known code. Unknown codes are ignored, never an error.
 */
function creditedPartner(ref: string | null | undefined, apiPartner: string | undefined): string | null {
  return partnerByCode(ref)?.code ?? partnerByCode(apiPartner)?.code ?? null;
}
