import "server-only";
import crypto from "node:crypto";
import { GroupCommit } from "@/lib/batching/group-commit";
import type { DbClient } from "@/lib/db";
import { notifyOutbox } from "@/lib/mail/outbox";
import { looksAutomated } from "@/lib/security/form-token";
import { keyedHash } from "@/lib/security/hashing";
import { RateLimiter } from "@/lib/security/rate-limiter";
import type { SignPledgeInput } from "@/lib/validation/pledge";
import { emailKey } from "@/lib/validation/email-key";
import { writeSignatureBatch, type SignatureRequest } from "./write-signatures";

export type SignerOptions = {
  secret: Buffer;
  /** Sign-ups per client address per minute before the rest are set aside as suspected abuse. */
  perAddressPerMinute: number;
  /** Batches written at once: 1 for SQLite (one writer), a few for PostgreSQL. */
  concurrentBatches: number;
};

export type SignPledge = (input: SignPledgeInput, context: { clientAddress: string }) => Promise<void>;

/**
 * Accepts validated sign-ups. Whatever the address's history (new, pending, confirmed, or set aside as
 * abuse), the caller sees the same result at the same moment, the commit of its batch: the response
 * cannot tell anyone whether an address has signed. What differs is only what is written and emailed.
 */
export function createSigner(db: DbClient, options: SignerOptions): SignPledge {
  const perAddress = new RateLimiter(options.perAddressPerMinute, 60_000);
  // One address signing over and over is a script: after this many an hour, set aside without a word.
  const perEmail = new RateLimiter(10, 60 * 60_000);
  const writer = new GroupCommit<SignatureRequest, void>(
    async (batch) => {
      await writeSignatureBatch(db, options.secret, batch);
      return batch.map(() => undefined);
    },
    { maxBatch: 500, concurrency: options.concurrentBatches },
  );

  return async function signPledge(input, context) {
    const clientHash = keyedHash(options.secret, "client-address", context.clientAddress);
    const key = emailKey(input.email);
    const suspect =
      looksAutomated(options.secret, input) || !perAddress.hit(clientHash) || !perEmail.hit(key);

    await writer.submit({
      id: crypto.randomUUID(),
      name: input.name,
      email: input.email,
      emailKey: key,
      nation: input.nation,
      country: input.country,
      campaignEmails: input.campaignEmails,
      clientHash,
      suspect,
      at: new Date(),
    });
    notifyOutbox();
  };
}
