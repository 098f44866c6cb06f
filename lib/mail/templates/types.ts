import type { KeyRing } from "@/lib/security/field-cipher";
import type { DbClient } from "@/lib/platform/db";
import type { EmailParams, RenderedEmail } from "@/lib/mail/types";

/** What templates need at send time: the database to read the record, and the keys to open and sign. */
export type TemplateContext = {
  db: DbClient;
  /** APP_SECRET: signs the links in pledge and volunteer emails. */
  secret: Buffer;
  /** Opens volunteers' sealed name and address. */
  ring: KeyRing;
  siteUrl: string;
  /** Where "a new volunteer is waiting" goes (CAMPAIGNS_TEAM_EMAIL). */
  teamEmail: string;
};

/**
 * ready: send this. gone: the record was withdrawn or erased, or no longer wants this email; the row is
 * cancelled. invalid: the row cannot be rendered (bad parameters); it fails for an operator to look at.
 * `reason` is shown in lastError and logs, so it never holds personal data.
 */
export type TemplateOutcome =
  { status: "ready"; email: RenderedEmail } | { status: "gone" } | { status: "invalid"; reason: string };

export type TemplateInput = { refId: string | null; params: EmailParams };

export type Template = (context: TemplateContext, input: TemplateInput) => Promise<TemplateOutcome>;

export const GONE: TemplateOutcome = { status: "gone" };

export function invalid(reason: string): TemplateOutcome {
  return { status: "invalid", reason };
}

/** The composers return more (their own kind labels); only what goes on the wire is kept. */
export function ready(to: string, email: { subject: string; text: string; html: string }): TemplateOutcome {
  return { status: "ready", email: { to, subject: email.subject, text: email.text, html: email.html } };
}
