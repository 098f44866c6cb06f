import crypto from "node:crypto";
import type { DbClient } from "@/lib/db";
import { createSigner, type SignPledge } from "@/lib/pledge/sign";
import { issueFormToken } from "@/lib/security/form-token";
import { signPledgeSchema, type SignPledgeInput } from "@/lib/validation/pledge";
import type { DatabaseProvider } from "@/prisma/database-target";

// Shared by the pledge tests: a signer wired as lib/pledge/index.ts wires the app's, sign-up input as the
// form would send it, and the links out of the emails in the outbox.

export const PROVIDERS: readonly DatabaseProvider[] = ["sqlite", "postgresql"];

export const newSecret = (): Buffer => crypto.randomBytes(32);

/** A form token for a form shown five seconds ago: old enough to count as filled in by a person. */
export const oldFormToken = (secret: Buffer): string => issueFormToken(secret, Date.now() - 5_000);

export type PledgeFields = {
  name?: unknown;
  email?: unknown;
  nation?: unknown;
  country?: unknown;
  campaignEmails?: unknown;
  website?: unknown;
  formToken?: unknown;
};

/** What a person fills in, before validation. Keys set to undefined are left out, as a browser would. */
export function pledgeFields(secret: Buffer, overrides: PledgeFields = {}): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    name: "Jo Bloggs",
    email: "jo.bloggs@example.org",
    nation: "england",
    formToken: oldFormToken(secret),
    ...overrides,
  };
  for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key];
  return fields;
}

/** Validated input, exactly as the route and the server action hand it to the signer. */
export function pledgeInput(secret: Buffer, overrides: PledgeFields = {}): SignPledgeInput {
  return signPledgeSchema.parse(pledgeFields(secret, overrides));
}

/** A signer configured as the app's: one batch at a time on SQLite, four on PostgreSQL. */
export function newSigner(
  db: DbClient,
  provider: DatabaseProvider,
  secret: Buffer,
  perAddressPerMinute = 100_000,
): SignPledge {
  return createSigner(db, {
    secret,
    perAddressPerMinute,
    concurrentBatches: provider === "sqlite" ? 1 : 4,
  });
}

/** A different client address per call, so the per-address limit stays out of the way unless wanted. */
let nextAddress = 1;
export function someClient(): { clientAddress: string } {
  nextAddress += 1;
  return { clientAddress: `198.51.100.${nextAddress % 250}, 203.0.113.${Math.floor(nextAddress / 250) % 250}` };
}

const confirmPattern = /\/pledge\/confirm\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/;
const managePattern = /\/pledge\/manage\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/;

/** The confirm token in an email's plain text, or undefined when the email has no confirm link. */
export function confirmTokenIn(text: string): string | undefined {
  return confirmPattern.exec(text)?.[1];
}

export function manageTokenIn(text: string): string {
  const token = managePattern.exec(text)?.[1];
  if (!token) throw new Error("email has no manage link");
  return token;
}

/** Every queued email to `address`, oldest first. */
export function emailsTo(db: DbClient, address: string) {
  return db.outboxMessage.findMany({
    where: { toAddress: address },
    orderBy: { createdAt: "asc" },
    select: { kind: true, subject: true, text: true, html: true, toAddress: true },
  });
}

/** The confirm token from the one confirmation email queued for `address`. */
export async function confirmTokenFor(db: DbClient, address: string): Promise<string> {
  const emails = await emailsTo(db, address);
  const confirmation = emails.filter((email) => email.kind === "pledge-confirm");
  if (confirmation.length !== 1) throw new Error(`expected one confirmation email, found ${confirmation.length}`);
  const token = confirmTokenIn(confirmation[0]!.text);
  if (!token) throw new Error("confirmation email has no confirm link");
  return token;
}

/** Empties both tables between tests. */
export async function clearPledgeTables(db: DbClient): Promise<void> {
  await db.outboxMessage.deleteMany();
  await db.signature.deleteMany();
}

/** Everything a test may compare in a signature row, with dates as ISO strings. */
export async function signatureRows(db: DbClient) {
  const rows = await db.signature.findMany({ orderBy: { emailKey: "asc" } });
  return rows.map((row) => ({
    ...row,
    consentAt: row.consentAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    repeatWindowStartedAt: row.repeatWindowStartedAt?.toISOString() ?? null,
  }));
}
